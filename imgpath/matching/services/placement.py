"""Placement rounds: scarce rotation seats given by mutual preference, not first come.

A host opens a round over some of their upcoming sessions; the applicants with a pending
(submitted or waitlisted) application rank those sessions, the host ranks the applicants of
each session, and the run turns every placement into a booking through the marketplace's own
`booking_create`, so the seat and overlap rules hold as for any booking. While the round is
open, nothing books those sessions one by one (see `refuse_booking_in_open_round`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.matching.models import (
    MAX_PROGRAMS,
    CycleKind,
    CycleStatus,
    MatchCycle,
    MatchProgram,
    Participant,
)
from imgpath.matching.services.common import notify_each
from imgpath.matching.services.cycles import check_deadline, clean_title
from imgpath.rotations.choices import PENDING_APPLICATION_STATUSES
from imgpath.rotations.models import Application, Session
from imgpath.rotations.services.bookings import (
    booking_create,
    booking_requested,
    overlapping_booking,
)
from imgpath.rotations.services.common import today


def session_label(session: Session) -> str:
    dates = f"{session.start_date:%d %b} to {session.end_date:%d %b %Y}"
    title = session.offering.title[: 150 - len(dates) - 3]
    return f"{title} · {dates}"


def placement_round_open(
    *,
    host_user: User,
    sessions: Iterable[Session],
    title: str,
    rank_deadline: datetime,
    description: str = "",
) -> MatchCycle:
    """Open a round over the host's sessions and invite their pending applicants."""
    sessions = sorted(sessions, key=lambda s: s.pk)
    _check_sessions(host_user, sessions, rank_deadline)
    title = clean_title(title)
    with transaction.atomic():
        # Locked (in pk order, like any booking) so two rounds cannot claim one session.
        locked = list(Session.objects.select_for_update().filter(pk__in=[s.pk for s in sessions]))
        _check_not_in_open_round(locked)
        applicants = _pending_applicants(locked)
        cycle = MatchCycle.objects.create(
            kind=CycleKind.PLACEMENT,
            title=title,
            description=(description or "").strip(),
            created_by=host_user,
            rank_deadline=rank_deadline,
        )
        seats = placement_seats_for_sessions(locked)
        MatchProgram.objects.bulk_create(
            MatchProgram(cycle=cycle, name=session_label(s), capacity=seats[s.pk], session=s)
            for s in sessions
        )
        Participant.objects.bulk_create(Participant(cycle=cycle, user=u) for u in applicants)
        _invite_applicants(cycle, applicants)
    return cycle


def _check_sessions(host_user: User, sessions: list[Session], rank_deadline: datetime) -> None:
    if not sessions:
        raise ServiceError("Choose at least one session.", field="sessions")
    if len(sessions) > MAX_PROGRAMS:
        raise ServiceError(f"A round covers at most {MAX_PROGRAMS} sessions.", field="sessions")
    for session in sessions:
        if session.offering.host.owner_id != host_user.pk:
            raise PermissionDenied("Only the host of these sessions can open a round over them.")
        if session.start_date <= today():
            raise ConflictError(f"{session_label(session)} has already started.")
    check_deadline(rank_deadline)
    first_start = min(s.start_date for s in sessions)
    if timezone.localtime(rank_deadline).date() >= first_start:
        raise ServiceError(
            f"The deadline must be before the first session starts ({first_start:%d %b %Y}).",
            field="rank_deadline",
        )


def _check_not_in_open_round(sessions: list[Session]) -> None:
    taken = (
        MatchProgram.objects.filter(session__in=sessions, cycle__status=CycleStatus.OPEN)
        .select_related("cycle")
        .first()
    )
    if taken is not None:
        raise ConflictError(f"{taken.name} is already in the open round “{taken.cycle.title}”.")


def _pending_applicants(sessions: list[Session]) -> list:
    pending = (
        Application.objects.filter(
            session__in=sessions,
            status__in=PENDING_APPLICATION_STATUSES,
            applicant__isnull=False,
        )
        .select_related("applicant")
        .order_by("applicant_id")
    )
    applicants = list({a.applicant_id: a.applicant for a in pending}.values())
    if not applicants:
        raise ConflictError("No pending applications to these sessions: there is nobody to place.")
    return applicants


def _invite_applicants(cycle: MatchCycle, applicants: list) -> None:
    deadline = timezone.localtime(cycle.rank_deadline)
    notify_each(
        people=applicants,
        cycle=cycle,
        subject=f"Rank your sessions: {cycle.title}",
        lines=[
            "The host is placing applicants into these sessions by mutual preference rather "
            "than first come, first served.",
            f"Rank the sessions you applied to, in your true order of preference, and certify "
            f"your list before {deadline:%d %b %Y, %H:%M %Z}. An uncertified list is not used.",
        ],
    )


def placement_seats_for_sessions(sessions: Iterable[Session]) -> dict[int, int]:
    return {s.pk: max(0, s.seats - s.seats_taken_now()) for s in sessions}


def placement_seats(programs: list[MatchProgram]) -> dict[int, int]:
    """Program pk -> the session's seats left now: the capacities the run uses."""
    seats = placement_seats_for_sessions(p.session for p in programs if p.session)
    return {p.pk: seats[p.session_id] for p in programs if p.session_id}


def placement_eligibility(
    cycle: MatchCycle, participants: list[Participant]
) -> set[tuple[int, int]]:
    """(participant, program) pairs the marketplace could still book: the application is
    pending and the session does not overlap a booking the applicant holds."""
    programs = {
        p.session_id: p
        for p in cycle.programs.select_related("session")
        if p.session_id is not None
    }
    people = {p.user_id: p for p in participants}
    pending = Application.objects.filter(
        session_id__in=programs,
        applicant_id__in=people,
        status__in=PENDING_APPLICATION_STATUSES,
    ).values_list("session_id", "applicant_id")
    pairs = set()
    for session_id, user_id in pending:
        program = programs[session_id]
        assert program.session is not None  # keyed by its session id above
        if overlapping_booking(applicant_id=user_id, session=program.session) is None:
            pairs.add((people[user_id].pk, program.pk))
    return pairs


def place_bookings(cycle: MatchCycle, matched: list[Participant]) -> dict[str, int]:
    """Book each placement; one the marketplace refuses is skipped and reported.

    Skipping (rather than rolling the whole round back) keeps every other placement: the
    refused seat stays free for the host, and the applicant's application stays pending.
    """
    for participant in matched:
        participant.placement_note = _book(cycle, participant)
    Participant.objects.bulk_update(matched, ["booking", "placement_note"])
    skipped = sum(1 for p in matched if p.placement_note)
    return {"booked": len(matched) - skipped, "not_booked": skipped}


def _book(cycle: MatchCycle, participant: Participant) -> str:
    """Book one placement; returns "" or why it could not be booked."""
    program = participant.matched_program
    assert program is not None and program.session_id is not None  # a placement is a session
    application = Application.objects.filter(
        session_id=program.session_id,
        applicant_id=participant.user_id,
        status__in=PENDING_APPLICATION_STATUSES,
    ).first()
    if application is None:
        return "The application is no longer pending."
    try:
        participant.booking = booking_create(
            application=application,
            decided_by=None,
            message=f"Placed by the round “{cycle.title}”: you ranked this session and the "
            "host ranked you.",
        )
    except ConflictError as exc:
        return exc.message[:300]
    return ""


def open_round_for_session(session_id: int) -> MatchCycle | None:
    program = (
        MatchProgram.objects.filter(session_id=session_id, cycle__status=CycleStatus.OPEN)
        .select_related("cycle")
        .first()
    )
    return program.cycle if program else None


def round_message(cycle: MatchCycle) -> str:
    deadline = timezone.localtime(cycle.rank_deadline)
    return (
        f"This session is in the placement round “{cycle.title}”: its seats go by the round's "
        f"results after {deadline:%d %b %Y, %H:%M %Z}, not one by one. Rank its applicants in "
        "the round, or cancel the round to decide one by one."
    )


def refuse_booking_in_open_round(sender, *, application: Application, **kwargs) -> None:
    """Host accepts and waitlist promotions wait while a round over the session is open."""
    cycle = open_round_for_session(application.session_id)
    if cycle is not None:
        raise ConflictError(round_message(cycle))


def connect_booking_guard() -> None:
    booking_requested.connect(refuse_booking_in_open_round, dispatch_uid="matching-open-round")
