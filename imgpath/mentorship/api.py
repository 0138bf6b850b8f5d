"""Mentors, mentorships and office hours over JSON (tag `mentorship`): the pages' services."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field, StringConstraints

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.api import ERRORS, PUBLIC
from imgpath.core.errors import ServiceError
from imgpath.engines.mentor_match import LANGUAGE_NAMES, Topic
from imgpath.engines.rules import SPECIALTIES
from imgpath.engines.rules.codes import COUNTRY_CODES
from imgpath.mentorship import selectors, services
from imgpath.mentorship.models import MAX_GOAL, MentorProfile, Mentorship, OfficeHour

ROUTER_PREFIX = ""
router = Router(tags=["mentorship"])


Id = Annotated[int, Field(ge=1, le=2**62)]


class MentorQuery(Schema):
    specialty: Literal[tuple(SPECIALTIES)] | None = None  # type: ignore[valid-type]
    country: Literal[tuple(sorted(COUNTRY_CODES))] | None = None  # type: ignore[valid-type]
    language: Literal[tuple(LANGUAGE_NAMES)] | None = None  # type: ignore[valid-type]
    topic: Topic | None = None


class MentorOut(Schema):
    id: int
    user_id: int
    name: str
    headline: str
    graduation_country: str
    graduation_year: int | None
    specialty: str
    training_institution: str
    current_position: str
    current_state: str
    visa_route: str
    languages: list[str]
    topics: list[str]
    time_zone: str
    taking_requests: bool
    reasons: list[str] | None = Field(
        None, description="Why this mentor is suggested (signed-in applicants only)."
    )
    suggested: bool = False


class MentorshipIn(Schema):
    mentor_id: Id
    goal: Annotated[str, StringConstraints(min_length=1, max_length=MAX_GOAL)]


class AnswerIn(Schema):
    message: Annotated[str, StringConstraints(max_length=1000)] = ""


class MentorshipOut(Schema):
    id: int
    status: str
    thread_id: int | None
    mentor_id: int | None = Field(description="The mentor's profile id.")
    mentor_user_id: int
    mentor_name: str
    mentee_user_id: int
    mentee_name: str
    goal: str
    response: str
    created_at: datetime
    decided_at: datetime | None
    ended_at: datetime | None


class OfficeHourIn(Schema):
    title: Annotated[str, StringConstraints(min_length=1, max_length=160)]
    kind: Literal["one_to_one", "group"]
    starts_at: datetime
    ends_at: datetime
    capacity: Annotated[int, Field(ge=1, le=50)] = 1


class OfficeHourOut(Schema):
    id: int
    mentor_user_id: int
    mentor_name: str
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    seats_left: int


class OfficeHourBookingOut(Schema):
    id: int
    office_hour_id: int
    status: str
    starts_at: datetime
    ends_at: datetime


def _mentor_out(
    profile: MentorProfile, reasons: tuple[str, ...] | None, suggested: bool
) -> MentorOut:
    return MentorOut(
        id=profile.pk,
        user_id=profile.user_id,
        name=profile.user.name,
        headline=profile.headline,
        graduation_country=profile.graduation_country,
        graduation_year=profile.graduation_year,
        specialty=profile.specialty,
        training_institution=profile.training_institution,
        current_position=profile.current_position,
        current_state=profile.current_state,
        visa_route=profile.visa_route,
        languages=list(profile.languages),
        topics=list(profile.topics),
        time_zone=profile.time_zone,
        taking_requests=selectors.has_room(profile),
        reasons=None if reasons is None else list(reasons),
        suggested=suggested,
    )


def _is_applicant(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.is_applicant


@router.get("/mentors", response={200: list[MentorOut], **ERRORS}, auth=PUBLIC)
def list_mentors(request: HttpRequest, filters: Query[MentorQuery]):
    """Approved mentors. For a signed-in applicant: suggestions first, each with `reasons`."""
    visible = selectors.visible_mentors(request.user)
    wanted = selectors.MentorFilters(
        specialty=filters.specialty or "",
        country=filters.country or "",
        language=filters.language or "",
        topic=filters.topic.value if filters.topic else "",
    )
    listed = selectors.filter_mentors(visible, wanted)
    if not _is_applicant(request):
        return [_mentor_out(p, None, False) for p in listed]
    ranked = selectors.suggestions_for(request.user, listed)
    first = [_mentor_out(p, s.reasons, True) for p, s in ranked]
    shown = {p.pk for p, _ in ranked}
    return first + [_mentor_out(p, (), False) for p in listed if p.pk not in shown]


@router.get("/mentors/{mentor_id}", response={200: MentorOut, **ERRORS}, auth=PUBLIC)
def get_mentor(request: HttpRequest, mentor_id: Id):
    profile = selectors.public_mentor(mentor_id)
    if profile.user_id in selectors.blocked_user_ids(request.user):
        raise Http404
    if not _is_applicant(request):
        return _mentor_out(profile, None, False)
    reasons = selectors.reasons_by_mentor(request.user, [profile]).get(profile.pk)
    return _mentor_out(profile, reasons or (), reasons is not None)


def _mentorship_out(m: Mentorship) -> MentorshipOut:
    profile_id = (
        MentorProfile.objects.filter(user_id=m.mentor_id).values_list("pk", flat=True).first()
    )
    return MentorshipOut(
        id=m.pk,
        status=m.status,
        thread_id=m.thread_id,
        mentor_id=profile_id,
        mentor_user_id=m.mentor_id,
        mentor_name=m.mentor.name,
        mentee_user_id=m.mentee_id,
        mentee_name=m.mentee.name,
        goal=m.goal,
        response=m.response,
        created_at=m.created_at,
        decided_at=m.decided_at,
        ended_at=m.ended_at,
    )


@router.get("/mentorships", response={200: list[MentorshipOut], **ERRORS})
def list_mentorships(request: AuthenticatedHttpRequest):
    """My requests and mentorships, as mentor or as mentee, newest first."""
    services.requests_expire()
    return [_mentorship_out(m) for m in selectors.mentorships_of(request.user)]


@router.post("/mentorships", response={201: MentorshipOut, **ERRORS})
def create_mentorship(request: AuthenticatedHttpRequest, payload: MentorshipIn):
    """Ask a mentor (`mentor_id` is the mentor's id from /mentors). 409 when full or over limits."""
    if not request.user.is_applicant:
        raise ServiceError("Only applicants can ask for a mentor.")
    profile = selectors.public_mentor(payload.mentor_id)
    mentorship = services.mentorship_request(
        mentee=request.user, profile=profile, goal=payload.goal
    )
    return Status(201, _mentorship_out(mentorship))


def _mine(request: AuthenticatedHttpRequest, mentorship_id: int) -> Mentorship:
    return selectors.mentorship_for_participant(request.user, mentorship_id)


@router.post("/mentorships/{mentorship_id}/accept", response={200: MentorshipOut, **ERRORS})
def accept_mentorship(
    request: AuthenticatedHttpRequest, mentorship_id: Id, payload: AnswerIn | None = None
):
    """The mentor accepts; 409 when their capacity is reached."""
    m = services.mentorship_accept(
        mentorship=_mine(request, mentorship_id),
        by=request.user,
        message=payload.message if payload else "",
    )
    return _mentorship_out(m)


@router.post("/mentorships/{mentorship_id}/decline", response={200: MentorshipOut, **ERRORS})
def decline_mentorship(
    request: AuthenticatedHttpRequest, mentorship_id: Id, payload: AnswerIn | None = None
):
    m = services.mentorship_decline(
        mentorship=_mine(request, mentorship_id),
        by=request.user,
        message=payload.message if payload else "",
    )
    return _mentorship_out(m)


@router.post("/mentorships/{mentorship_id}/end", response={200: MentorshipOut, **ERRORS})
def end_mentorship(request: AuthenticatedHttpRequest, mentorship_id: Id):
    """Either side ends an active mentorship; the applicant may withdraw an open request."""
    return _mentorship_out(
        services.mentorship_end(mentorship=_mine(request, mentorship_id), by=request.user)
    )


def _slot_out(slot: OfficeHour) -> OfficeHourOut:
    booked = getattr(slot, "booked", None)
    if booked is None:
        booked = slot.bookings.filter(status="booked").count()
    return OfficeHourOut(
        id=slot.pk,
        mentor_user_id=slot.mentor_id,
        mentor_name=slot.mentor.name,
        title=slot.title,
        kind=slot.kind,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        capacity=slot.capacity,
        seats_left=max(slot.capacity - booked, 0),
    )


@router.get("/office-hours", response={200: list[OfficeHourOut], **ERRORS})
def list_office_hours(request: AuthenticatedHttpRequest):
    """Open slots of my mentors (applicant) or my own upcoming slots (mentor). Times in UTC."""
    return [_slot_out(s) for s in selectors.office_hours_for(request.user).select_related("mentor")]


@router.post("/office-hours", response={201: OfficeHourOut, **ERRORS})
def create_office_hour(request: AuthenticatedHttpRequest, payload: OfficeHourIn):
    """A mentor publishes a slot; `starts_at` and `ends_at` are ISO 8601 with an offset."""
    slot = services.office_hour_create(
        mentor=request.user,
        title=payload.title,
        kind=payload.kind,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        capacity=payload.capacity,
    )
    return Status(201, _slot_out(slot))


def _booking_out(b) -> OfficeHourBookingOut:
    return OfficeHourBookingOut(
        id=b.pk,
        office_hour_id=b.slot_id,
        status=b.status,
        starts_at=b.slot.starts_at,
        ends_at=b.slot.ends_at,
    )


@router.post("/office-hours/{office_hour_id}/book", response={201: OfficeHourBookingOut, **ERRORS})
def book_office_hour(request: AuthenticatedHttpRequest, office_hour_id: Id):
    """A mentee books a seat of their mentor's slot; 409 when full."""
    slot = selectors.slot_visible_to(request.user, office_hour_id)
    return Status(201, _booking_out(services.office_hour_book(slot=slot, mentee=request.user)))


@router.post(
    "/office-hours/bookings/{booking_id}/cancel", response={200: OfficeHourBookingOut, **ERRORS}
)
def cancel_office_hour_booking(request: AuthenticatedHttpRequest, booking_id: Id):
    booking = selectors.booking_for_participant(request.user, booking_id)
    return _booking_out(services.booking_cancel(booking=booking, by=request.user))
