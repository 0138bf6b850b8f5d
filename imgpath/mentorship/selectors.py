"""Reads: public mentors, suggestions with reasons, a person's mentorships and office hours."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.engines.mentor_match import MentorCard, Suggestion, VisaRoute, seeker_from_profile
from imgpath.engines.mentor_match import suggest_mentors as rank
from imgpath.engines.rules import SPECIALTIES
from imgpath.engines.rules.countries import COUNTRY_NAMES
from imgpath.mentorship.choices import MentorshipStatus
from imgpath.mentorship.models import (
    BookingStatus,
    MenteeSettings,
    MentorProfile,
    Mentorship,
    OfficeHour,
    OfficeHourBooking,
)
from imgpath.messaging.models import Block
from imgpath.profiles.selectors import profile_for


@dataclass(frozen=True)
class MentorFilters:
    specialty: str = ""
    country: str = ""
    language: str = ""
    topic: str = ""

    @property
    def any(self) -> bool:
        return any((self.specialty, self.country, self.language, self.topic))


def public_mentors() -> QuerySet[MentorProfile]:
    """Approved, active mentors, each with `active_mentees`; never any contact detail."""
    return (
        MentorProfile.objects.filter(
            user__role="mentor", user__is_active=True, user__approved_at__isnull=False
        )
        .select_related("user")
        .annotate(
            active_mentees=Count(
                "user__mentorships_as_mentor",
                filter=Q(user__mentorships_as_mentor__status=MentorshipStatus.ACTIVE),
            )
        )
        .order_by("user__name", "pk")
    )


def public_mentor(pk: int) -> MentorProfile:
    profile = public_mentors().filter(pk=pk).first()
    if profile is None:
        raise Http404("No such mentor.")
    return profile


def blocked_user_ids(user: User | AnonymousUser) -> set[int]:
    """People `user` blocked or who blocked `user`."""
    if not user.is_authenticated:
        return set()
    rows = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).values_list("blocker", "blocked")
    return {pk for pair in rows for pk in pair} - {user.pk}


def visible_mentors(user: User | AnonymousUser) -> list[MentorProfile]:
    hidden = blocked_user_ids(user)
    return [p for p in public_mentors() if p.user_id not in hidden]


def filter_mentors(profiles: list[MentorProfile], filters: MentorFilters) -> list[MentorProfile]:
    # Languages and topics are JSON lists; there are few mentors, so filter here on every
    # database alike (SQLite has no JSON containment lookup).
    def keep(p: MentorProfile) -> bool:
        return (
            (not filters.specialty or p.specialty == filters.specialty)
            and (not filters.country or p.graduation_country == filters.country)
            and (not filters.language or filters.language in p.languages)
            and (not filters.topic or filters.topic in p.topics)
        )

    return [p for p in profiles if keep(p)]


def card_of(profile: MentorProfile) -> MentorCard:
    return MentorCard(
        id=profile.pk,
        graduation_country=profile.graduation_country or None,
        graduation_country_name=COUNTRY_NAMES.get(profile.graduation_country),
        specialty=profile.specialty or None,
        specialty_label=SPECIALTIES.get(profile.specialty),
        visa_route=VisaRoute(profile.visa_route) if profile.visa_route else None,
        states=tuple(s for s in [profile.current_state] if s),
        languages=tuple(profile.languages),
        topics=tuple(profile.topics),
        capacity=profile.capacity,
        active_mentees=getattr(profile, "active_mentees", 0),
        paused=profile.paused,
    )


def suggestions_for(
    user: User | AnonymousUser, profiles: list[MentorProfile]
) -> list[tuple[MentorProfile, Suggestion]]:
    """Mentors for an applicant, best first, each with its reasons (none for other roles)."""
    if not (user.is_authenticated and user.is_applicant):
        return []
    connected = Mentorship.objects.filter(
        mentee=user, status__in=(MentorshipStatus.REQUESTED, MentorshipStatus.ACTIVE)
    ).values_list("mentor_id", flat=True)
    connected_ids = set(connected)
    excluded = {p.pk for p in profiles if p.user_id in connected_ids}
    prefs = MenteeSettings.objects.filter(user=user).first()
    seeker = seeker_from_profile(
        profile_for(user), languages=prefs.languages if prefs else (), excluded=excluded
    )
    by_id = {p.pk: p for p in profiles}
    return [(by_id[s.mentor_id], s) for s in rank([card_of(p) for p in profiles], seeker)]


def reasons_by_mentor(
    user: User | AnonymousUser, profiles: list[MentorProfile]
) -> dict[int, tuple[str, ...]]:
    return {p.pk: s.reasons for p, s in suggestions_for(user, profiles)}


def training_program(profile: MentorProfile):
    """The directory program the mentor trained in, when they gave its ACGME id."""
    if not profile.training_program_acgme_id:
        return None
    from imgpath.programs.models import Program

    return Program.objects.filter(acgme_id=profile.training_program_acgme_id).first()


def has_room(profile: MentorProfile) -> bool:
    return card_of(profile).has_room


# Mentorships --------------------------------------------------------------------------


def mentorships_of(user: User) -> QuerySet[Mentorship]:
    return Mentorship.objects.filter(Q(mentor=user) | Q(mentee=user)).select_related(
        "mentor", "mentee"
    )


def mentorship_for_participant(user: User, pk: int) -> Mentorship:
    """The mentorship if `user` is its mentor or mentee; 404 for everyone else."""
    found = mentorships_of(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such mentorship.")
    return found


def dashboard_of(user: User) -> dict[str, Any]:
    mine = list(mentorships_of(user))
    as_mentor = [m for m in mine if m.mentor_id == user.pk]
    as_mentee = [m for m in mine if m.mentee_id == user.pk]
    return {
        "to_answer": [m for m in as_mentor if m.status == MentorshipStatus.REQUESTED],
        "sent": [m for m in as_mentee if m.status == MentorshipStatus.REQUESTED],
        "active": [m for m in mine if m.status == MentorshipStatus.ACTIVE],
        "past": [
            m for m in mine if m.status not in (MentorshipStatus.REQUESTED, MentorshipStatus.ACTIVE)
        ],
    }


# Time zones and office hours ----------------------------------------------------------


def viewer_time_zone(user: User | AnonymousUser) -> zoneinfo.ZoneInfo:
    """The zone a person reads times in: their mentor profile's, their settings', else UTC."""
    name = "UTC"
    if user.is_authenticated:
        profile = (
            MentorProfile.objects.filter(user=user).values_list("time_zone", flat=True).first()
        )
        prefs = MenteeSettings.objects.filter(user=user).values_list("time_zone", flat=True).first()
        name = profile or prefs or "UTC"
    return zoneinfo.ZoneInfo(name)


def slots_of_mentor(user: User) -> QuerySet[OfficeHour]:
    return (
        OfficeHour.objects.filter(mentor=user, ends_at__gte=timezone.now())
        .annotate(booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)))
        .prefetch_related("bookings__mentee")
    )


def open_slots_for_mentee(user: User) -> QuerySet[OfficeHour]:
    mentors = Mentorship.objects.filter(mentee=user, status=MentorshipStatus.ACTIVE).values(
        "mentor_id"
    )
    return (
        OfficeHour.objects.filter(
            mentor_id__in=mentors, cancelled_at__isnull=True, starts_at__gt=timezone.now()
        )
        .annotate(booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)))
        .select_related("mentor")
    )


def office_hours_for(user: User) -> QuerySet[OfficeHour]:
    """API: a mentor's own upcoming slots, or the open slots of an applicant's mentors."""
    return slots_of_mentor(user) if user.is_mentor else open_slots_for_mentee(user)


def bookings_of(user: User) -> QuerySet[OfficeHourBooking]:
    return OfficeHourBooking.objects.filter(mentee=user).select_related("slot__mentor")


def booking_for_participant(user: User, pk: int) -> OfficeHourBooking:
    found = (
        OfficeHourBooking.objects.filter(pk=pk)
        .filter(Q(mentee=user) | Q(slot__mentor=user))
        .select_related("slot__mentor", "mentee")
        .first()
    )
    if found is None:
        raise Http404("No such booking.")
    return found


def slot_visible_to(user: User, pk: int) -> OfficeHour:
    """A slot a mentee may book (their mentor's), or a mentor's own; 404 otherwise."""
    slot = OfficeHour.objects.filter(pk=pk).select_related("mentor").first()
    if slot is None:
        raise Http404("No such office hour.")
    if slot.mentor_id == user.pk:
        return slot
    if not Mentorship.objects.filter(
        mentor_id=slot.mentor_id, mentee=user, status=MentorshipStatus.ACTIVE
    ).exists():
        raise Http404("No such office hour.")
    return slot


def feed_slots(user: User) -> list[OfficeHour]:
    """What goes in a person's private calendar: their booked seats and their own slots."""
    booked = [b.slot for b in bookings_of(user).filter(status=BookingStatus.BOOKED)]
    own = list(OfficeHour.objects.filter(mentor=user, cancelled_at__isnull=True))
    return sorted({s.pk: s for s in booked + own}.values(), key=lambda s: (s.starts_at, s.pk))
