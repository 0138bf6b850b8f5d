"""Match cycles over JSON: the same services and rules as the pages.

Another person's cycle, rank list or result is a 404, like a missing one. A refused action
is 409 (the lists are closed, the cycle already ran, a program already ranked) or 422
(an id that cannot be ranked, a repeated id, an empty list to certify), with `{"detail": ...}`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from pydantic import Field

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.accounts.models import User
from imgpath.core.api import ERRORS, BodySchema
from imgpath.core.errors import ConflictError
from imgpath.matching import selectors, services
from imgpath.matching.models import MatchCycle, MatchProgram, Participant
from imgpath.matching.presentation import can_join
from imgpath.matching.services.common import is_cycle_manager

ROUTER_PREFIX = "/match-cycles"
router = Router(tags=["match cycles"])

Id = Annotated[int, Field(ge=1, le=2**62)]
MAX_LIST = 500


class Named(Schema):
    id: int
    name: str


class MatchProgramOut(Schema):
    id: int
    name: str
    capacity: int
    session_id: int | None


class CycleOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    status: str
    rank_deadline: datetime
    lists_closed: bool
    ran_at: datetime | None
    created_by: str | None
    programs: list[MatchProgramOut]
    joined: bool
    can_join: bool
    manages: bool
    my_program_ids: list[int]
    stats: dict[str, Any] | None = Field(
        description="Counts after the run (creator and staff only)."
    )


class RankListOut(Schema):
    cycle_id: int
    certified_at: datetime | None
    lists_closed: bool
    items: list[Named] = Field(description="The list, most preferred first.")
    choices: list[Named] = Field(description="Everything that may be on the list.")


class RankListIn(BodySchema):
    ids: Annotated[list[Id], Field(max_length=MAX_LIST)] = Field(
        description="The whole new list, most preferred first: program ids on an applicant's "
        "list, applicant (participant) ids on a program's list."
    )


class ResultOut(Schema):
    cycle_id: int
    list_used: bool = Field(description="False when the list was not certified in time.")
    matched: Named | None
    choice: int | None = Field(description="Where the match was on your list (1 = first).")
    booking_id: int | None
    note: str


class ProgramResultOut(Schema):
    program: Named
    capacity: int
    matched: list[Named]


class PlacementOut(Schema):
    applicant: Named
    session_id: int
    program: Named
    booked: bool
    booking_id: int | None
    application_id: int | None
    note: str


def _named(row: MatchProgram | Participant) -> dict[str, Any]:
    return {"id": row.pk, "name": row.name}


def _cycle_out(cycle: MatchCycle, user: User | AnonymousUser) -> dict[str, Any]:
    participant = selectors.participant_of(user, cycle)
    manages = is_cycle_manager(user, cycle)
    return {
        **{f: getattr(cycle, f) for f in ("id", "kind", "title", "description", "status")},
        "rank_deadline": cycle.rank_deadline,
        "ran_at": cycle.ran_at,
        "lists_closed": cycle.is_locked(),
        "created_by": cycle.created_by.name if cycle.created_by else None,
        "programs": list(cycle.programs.all()),
        "joined": participant is not None,
        "can_join": can_join(user, cycle, participant),
        "manages": manages,
        "my_program_ids": [p.pk for p in selectors.programs_managed_by(user, cycle)],
        "stats": cycle.stats if manages and cycle.is_completed else None,
    }


def _rank_list_out(cycle, certified_at, ranked, choices) -> dict[str, Any]:
    return {
        "cycle_id": cycle.pk,
        "certified_at": certified_at,
        "lists_closed": cycle.is_locked(),
        "items": [_named(r) for r in ranked],
        "choices": [_named(c) for c in choices],
    }


def _mine(request: HttpRequest, cycle_id: int) -> Participant:
    cycle = selectors.cycle_for_user(request.user, cycle_id)
    return selectors.my_participant(request.user, cycle)


def _my_list(participant: Participant) -> dict[str, Any]:
    participant.refresh_from_db()
    return _rank_list_out(
        participant.cycle,
        participant.certified_at,
        selectors.ranked_programs(participant),
        selectors.program_choices_for(participant),
    )


def _program(request: HttpRequest, cycle_id: int, program_id: int) -> MatchProgram:
    cycle = selectors.cycle_for_user(request.user, cycle_id)
    return selectors.managed_program(request.user, cycle, program_id)


def _program_list(program: MatchProgram) -> dict[str, Any]:
    program.refresh_from_db()
    return _rank_list_out(
        program.cycle,
        program.certified_at,
        selectors.ranked_participants(program),
        selectors.applicant_choices_for(program),
    )


@router.get("", response={200: list[CycleOut], **ERRORS}, summary="Cycles I can see")
def list_cycles(request: HttpRequest) -> list[dict[str, Any]]:
    """Cycles I created, rank for or take part in; for applicants also the open mock cycles
    they may join and placement rounds over sessions they applied to."""
    cycles = selectors.cycles_visible_to(request.user).select_related("created_by")
    return [_cycle_out(c, request.user) for c in cycles]


@router.get("/{cycle_id}", response={200: CycleOut, **ERRORS}, summary="One cycle")
def get_cycle(request: HttpRequest, cycle_id: Id) -> dict[str, Any]:
    return _cycle_out(selectors.cycle_for_user(request.user, cycle_id), request.user)


@router.post("/{cycle_id}/join", response={200: CycleOut, **ERRORS}, summary="Join as applicant")
def join_cycle(request: AuthenticatedHttpRequest, cycle_id: Id) -> dict[str, Any]:
    """Join an open cycle (idempotent). 409 once the lists are closed."""
    cycle = selectors.cycle_for_user(request.user, cycle_id)
    services.participant_join(cycle=cycle, user=request.user)
    return _cycle_out(cycle, request.user)


@router.get("/{cycle_id}/rank-list", response={200: RankListOut, **ERRORS}, summary="My rank list")
def get_my_rank_list(request: HttpRequest, cycle_id: Id) -> dict[str, Any]:
    return _my_list(_mine(request, cycle_id))


@router.put(
    "/{cycle_id}/rank-list", response={200: RankListOut, **ERRORS}, summary="Replace my list"
)
def replace_my_rank_list(
    request: AuthenticatedHttpRequest, cycle_id: Id, payload: RankListIn
) -> dict:
    """Replace the whole list. A changed list is no longer certified. 409 after the deadline
    or the run (nothing changes); 422 for an id that cannot be ranked or is repeated."""
    participant = _mine(request, cycle_id)
    services.applicant_ranks_replace(
        participant=participant, program_ids=payload.ids, by=request.user
    )
    return _my_list(participant)


@router.post(
    "/{cycle_id}/rank-list/certify",
    response={200: RankListOut, **ERRORS},
    summary="Certify my list",
)
def certify_my_rank_list(request: AuthenticatedHttpRequest, cycle_id: Id) -> dict[str, Any]:
    """Only a certified list is used. 422 for an empty list; 409 after the deadline."""
    participant = _mine(request, cycle_id)
    services.applicant_ranks_certify(participant=participant, by=request.user)
    return _my_list(participant)


@router.get(
    "/{cycle_id}/programs/{program_id}/rank-list",
    response={200: RankListOut, **ERRORS},
    summary="A program's rank list (whoever ranks for it)",
)
def get_program_rank_list(request: HttpRequest, cycle_id: Id, program_id: Id) -> dict:
    return _program_list(_program(request, cycle_id, program_id))


@router.put(
    "/{cycle_id}/programs/{program_id}/rank-list",
    response={200: RankListOut, **ERRORS},
    summary="Replace a program's rank list",
)
def replace_program_rank_list(
    request: AuthenticatedHttpRequest, cycle_id: Id, program_id: Id, payload: RankListIn
) -> dict[str, Any]:
    program = _program(request, cycle_id, program_id)
    services.program_ranks_replace(program=program, participant_ids=payload.ids, by=request.user)
    return _program_list(program)


@router.post(
    "/{cycle_id}/programs/{program_id}/rank-list/certify",
    response={200: RankListOut, **ERRORS},
    summary="Certify a program's rank list",
)
def certify_program_rank_list(
    request: AuthenticatedHttpRequest, cycle_id: Id, program_id: Id
) -> dict:
    program = _program(request, cycle_id, program_id)
    services.program_ranks_certify(program=program, by=request.user)
    return _program_list(program)


@router.post("/{cycle_id}/run", response={200: CycleOut, **ERRORS}, summary="Run the Match")
def run_cycle(request: AuthenticatedHttpRequest, cycle_id: Id) -> dict[str, Any]:
    """The creator or staff run it once (403 for anyone else who can see the cycle); a
    second run is 409."""
    cycle = selectors.cycle_for_user(request.user, cycle_id)
    cycle = services.cycle_run(cycle=cycle, run_by=request.user)
    return _cycle_out(cycle, request.user)


def _require_results(cycle: MatchCycle) -> None:
    if not cycle.is_completed:
        raise ConflictError("The Match has not run yet: results come after the run.")


@router.get("/{cycle_id}/result", response={200: ResultOut, **ERRORS}, summary="My result")
def get_my_result(request: HttpRequest, cycle_id: Id) -> dict[str, Any]:
    """409 before the run."""
    participant = _mine(request, cycle_id)
    _require_results(participant.cycle)
    program = participant.matched_program
    return {
        "cycle_id": participant.cycle_id,
        "list_used": participant.list_used,
        "matched": _named(program) if program else None,
        "choice": participant.matched_choice,
        "booking_id": participant.booking_id,
        "note": participant.placement_note,
    }


@router.get(
    "/{cycle_id}/programs/{program_id}/result",
    response={200: ProgramResultOut, **ERRORS},
    summary="Who matched with a program I rank for",
)
def get_program_result(request: HttpRequest, cycle_id: Id, program_id: Id) -> dict:
    program = _program(request, cycle_id, program_id)
    _require_results(program.cycle)
    matched = program.matched.select_related("user")
    return {
        "program": _named(program),
        "capacity": program.capacity,
        "matched": [_named(p) for p in matched],
    }


@router.get(
    "/{cycle_id}/placements",
    response={200: list[PlacementOut], **ERRORS},
    summary="A placement round's placements (its host)",
)
def list_placements(request: HttpRequest, cycle_id: Id) -> list[dict[str, Any]]:
    """Every placement with its booking, or why it could not be booked. 404 for a mock
    cycle; 403 for someone who can see the round but did not open it."""
    cycle = selectors.cycle_for_user(request.user, cycle_id)
    if not cycle.is_placement:
        raise Http404
    if not is_cycle_manager(request.user, cycle):
        raise PermissionDenied("Only the round's host can see every placement.")
    _require_results(cycle)
    placed = cycle.participants.filter(matched_program__isnull=False).select_related(
        "user", "matched_program", "booking"
    )
    return [
        {
            "applicant": _named(p),
            "session_id": p.matched_program.session_id,
            "program": _named(p.matched_program),
            "booked": p.booking_id is not None,
            "booking_id": p.booking_id,
            "application_id": p.booking.application_id if p.booking else None,
            "note": p.placement_note,
        }
        for p in placed
        if p.matched_program is not None  # the query keeps only these; this tells the checker
    ]
