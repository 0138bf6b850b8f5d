"""The pages: browse and suggestions, asking, answering, office hours in the viewer's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from imgpath.mentorship import services
from imgpath.mentorship.models import MentorProfile, Mentorship, OfficeHour, OfficeHourBooking
from imgpath.mentorship.tests.factories import active_mentorship, approved_mentor, slot
from imgpath.profiles.models import ApplicantProfile

pytestmark = pytest.mark.django_db


def test_everyone_browses_approved_mentors_without_contact_details(client_for, mentor_profile):
    hidden = approved_mentor()
    hidden.user.approved_at = None
    hidden.user.save()
    page = client_for(None).get(reverse("mentorship:mentors")).content.decode()
    assert "Dr. Mina Mentor" in page and hidden.user.name not in page
    assert mentor_profile.user.email not in page
    detail = client_for(None).get(reverse("mentorship:mentor_detail", args=[mentor_profile.pk]))
    assert detail.status_code == 200 and mentor_profile.user.email.encode() not in detail.content
    assert (
        client_for(None).get(reverse("mentorship:mentor_detail", args=[hidden.pk])).status_code
        == 404
    )


def test_an_applicant_sees_suggestions_with_reasons_and_can_filter(
    client_for, applicant, mentor_profile
):
    ApplicantProfile.objects.create(user=applicant, data={"medical_school": {"country": "NG"}})
    approved_mentor(graduation_country="BR", topics=[], languages=["pt"])
    page = client_for(applicant).get(reverse("mentorship:mentors")).content.decode()
    assert "Suggested for you" in page and "Graduated in Nigeria like you." in page
    filtered = client_for(applicant).get(reverse("mentorship:mentors"), {"language": "pt"})
    assert "Dr. Mina Mentor" not in filtered.content.decode()
    assert (
        client_for(applicant).get(reverse("mentorship:mentors"), {"topic": "bad"}).status_code
        == 200
    )


def test_asking_from_the_mentor_page(client_for, applicant, mentor_profile, host):
    url = reverse("mentorship:mentor_detail", args=[mentor_profile.pk])
    assert client_for(None).post(url, {"goal": "x"}).status_code == 302
    assert client_for(host).post(url, {"goal": "x"}).status_code == 403
    assert client_for(applicant).post(url, {"goal": ""}).status_code == 422
    assert client_for(applicant).post(url, {"goal": "Help me plan USCE"}).status_code == 302
    assert Mentorship.objects.get().goal == "Help me plan USCE"
    again = client_for(applicant).post(url, {"goal": "again"})
    assert again.status_code == 422 and b"already have an open request" in again.content


def test_the_mentor_answers_from_the_dashboard(
    client_for, applicant, mentor_profile, mentor, unrelated_mentor, other_applicant, host
):
    request = services.mentorship_request(mentee=applicant, profile=mentor_profile, goal="Goal A")
    home = reverse("mentorship:home")
    assert b"Goal A" in client_for(mentor).get(home).content
    for outsider in (other_applicant, unrelated_mentor):
        assert b"Goal A" not in client_for(outsider).get(home).content
        assert (
            client_for(outsider).post(reverse("mentorship:accept", args=[request.pk])).status_code
            == 404
        )
        assert (
            client_for(outsider).post(reverse("mentorship:end", args=[request.pk])).status_code
            == 404
        )
    assert client_for(host).get(home).status_code == 404
    assert client_for(None).post(reverse("mentorship:accept", args=[request.pk])).status_code == 302
    request.refresh_from_db()
    assert request.status == "requested"
    client_for(mentor).post(reverse("mentorship:accept", args=[request.pk]), {"message": "Welcome"})
    request.refresh_from_db()
    assert request.status == "active"
    assert b"Messages" in client_for(applicant).get(home).content


def test_a_mentor_edits_their_profile(client_for, mentor, applicant):
    mentor.approved_at = timezone.now()
    mentor.save()
    url = reverse("mentorship:edit_profile")
    assert client_for(applicant).get(url).status_code == 404
    data = {
        "graduation_country": "EG",
        "specialty": "pediatrics",
        "time_zone": "Africa/Cairo",
        "capacity": 3,
        "languages": ["ar", "en"],
        "topics": ["usce"],
        "visa_route": "h1b",
    }
    assert client_for(mentor).post(url, {**data, "time_zone": "Mars/Olympus"}).status_code == 422
    assert client_for(mentor).post(url, data).status_code == 302
    profile = MentorProfile.objects.get(user=mentor)
    assert (profile.graduation_country, profile.languages, profile.capacity) == (
        "EG",
        ["ar", "en"],
        3,
    )


def test_office_hours_are_shown_in_the_viewers_zone(
    client_for, applicant, mentor_profile, mentor, other_applicant
):
    active_mentorship(mentor_profile, applicant)
    services.mentee_settings_update(user=applicant, languages=["en"], time_zone="Asia/Kolkata")
    start = datetime(2031, 3, 4, 15, 0, tzinfo=UTC)
    OfficeHour.objects.create(
        mentor=mentor,
        title="Visa Q&A",
        kind="group",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=5,
    )
    page = client_for(applicant).get(reverse("mentorship:office_hours")).content.decode()
    assert "Tue 4 Mar 2031, 20:30 (Asia/Kolkata, IST)" in page
    mentor_page = client_for(mentor).get(reverse("mentorship:office_hours")).content.decode()
    assert "Tue 4 Mar 2031, 10:00 (America/New_York, EST)" in mentor_page
    assert (
        "Visa Q&amp;A"
        not in client_for(other_applicant).get(reverse("mentorship:office_hours")).content.decode()
    )


def test_a_mentor_publishes_in_their_own_zone(client_for, mentor_profile, mentor):
    day = (timezone.now() + timedelta(days=10)).date()
    response = client_for(mentor).post(
        reverse("mentorship:office_hours"),
        {
            "title": "Step 1",
            "kind": "one_to_one",
            "starts_at": f"{day}T09:00",
            "duration_minutes": 30,
            "capacity": 1,
        },
    )
    assert response.status_code == 302
    made = OfficeHour.objects.get()
    assert made.starts_at.astimezone(ZoneInfo("America/New_York")).hour == 9
    bad = client_for(mentor).post(
        reverse("mentorship:office_hours"),
        {
            "title": "x",
            "kind": "one_to_one",
            "starts_at": f"{day}T09:00",
            "duration_minutes": 30,
            "capacity": 4,
        },
    )
    assert bad.status_code == 422 and b"exactly one seat" in bad.content


def test_booking_ics_and_the_private_feed(
    client_for, client, applicant, mentor_profile, other_applicant
):
    active_mentorship(mentor_profile, applicant)
    one = slot(mentor_profile.user, title="Mock interview")
    assert (
        client_for(other_applicant).post(reverse("mentorship:book", args=[one.pk])).status_code
        == 404
    )
    client_for(applicant).post(reverse("mentorship:book", args=[one.pk]))
    booking = OfficeHourBooking.objects.get()
    ics_url = reverse("mentorship:booking_ics", args=[booking.pk])
    assert b"Mock interview" in client_for(applicant).get(ics_url).content
    assert client_for(other_applicant).get(ics_url).status_code == 404
    assert (
        client_for(other_applicant)
        .post(reverse("mentorship:cancel_booking", args=[booking.pk]))
        .status_code
        == 404
    )
    client_for(applicant).get(reverse("mentorship:office_hours"))
    token = applicant.office_hours_feed.token
    client.logout()
    feed = client.get(reverse("mentorship:calendar_feed", args=[token]))
    assert feed["Content-Type"].startswith("text/calendar") and b"Mock interview" in feed.content
    assert client.get(reverse("mentorship:calendar_feed", args=["wrong"])).status_code == 404
    client_for(applicant).post(reverse("mentorship:cancel_booking", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert (
        b"Mock interview"
        not in client.get(reverse("mentorship:calendar_feed", args=[token])).content
    )


def test_the_dashboard_shows_what_needs_an_answer(client_for, applicant, mentor_profile, mentor):
    services.mentorship_request(mentee=applicant, profile=mentor_profile, goal="Goal B")
    assert b"1 request needs your answer" in client_for(mentor).get(reverse("dashboard")).content
    assert b"1 request waiting" in client_for(applicant).get(reverse("dashboard")).content


def test_export_and_erase(client_for, applicant, mentor_profile, mentor):
    from imgpath.core.privacy import user_data_erase, user_data_export

    mentorship = active_mentorship(mentor_profile, applicant)
    services.office_hour_book(slot=slot(mentor), mentee=applicant)
    data = user_data_export(user=applicant)["data"]
    assert data["mentorship"]["mentorships"][0]["with"] == "Dr. Mina Mentor"
    assert data["mentorship"]["office_hour_bookings"][0]["status"] == "booked"
    assert data["messaging"]["threads"][0]["subject"] == "Mentorship"
    mentor_data = user_data_export(user=mentor)["data"]["mentorship"]
    assert mentor_data["mentor_profile"]["graduation_country"] == "NG"
    user_data_erase(user=applicant)
    assert not Mentorship.objects.filter(pk=mentorship.pk).exists()
    from imgpath.messaging.models import Thread

    assert Thread.objects.get(pk=mentorship.thread_id).is_closed
