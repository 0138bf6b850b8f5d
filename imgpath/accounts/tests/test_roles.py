from __future__ import annotations

import pytest
from django.urls import reverse

from imgpath.accounts.models import User

pytestmark = pytest.mark.django_db


def test_community_lists_only_approved_hosts_and_mentors(
    client, host, other_host, mentor, staff, applicant
):
    client.force_login(staff)
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "approve_selected", "_selected_action": [host.pk, mentor.pk, applicant.pk]},
    )
    client.logout()

    page = client.get(reverse("community")).content.decode()

    assert host.name in page and mentor.name in page
    assert other_host.name not in page
    assert applicant.name not in page
    assert User.objects.get(pk=applicant.pk).approved_at is None


def test_unapproved_host_can_use_the_account_and_is_told_about_review(client, host):
    client.force_login(host)

    page = client.get(reverse("dashboard")).content.decode()

    assert "review new hosts" in page


def test_admin_is_for_staff_only(client, applicant, staff):
    client.force_login(applicant)
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize("persona", ["applicant", "host", "mentor", "staff"])
def test_navigation_fits_the_role(client, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    page = client.get(reverse("dashboard")).content.decode()

    assert 'aria-label="Main"' in page
    assert f'<span class="role-tag">{persona}</span>' in page
    assert ("Admin</a>" in page) is (persona == "staff")


def test_anonymous_navigation_offers_sign_in(client):
    page = client.get(reverse("home")).content.decode()
    assert "Sign in" in page and "Create account" in page
