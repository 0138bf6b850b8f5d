"""Staff verify hosts in the admin; the dashboard shows each role what needs doing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from imgpath.rotations.models import HostProfile
from imgpath.rotations.tests.factories import HostProfileFactory, apply, book

pytestmark = pytest.mark.django_db


def test_staff_verify_in_the_admin_and_the_page_says_who_and_when(client, staff, host):
    profile = HostProfileFactory(owner=host, verified_at=None, verified_by=None)
    client.force_login(staff)
    changelist = reverse("admin:rotations_hostprofile_changelist")
    assert profile.name in client.get(changelist + "?verified=no").content.decode()

    client.post(changelist, {"action": "verify_selected", "_selected_action": [profile.pk]})

    profile.refresh_from_db()
    assert profile.verified_by == staff and profile.verified_at is not None
    client.force_login(host)
    assert "✓ Verified by IMGPath staff on" in client.get(reverse("host_home")).content.decode()


def test_staff_can_withdraw_verification(client, staff, host_profile):
    client.force_login(staff)
    client.post(
        reverse("admin:rotations_hostprofile_changelist"),
        {"action": "unverify_selected", "_selected_action": [host_profile.pk]},
    )
    assert not HostProfile.objects.get(pk=host_profile.pk).is_verified


@pytest.mark.parametrize(
    "name",
    [
        "admin:rotations_hostprofile_changelist",
        "admin:rotations_offering_changelist",
        "admin:rotations_application_changelist",
        "admin:rotations_booking_changelist",
        "admin:rotations_document_changelist",
        "admin:rotations_review_changelist",
        "admin:rotations_letterrequest_changelist",
    ],
)
def test_admin_pages_open(client, staff, session, applicant, name):
    book(session, applicant)
    client.force_login(staff)
    assert client.get(reverse(name)).status_code == 200


def test_admin_change_pages_open_and_never_link_files_directly(client, staff, session, applicant):
    booking = book(session, applicant)
    document = booking.application.documents.get()
    client.force_login(staff)
    for name, pk in [
        ("admin:rotations_hostprofile_change", session.offering.host_id),
        ("admin:rotations_offering_change", session.offering_id),
        ("admin:rotations_application_change", booking.application_id),
        ("admin:rotations_booking_change", booking.pk),
        ("admin:rotations_document_change", document.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 200
    html = client.get(reverse("admin:rotations_document_changelist")).content.decode()
    assert reverse("document_download", args=[document.pk]) in html
    assert document.file.name not in html


def test_applicant_dashboard_shows_upcoming_bookings(client, session, other_session, applicant):
    apply(other_session, applicant)
    book(session, applicant)
    client.force_login(applicant)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Clinical experience" in html and "Hana&#x27;s IM observership" in html
    assert "1 application waiting" in html


def test_host_dashboard_shows_applications_to_review(client, session, applicant, host, other_host):
    apply(session, applicant)
    client.force_login(host)
    assert applicant.name in client.get(reverse("dashboard")).content.decode()
    client.force_login(other_host)
    html = client.get(reverse("dashboard")).content.decode()
    assert applicant.name not in html and "Create your host profile" in html


def test_staff_dashboard_counts_hosts_to_verify(client, staff):
    HostProfileFactory(verified_at=None, verified_by=None)
    client.force_login(staff)
    assert (
        "1 host profile waiting for verification"
        in client.get(reverse("dashboard")).content.decode()
    )


@pytest.mark.parametrize(
    ("persona", "expected", "absent"),
    [
        ("applicant", ["Clinical experience", "My rotations"], ["Hosting"]),
        ("host", ["Clinical experience", "Hosting"], ["My rotations"]),
    ],
)
def test_navigation(client, request, persona, expected, absent):
    client.force_login(request.getfixturevalue(persona))
    nav = (
        client.get(reverse("dashboard"))
        .content.decode()
        .split('aria-label="Main"')[1]
        .split("</nav>")[0]
    )
    assert all(f">{label}</a>" in nav for label in expected)
    assert not any(f">{label}</a>" in nav for label in absent)
