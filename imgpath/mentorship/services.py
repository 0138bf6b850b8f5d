"""Every write of mentorship: profiles, requests, accepting within capacity, office hours.

Capacity rules hold under concurrent writers because the row that owns the
capacity is locked first: the mentor's profile when accepting a request, the
slot when booking it, the applicant when sending requests. PostgreSQL serialises
competing writers on those rows; SQLite serialises every writer.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.core.notify import email_after_commit
from imgpath.mentorship.choices import MentorshipStatus, SlotKind
from imgpath.mentorship.ical import invitation
from imgpath.mentorship.models import (
    MAX_GOAL,
    BookingStatus,
    MenteeSettings,
    MentorProfile,
    Mentorship,
    OfficeHour,
    OfficeHourBooking,
)
from imgpath.mentorship.tasks import send_invitation
from imgpath.messaging import services as messaging
from imgpath.messaging.models import Topic

MAX_OPEN_REQUESTS = 3
REQUEST_LIFETIME = timedelta(days=14)
MAX_SLOT_LENGTH = timedelta(hours=4)
MENTOR_FULL = "This mentor has no free place right now: every mentee place is taken."
SLOT_FULL = "This office hour is full: every seat is booked."


def _site() -> str:
    return settings.SITE_URL.rstrip("/")


def _lock_user(pk: int) -> None:
    list(get_user_model().objects.select_for_update(no_key=True).filter(pk=pk).values_list("pk"))


# Profiles -----------------------------------------------------------------------------


def mentor_profile_for(user: User) -> MentorProfile:
    if not user.is_mentor:
        raise Http404("Only mentors have a mentor profile.")
    profile, _ = MentorProfile.objects.get_or_create(user=user)
    return profile


def mentor_profile_update(*, profile: MentorProfile, **fields) -> MentorProfile:
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile


def mentee_settings_for(user: User) -> MenteeSettings:
    prefs, _ = MenteeSettings.objects.get_or_create(user=user)
    return prefs


def mentee_settings_update(*, user: User, languages: list[str], time_zone: str) -> MenteeSettings:
    prefs = mentee_settings_for(user)
    prefs.languages, prefs.time_zone = sorted(set(languages)), time_zone
    prefs.full_clean()
    prefs.save(update_fields=["languages", "time_zone"])
    return prefs


# Requests and mentorships -------------------------------------------------------------


def requests_expire(*, now: datetime | None = None) -> int:
    """Mark requests unanswered for 14 days as expired; returns how many."""
    cutoff = (now or timezone.now()) - REQUEST_LIFETIME
    return Mentorship.objects.filter(
        status=MentorshipStatus.REQUESTED, created_at__lt=cutoff
    ).update(status=MentorshipStatus.EXPIRED, decided_at=now or timezone.now())


def mentorship_request(*, mentee: User, profile: MentorProfile, goal: str) -> Mentorship:
    """An applicant asks a mentor. At most 3 open requests, one per mentor, none if blocked."""
    text = (goal or "").replace("\x00", "").strip()
    if not text:
        raise ServiceError("Say in a sentence or two what you hope to get from this.", field="goal")
    if len(text) > MAX_GOAL:
        raise ServiceError(f"A goal is at most {MAX_GOAL} characters.", field="goal")
    if not mentee.is_applicant:
        raise ServiceError("Only applicants can ask for a mentor.")
    mentor = profile.user
    if not profile.is_public or messaging.is_blocked(mentee, mentor):
        raise Http404("No such mentor.")
    requests_expire()
    with transaction.atomic():
        _lock_user(mentee.pk)
        if profile.paused:
            raise ConflictError("This mentor is not taking requests at the moment.")
        mine = Mentorship.objects.filter(mentee=mentee)
        if mine.filter(mentor=mentor, status__in=("requested", "active")).exists():
            raise ConflictError(
                "You already have an open request or a mentorship with this mentor."
            )
        if mine.filter(status=MentorshipStatus.REQUESTED).count() >= MAX_OPEN_REQUESTS:
            raise ConflictError(
                f"You have {MAX_OPEN_REQUESTS} open requests; wait for an answer or withdraw one."
            )
        if _active_count(mentor) >= profile.capacity:
            raise ConflictError(MENTOR_FULL)
        mentorship = Mentorship.objects.create(mentor=mentor, mentee=mentee, goal=text)
        _email(mentorship, to=mentor, subject=f"{mentee.name} asks you to be their mentor")
    return mentorship


def _active_count(mentor: User) -> int:
    return Mentorship.objects.filter(mentor=mentor, status=MentorshipStatus.ACTIVE).count()


def _email(mentorship: Mentorship, *, to: User, subject: str, message: str = "") -> None:
    email_after_commit(
        recipients=[to.email],
        subject=subject,
        template="mentorship/email/mentorship.txt",
        context={
            "recipient": to,
            "mentorship": mentorship,
            "message": message,
            "link": _site() + reverse("mentorship:home"),
        },
    )


def mentorship_accept(*, mentorship: Mentorship, by: User, message: str = "") -> Mentorship:
    """The mentor accepts; never beyond their capacity, even when accepts race."""
    if by.pk != mentorship.mentor_id:
        raise Http404
    requests_expire()
    with transaction.atomic():
        profile = MentorProfile.objects.select_for_update(no_key=True).get(user_id=by.pk)
        mentorship = Mentorship.objects.select_for_update(no_key=True).get(pk=mentorship.pk)
        if mentorship.status != MentorshipStatus.REQUESTED:
            raise ConflictError(
                f"This request is {mentorship.get_status_display().lower()}; it cannot be accepted."
            )
        if _active_count(by) >= profile.capacity:
            raise ConflictError(MENTOR_FULL)
        mentorship.status, mentorship.decided_at = MentorshipStatus.ACTIVE, timezone.now()
        mentorship.response = (message or "").strip()[:1000]
        thread = messaging.thread_open(
            topic=Topic.MENTORSHIP,
            topic_id=mentorship.pk,
            subject="Mentorship",
            people=[mentorship.mentor, mentorship.mentee],
            link=reverse("mentorship:home"),
        )
        mentorship.thread_id = thread.pk
        mentorship.save(
            update_fields=["status", "decided_at", "response", "thread_id", "updated_at"]
        )
        _email(mentorship, to=mentorship.mentee, subject=f"{by.name} accepted", message=message)
    return mentorship


def mentorship_decline(*, mentorship: Mentorship, by: User, message: str = "") -> Mentorship:
    if by.pk != mentorship.mentor_id:
        raise Http404
    with transaction.atomic():
        mentorship = Mentorship.objects.select_for_update(no_key=True).get(pk=mentorship.pk)
        if mentorship.status != MentorshipStatus.REQUESTED:
            raise ConflictError("Only an open request can be declined.")
        mentorship.status, mentorship.decided_at = MentorshipStatus.DECLINED, timezone.now()
        mentorship.response = (message or "").strip()[:1000]
        mentorship.save(update_fields=["status", "decided_at", "response", "updated_at"])
        _email(mentorship, to=mentorship.mentee, subject=f"{by.name} declined", message=message)
    return mentorship


def mentorship_end(*, mentorship: Mentorship, by: User) -> Mentorship:
    """Either side ends a mentorship; a mentee may also withdraw an unanswered request."""
    if by.pk not in (mentorship.mentor_id, mentorship.mentee_id):
        raise Http404
    with transaction.atomic():
        mentorship = Mentorship.objects.select_for_update(no_key=True).get(pk=mentorship.pk)
        now = timezone.now()
        if mentorship.status == MentorshipStatus.REQUESTED and by.pk == mentorship.mentee_id:
            mentorship.status = MentorshipStatus.WITHDRAWN
        elif mentorship.status == MentorshipStatus.ACTIVE:
            mentorship.status = MentorshipStatus.ENDED
            messaging.thread_set_closed(topic=Topic.MENTORSHIP, topic_id=mentorship.pk, closed=True)
            _cancel_future_bookings(mentor_id=mentorship.mentor_id, mentee_id=mentorship.mentee_id)
            other = mentorship.mentee if by.pk == mentorship.mentor_id else mentorship.mentor
            _email(mentorship, to=other, subject=f"{by.name} ended your mentorship")
        else:
            raise ConflictError("Only an active mentorship or your own open request can be ended.")
        mentorship.ended_at, mentorship.ended_by = now, by
        mentorship.save(update_fields=["status", "ended_at", "ended_by", "updated_at"])
    return mentorship


def _cancel_future_bookings(*, mentor_id: int, mentee_id: int) -> None:
    OfficeHourBooking.objects.filter(
        mentee_id=mentee_id,
        slot__mentor_id=mentor_id,
        status=BookingStatus.BOOKED,
        slot__starts_at__gt=timezone.now(),
    ).update(status=BookingStatus.CANCELLED, cancelled_at=timezone.now())


# Office hours -------------------------------------------------------------------------


def office_hour_create(
    *, mentor: User, title: str, kind: str, starts_at: datetime, ends_at: datetime, capacity: int
) -> OfficeHour:
    if not (mentor.is_mentor and mentor.is_approved):
        raise Http404("Only approved mentors publish office hours.")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ServiceError("Give times with their UTC offset, e.g. 2027-03-02T15:00:00+05:30.")
    if starts_at <= timezone.now():
        raise ServiceError("An office hour must start in the future.", field="starts_at")
    if ends_at <= starts_at:
        raise ServiceError("An office hour must end after it starts.", field="ends_at")
    if ends_at - starts_at > MAX_SLOT_LENGTH:
        raise ServiceError("An office hour lasts at most 4 hours.", field="ends_at")
    if kind == SlotKind.ONE_TO_ONE and capacity != 1:
        raise ServiceError("A one-to-one office hour has exactly one seat.", field="capacity")
    slot = OfficeHour(
        mentor=mentor,
        title=(title or "").strip(),
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
    )
    try:
        slot.full_clean()
    except ValidationError as exc:
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        raise ServiceError(problems) from exc
    slot.save()
    return slot


def office_hour_book(*, slot: OfficeHour, mentee: User) -> OfficeHourBooking:
    """A mentee of this mentor takes a seat; the slot row lock keeps it from overbooking."""
    if not Mentorship.objects.filter(
        mentor_id=slot.mentor_id, mentee=mentee, status=MentorshipStatus.ACTIVE
    ).exists():
        raise Http404("No such office hour.")
    with transaction.atomic():
        slot = (
            OfficeHour.objects.select_for_update(no_key=True)
            .select_related("mentor")
            .get(pk=slot.pk)
        )
        if slot.cancelled_at is not None or slot.starts_at <= timezone.now():
            raise ConflictError("This office hour is cancelled or has already started.")
        booked = slot.bookings.filter(status=BookingStatus.BOOKED)
        if booked.filter(mentee=mentee).exists():
            raise ConflictError("You already booked this office hour.")
        if booked.count() >= slot.capacity:
            raise ConflictError(SLOT_FULL)
        booking = OfficeHourBooking.objects.create(slot=slot, mentee=mentee)
        _send_invitation(slot, people=[mentee, slot.mentor])
    return booking


def _send_invitation(slot: OfficeHour, *, people: list[User]) -> None:
    ics = invitation(slot, site_url=_site())
    recipients = sorted({p.email for p in people if p.email})
    body = (
        f"You are booked for “{slot.title}” with {slot.mentor.name}, "
        f"{slot.starts_at:%d %b %Y %H:%M} UTC. The attached invitation adds it to your calendar "
        "in your own time zone.\n\n"
        f"Your office hours: {_site()}{reverse('mentorship:office_hours')}\n"
    )
    transaction.on_commit(
        lambda: send_invitation.enqueue(
            recipients=recipients, subject=f"Office hour: {slot.title}", body=body, ics=ics
        )
    )


def booking_cancel(*, booking: OfficeHourBooking, by: User) -> OfficeHourBooking:
    """The mentee or the mentor cancels; the seat is free again at once."""
    if by.pk not in (booking.mentee_id, booking.slot.mentor_id):
        raise Http404
    with transaction.atomic():
        OfficeHour.objects.select_for_update(no_key=True).filter(pk=booking.slot_id).first()
        booking = OfficeHourBooking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != BookingStatus.BOOKED:
            raise ConflictError("This booking is already cancelled.")
        booking.status, booking.cancelled_at = BookingStatus.CANCELLED, timezone.now()
        booking.save(update_fields=["status", "cancelled_at"])
    return booking
