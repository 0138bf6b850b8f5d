from __future__ import annotations

import json

import pytest
from django.urls import reverse

from imgpath.accounts.models import ApiToken, User

pytestmark = pytest.mark.django_db


def _create_token(client, name: str = "nightly-sync") -> str:
    response = client.post(reverse("api_token_create"), {"name": name})
    assert response.status_code == 200
    return response.context["new_secret"]


def test_token_is_shown_once_and_authenticates_api_calls(client, applicant):
    client.force_login(applicant)
    secret = _create_token(client)
    client.logout()

    assert ApiToken.objects.get().key_digest == ApiToken.digest(secret)
    assert secret not in client.get(reverse("account_settings")).content.decode()
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200
    assert me.json()["email"] == applicant.email
    assert client.get("/api/v1/me", headers={"X-API-Token": secret}).status_code == 200


def test_revoked_token_stops_working(client, applicant):
    client.force_login(applicant)
    secret = _create_token(client)
    token = ApiToken.objects.get()

    client.post(reverse("api_token_revoke", args=[token.pk]))
    client.logout()

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Sign in, or send a personal API token."}


def test_token_needs_a_name(client, applicant):
    client.force_login(applicant)

    response = client.post(reverse("api_token_create"), {"name": "  "})

    assert response.status_code == 422
    assert ApiToken.objects.count() == 0


def test_another_user_cannot_revoke_my_token(client, applicant, other_applicant):
    client.force_login(applicant)
    _create_token(client)
    token = ApiToken.objects.get()
    client.force_login(other_applicant)

    response = client.post(reverse("api_token_revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.is_active
    assert "nightly-sync" not in client.get(reverse("account_settings")).content.decode()


def test_export_contains_my_data_only(client, applicant, other_applicant):
    client.force_login(applicant)

    response = client.get(reverse("data_export"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    payload = json.loads(response.content)
    assert payload["data"]["accounts"]["email"] == applicant.email
    assert other_applicant.email not in response.content.decode()


def test_export_and_delete_need_login(client):
    assert client.get(reverse("data_export")).status_code == 302
    assert client.post(reverse("account_delete")).status_code == 302


def test_delete_needs_the_right_confirmation(client, applicant):
    client.force_login(applicant)

    response = client.post(reverse("account_delete"), {"confirm_email": "someone@else.org"})

    assert response.status_code == 422
    assert User.objects.filter(pk=applicant.pk).exists()


def test_delete_removes_the_account_tokens_and_session(client, applicant, other_applicant):
    client.force_login(applicant)
    _create_token(client)

    response = client.post(reverse("account_delete"), {"confirm_email": applicant.email.upper()})

    assert response.status_code == 302
    assert not User.objects.filter(pk=applicant.pk).exists()
    assert ApiToken.objects.count() == 0
    assert User.objects.filter(pk=other_applicant.pk).exists()
    assert "_auth_user_id" not in client.session


def test_name_change(client, applicant):
    client.force_login(applicant)

    client.post(reverse("account_settings"), {"name": "Ana María López"})

    applicant.refresh_from_db()
    assert applicant.name == "Ana María López"
