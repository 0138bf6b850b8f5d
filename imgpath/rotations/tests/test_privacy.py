"""Export everything; on deletion, files go, and what hosts rely on stays anonymous."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from imgpath.core.privacy import user_data_erase, user_data_export
from imgpath.rotations import services
from imgpath.rotations.models import (
    Application,
    ApplicationEvent,
    Booking,
    Document,
    HostProfile,
    Review,
)
from imgpath.rotations.tests.factories import SessionFactory, apply, book

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(session, offering, applicant, host):
    """A completed rotation with a review, an upcoming booking and a pending application."""
    past = SessionFactory(offering=offering)
    done = book(past, applicant)
    past.start_date = timezone.localdate() - timedelta(days=40)
    past.end_date = timezone.localdate() - timedelta(days=12)
    past.save()
    done = services.booking_complete(booking=done, completed_by=host, evaluation="Good")
    services.review_create(booking=done, author=applicant, rating=5, text="Worth it")
    upcoming = book(session, applicant)
    pending = apply(
        SessionFactory(offering=offering, start_date=session.end_date + timedelta(days=30)),
        applicant,
    )
    return done, upcoming, pending


def test_export_contains_my_rotations_and_not_others(
    client, history, applicant, other_applicant, session
):
    apply(session, other_applicant)
    client.force_login(applicant)
    data = client.get(reverse("data_export")).json()["data"]["rotations"]
    assert len(data["applications"]) == 3
    assert {d["type"] for d in data["documents"]} == {"cv"}
    completed = next(
        a for a in data["applications"] if a["booking"] and a["booking"]["status"] == "completed"
    )
    assert completed["booking"]["review"] == {"rating": 5, "text": "Worth it"}
    assert [e["event"] for e in completed["history"]][:2] == ["applied", "accepted"]
    assert other_applicant.name not in str(data)


def test_host_export_contains_profiles(host, host_profile, offering):
    data = user_data_export(user=host)["data"]["rotations"]
    assert data["host_profiles"][0]["name"] == host_profile.name
    assert data["host_profiles"][0]["offerings"] == [
        {"title": offering.title, "status": "published"}
    ]


def test_erasing_an_applicant(
    history, applicant, other_applicant, host, django_capture_on_commit_callbacks
):
    done, upcoming, pending = history
    waiting = apply(upcoming.session, other_applicant)
    services.application_decide(application=waiting, decision="waitlist", decided_by=host)
    upcoming.session.seats = 1
    upcoming.session.save()
    files = list(Document.objects.filter(owner=applicant).values_list("file", flat=True))
    assert files and all(default_storage.exists(f) for f in files)

    with django_capture_on_commit_callbacks(execute=True):
        user_data_erase(user=applicant)

    assert not any(default_storage.exists(f) for f in files)
    assert not Document.objects.filter(file__in=files).exists()
    assert not Application.objects.filter(pk=pending.pk).exists()
    cancelled = Booking.objects.get(pk=upcoming.pk)
    assert (cancelled.status, cancelled.cancel_reason, cancelled.applicant) == (
        "cancelled",
        "account_deleted",
        None,
    )
    assert Booking.objects.get(application=waiting).status == "booked"
    kept = Booking.objects.get(pk=done.pk)
    assert kept.applicant is None and kept.status == "completed"
    assert kept.application.statement == "" and kept.application.applicant_name == "Deleted account"
    assert Review.objects.get(booking=kept).text == "Worth it"
    assert ApplicationEvent.objects.filter(
        application=kept.application, actor_role="applicant"
    ).exists()


def test_the_host_still_sees_an_anonymous_booking(client, history, applicant, host):
    done, _, _ = history
    user_data_erase(user=applicant)
    client.force_login(host)
    html = client.get(
        reverse("host_application_detail", args=[done.application_id])
    ).content.decode()
    assert "Deleted account" in html and "a former applicant" in html


def test_erasing_a_host(session, applicant, other_applicant, host, host_profile, offering):
    booking = book(session, applicant)
    pending = apply(
        SessionFactory(offering=offering, start_date=session.end_date + timedelta(days=5)),
        other_applicant,
    )

    user_data_erase(user=host)

    profile = HostProfile.objects.get(pk=host_profile.pk)
    assert profile.owner is None and profile.credentials == ""
    booking.refresh_from_db()
    assert (booking.status, booking.cancel_reason, booking.refund_due_usd) == (
        "cancelled",
        "host_cancelled",
        1000,
    )
    pending.refresh_from_db()
    assert pending.status == "declined"
    offering.refresh_from_db()
    assert offering.status == "archived" and not offering.is_public


def test_deleting_the_account_from_the_page_removes_files(
    client, applicant, django_capture_on_commit_callbacks
):
    from imgpath.rotations.tests.factories import document_for

    name = document_for(applicant).file.name
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_delete"), {"confirm_email": applicant.email})
    assert not default_storage.exists(name)
