"""Requests, limits, capacity, ending, expiry and office hours, through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.http import Http404
from django.utils import timezone

from imgpath.accounts.tests.factories import ApplicantFactory
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.mentorship import services
from imgpath.mentorship.models import Mentorship, OfficeHourBooking
from imgpath.mentorship.tests.factories import active_mentorship, approved_mentor, slot
from imgpath.messaging.models import Thread
from imgpath.messaging.services import block_create

pytestmark = pytest.mark.django_db


def ask(profile, mentee, goal="Guidance for Step 1"):
    return services.mentorship_request(mentee=mentee, profile=profile, goal=goal)


def test_a_request_emails_the_mentor_and_accepting_opens_a_thread(
    mentor_profile, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = ask(mentor_profile, applicant)
    assert mail.outbox[-1].to == [mentor_profile.user.email]
    assert "Guidance for Step 1" in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        accepted = services.mentorship_accept(mentorship=request, by=mentor_profile.user)
    assert accepted.status == "active"
    thread = Thread.objects.get(pk=accepted.thread_id)
    assert {m.user_id for m in thread.members.all()} == {applicant.pk, mentor_profile.user_id}
    assert mail.outbox[-1].to == [applicant.email]


def test_at_most_three_open_requests_and_one_per_mentor(applicant):
    mentors = [approved_mentor() for _ in range(4)]
    for profile in mentors[:3]:
        ask(profile, applicant)
    with pytest.raises(ConflictError, match="3 open requests"):
        ask(mentors[3], applicant)
    with pytest.raises(ConflictError, match="already have an open request"):
        ask(mentors[0], applicant)
    assert Mentorship.objects.filter(mentee=applicant).count() == 3


def test_withdrawing_frees_a_request_slot(applicant):
    mentors = [approved_mentor() for _ in range(4)]
    first = ask(mentors[0], applicant)
    for profile in mentors[1:3]:
        ask(profile, applicant)
    services.mentorship_end(mentorship=first, by=applicant)
    assert ask(mentors[3], applicant).status == "requested"


def test_paused_full_unapproved_and_blocked_mentors_refuse(mentor_profile, applicant):
    mentor_profile.paused = True
    mentor_profile.save()
    with pytest.raises(ConflictError, match="not taking requests"):
        ask(mentor_profile, applicant)

    full = approved_mentor(capacity=1)
    active_mentorship(full, ApplicantFactory())
    with pytest.raises(ConflictError, match="no free place"):
        ask(full, applicant)

    pending = approved_mentor()
    pending.user.approved_at = None
    pending.user.save()
    with pytest.raises(Http404):
        ask(pending, applicant)

    blocker = approved_mentor()
    block_create(blocker=blocker.user, blocked=applicant)
    with pytest.raises(Http404):
        ask(blocker, applicant)


def test_only_applicants_ask_and_goals_are_checked(mentor_profile, host):
    with pytest.raises(ServiceError, match="Only applicants"):
        ask(mentor_profile, host)
    with pytest.raises(ServiceError, match="at most 500"):
        ask(mentor_profile, ApplicantFactory(), goal="x" * 501)
    with pytest.raises(ServiceError, match="Say in a sentence"):
        ask(mentor_profile, ApplicantFactory(), goal="   ")


def test_accepting_never_exceeds_capacity(mentor_profile):
    mentor_profile.capacity = 1
    mentor_profile.save()
    first, second = ask(mentor_profile, ApplicantFactory()), ask(mentor_profile, ApplicantFactory())
    services.mentorship_accept(mentorship=first, by=mentor_profile.user)
    with pytest.raises(ConflictError, match="no free place"):
        services.mentorship_accept(mentorship=second, by=mentor_profile.user)
    second.refresh_from_db()
    assert second.status == "requested"


def test_only_the_mentor_answers(mentor_profile, applicant, unrelated_mentor):
    request = ask(mentor_profile, applicant)
    for outsider in (applicant, unrelated_mentor):
        with pytest.raises(Http404):
            services.mentorship_accept(mentorship=request, by=outsider)
        with pytest.raises(Http404):
            services.mentorship_decline(mentorship=request, by=outsider)
    request.refresh_from_db()
    assert request.status == "requested"


def test_declining_with_a_message(mentor_profile, applicant):
    declined = services.mentorship_decline(
        mentorship=ask(mentor_profile, applicant), by=mentor_profile.user, message="Try Dr. B."
    )
    assert (declined.status, declined.response) == ("declined", "Try Dr. B.")
    with pytest.raises(ConflictError):
        services.mentorship_accept(mentorship=declined, by=mentor_profile.user)


def test_requests_expire_after_fourteen_days(mentor_profile, applicant):
    request = ask(mentor_profile, applicant)
    Mentorship.objects.filter(pk=request.pk).update(created_at=timezone.now() - timedelta(days=15))
    with pytest.raises(ConflictError, match="expired"):
        services.mentorship_accept(mentorship=request, by=mentor_profile.user)
    request.refresh_from_db()
    assert request.status == "expired"


def test_ending_closes_the_thread_and_cancels_future_bookings(mentor_profile, applicant):
    mentorship = active_mentorship(mentor_profile, applicant)
    booking = services.office_hour_book(slot=slot(mentor_profile.user), mentee=applicant)
    ended = services.mentorship_end(mentorship=mentorship, by=mentor_profile.user)
    assert ended.status == "ended" and ended.ended_by == mentor_profile.user
    assert Thread.objects.get(pk=mentorship.thread_id).is_closed
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    with pytest.raises(ConflictError):
        services.mentorship_end(mentorship=ended, by=applicant)


def test_office_hours_are_checked(mentor_profile):
    start = timezone.now() + timedelta(days=1)
    create = services.office_hour_create
    kwargs = {"mentor": mentor_profile.user, "title": "Q&A", "kind": "one_to_one", "capacity": 1}
    with pytest.raises(ServiceError, match="future"):
        create(**kwargs, starts_at=timezone.now() - timedelta(hours=1), ends_at=start)
    with pytest.raises(ServiceError, match="end after"):
        create(**kwargs, starts_at=start, ends_at=start)
    with pytest.raises(ServiceError, match="4 hours"):
        create(**kwargs, starts_at=start, ends_at=start + timedelta(hours=5))
    with pytest.raises(ServiceError, match="exactly one seat"):
        create(**{**kwargs, "capacity": 3}, starts_at=start, ends_at=start + timedelta(hours=1))
    made = create(**kwargs, starts_at=start, ends_at=start + timedelta(hours=1))
    assert made.capacity == 1


def test_booking_needs_an_active_mentorship_and_a_free_seat(
    mentor_profile, applicant, other_applicant, django_capture_on_commit_callbacks
):
    group = slot(mentor_profile.user, kind="group", capacity=1)
    with pytest.raises(Http404):
        services.office_hour_book(slot=group, mentee=other_applicant)
    active_mentorship(mentor_profile, applicant)
    active_mentorship(mentor_profile, other_applicant)
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.office_hour_book(slot=group, mentee=applicant)
    invitation = mail.outbox[-1]
    assert sorted(invitation.to) == sorted([applicant.email, mentor_profile.user.email])
    name, ics, mimetype = invitation.attachments[0]
    assert name == "office-hour.ics" and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in ics and "DTSTART:" in ics and ics.count("Z\r\n") >= 2
    with pytest.raises(ConflictError, match="already booked"):
        services.office_hour_book(slot=group, mentee=applicant)
    with pytest.raises(ConflictError, match="full"):
        services.office_hour_book(slot=group, mentee=other_applicant)
    services.booking_cancel(booking=booking, by=applicant)
    assert services.office_hour_book(slot=group, mentee=other_applicant).status == "booked"
    assert OfficeHourBooking.objects.filter(slot=group, status="booked").count() == 1
