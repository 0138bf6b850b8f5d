from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from imgpath.accounts.models import Role, User
from imgpath.accounts.tests.factories import PASSWORD, ApplicantFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase-42"


def _link_from_last_email() -> str:
    body = mail.outbox[-1].body
    match = re.search(r"https?://[^\s]+", body)
    assert match, body
    return match.group(0).replace("http://testserver", "")


def _signup(client, role: str = "applicant", email: str = "new@example.org"):
    return client.post(
        reverse("account_signup"),
        {
            "name": "Nadia Nuevo",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "role": role,
        },
    )


def test_signup_records_name_and_role_and_sends_verification(client):
    response = _signup(client, role="host")

    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert (user.name, user.role) == ("Nadia Nuevo", Role.HOST)
    assert user.approved_at is None
    assert user.password.startswith("md5$")  # tests hash fast; production uses Argon2
    assert len(mail.outbox) == 1
    assert "confirm" in mail.outbox[0].body.lower()
    # Emails name the site and its public address, never the request's host.
    assert "Hello from IMGPath!" in mail.outbox[0].body
    assert "testserver" not in mail.outbox[0].body.split("http")[0]


def test_signup_cannot_choose_staff_role(client):
    response = _signup(client, role="staff")

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()


def test_login_waits_for_email_verification_then_succeeds(client):
    _signup(client)
    client.logout()
    confirm_url = _link_from_last_email()

    blocked = client.post(
        reverse("account_login"), {"login": "new@example.org", "password": PASSWORD}
    )
    assert blocked.status_code == 302 and "confirm-email" in blocked["Location"]
    assert "_auth_user_id" not in client.session

    client.post(confirm_url)
    assert EmailAddress.objects.get(email="new@example.org").verified

    response = client.post(
        reverse("account_login"), {"login": "New@Example.org", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "Welcome, Nadia Nuevo" in response.content.decode()


def test_repeated_failed_logins_are_throttled(client, applicant):
    cache.clear()
    for _ in range(5):
        response = client.post(
            reverse("account_login"), {"login": applicant.email, "password": "wrong-password"}
        )
        assert response.status_code == 200

    throttled = client.post(
        reverse("account_login"), {"login": applicant.email, "password": PASSWORD}
    )

    assert "Too many failed login attempts" in throttled.content.decode()
    assert "_auth_user_id" not in client.session
    cache.clear()
    assert (
        client.post(
            reverse("account_login"), {"login": applicant.email, "password": PASSWORD}
        ).status_code
        == 302
    )


def test_password_reset_by_email(client, applicant):
    client.post(reverse("account_reset_password"), {"email": applicant.email})
    reset_url = _link_from_last_email()

    form_page = client.get(reset_url, follow=True)
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset_url
    client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    applicant.refresh_from_db()
    assert applicant.check_password(NEW_PASSWORD)


def test_change_email_requires_verifying_the_new_address(client, applicant):
    client.force_login(applicant)

    client.post(reverse("account_email"), {"action_add": "", "email": "ana.new@example.org"})

    added = EmailAddress.objects.get(email="ana.new@example.org")
    assert added.user == applicant and not added.verified
    client.post(_link_from_last_email())
    added.refresh_from_db()
    assert added.verified


def test_logout_needs_post_and_ends_the_session(client, applicant):
    client.force_login(applicant)

    client.post(reverse("account_logout"))

    assert "_auth_user_id" not in client.session
    assert client.get(reverse("dashboard")).status_code == 302


def test_production_settings_hash_passwords_with_argon2():
    import config.settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_argon2_hashes_a_real_password(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = ApplicantFactory.build()
    user.set_password(PASSWORD)
    assert user.password.startswith("argon2")


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/accounts/login/", "Sign in"),
        ("/accounts/signup/", "Sign up"),
        ("/accounts/password/reset/", "Reset your password"),
    ],
)
def test_account_pages_use_sentence_case_titles(client, url, title):
    html = " ".join(client.get(url).content.decode().split())
    assert f"<title> {title} · IMGPath</title>" in html
    assert f"<h1> {title} </h1>" in html
    assert title.title() not in html
