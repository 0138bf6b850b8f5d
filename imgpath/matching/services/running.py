"""Running a cycle: certified rank lists -> the engine -> stored results (and bookings).

The run happens once, inside one transaction that holds the cycle row's lock: a second run
(or a rank-list change) waits for it and is then refused. Rows become the engine's frozen
dataclasses here and its result comes back here; the engine never sees the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from imgpath.accounts.models import User
from imgpath.core.errors import ConflictError
from imgpath.engines.stable_matching import Applicant, Instance, Program, Result, solve
from imgpath.matching.models import (
    ApplicantRank,
    CycleStatus,
    MatchCycle,
    MatchProgram,
    Participant,
)
from imgpath.matching.services.common import ensure_cycle_manager, lock_cycle, notify_each, now
from imgpath.matching.services.placement import (
    place_bookings,
    placement_eligibility,
    placement_seats,
)


@dataclass(frozen=True)
class Market:
    """A cycle's certified lists as an engine instance, with the rows behind each id."""

    instance: Instance
    programs: dict[str, MatchProgram]
    participants: dict[str, Participant]
    # Each participant's whole certified list (program pks), to say "your 2nd choice".
    lists: dict[int, list[int]]


# (participant pk, program pk) pairs a placement round may still book; None: any pair.
Allowed = set[tuple[int, int]] | None


def _program_id(pk: int) -> str:
    return f"p{pk}"


def _applicant_id(pk: int) -> str:
    return f"a{pk}"


def _allows(allowed: Allowed, participant_pk: int, program_pk: int) -> bool:
    return allowed is None or (participant_pk, program_pk) in allowed


def build_market(cycle: MatchCycle) -> Market:
    """The instance for a cycle: an uncertified list is not used (the NRMP's rule).

    Everyone appears (an uncertified applicant with an empty list), so that programs' lists
    stay valid. In a placement round a pair is kept only while the application is pending
    and the session does not overlap a booking the applicant already holds; capacities are
    the seats left now.
    """
    programs = list(cycle.programs.select_related("session"))
    participants = list(cycle.participants.select_related("user"))
    allowed = placement_eligibility(cycle, participants) if cycle.is_placement else None
    seats = placement_seats(programs) if cycle.is_placement else {}
    lists = _applicant_lists(participants)
    instance = Instance(
        programs=tuple(_engine_program(p, seats, allowed) for p in programs),
        applicants=tuple(_engine_applicant(p, lists[p.pk], allowed) for p in participants),
    )
    return Market(
        instance=instance,
        programs={_program_id(p.pk): p for p in programs},
        participants={_applicant_id(p.pk): p for p in participants},
        lists=lists,
    )


def _applicant_lists(participants: list[Participant]) -> dict[int, list[int]]:
    lists: dict[int, list[int]] = {p.pk: [] for p in participants}
    for participant_id, program_id in (
        ApplicantRank.objects.filter(participant__in=participants)
        .order_by("participant_id", "position")
        .values_list("participant_id", "program_id")
    ):
        lists[participant_id].append(program_id)
    return lists


def _engine_applicant(person: Participant, ranked: list[int], allowed: Allowed) -> Applicant:
    if person.certified_at is None:
        return Applicant(id=_applicant_id(person.pk))
    ranks = tuple(_program_id(pk) for pk in ranked if _allows(allowed, person.pk, pk))
    return Applicant(id=_applicant_id(person.pk), ranks=ranks)


def _engine_program(program: MatchProgram, seats: dict[int, int], allowed: Allowed) -> Program:
    ranks: tuple[str, ...] = ()
    if program.certified_at is not None:
        ranked = program.ranks.order_by("position").values_list("participant_id", flat=True)
        ranks = tuple(_applicant_id(pk) for pk in ranked if _allows(allowed, pk, program.pk))
    capacity = seats.get(program.pk, program.capacity)
    return Program(id=_program_id(program.pk), capacity=capacity, ranks=ranks)


def cycle_run(*, cycle: MatchCycle, run_by: User | None = None) -> MatchCycle:
    """Run the Match for a cycle, once. `run_by=None` is the scheduler (after the deadline);
    the creator or staff may run it earlier, which closes the lists then."""
    if run_by is not None:
        ensure_cycle_manager(run_by, cycle)
    with transaction.atomic():
        cycle = lock_cycle(cycle.pk)
        _check_can_run(cycle, scheduled=run_by is None)
        market = build_market(cycle)
        if cycle.is_placement:
            _record_seats(market)
        result = solve(market.instance, "applicants")
        # Completed before any booking, so the open-round guard lets the round's own through.
        cycle.status = CycleStatus.COMPLETED
        cycle.ran_at = now()
        cycle.ran_by = run_by
        cycle.save(update_fields=["status", "ran_at", "ran_by", "updated_at"])
        matched = _store_results(market, result)
        placed = place_bookings(cycle, matched) if cycle.is_placement else {}
        cycle.stats = _stats(market, result, placed)
        cycle.save(update_fields=["stats"])
        _announce(cycle, market)
    return cycle


def _record_seats(market: Market) -> None:
    """Keep the seats each session had when the round ran (they change as people book)."""
    seats = {p.id: p.capacity for p in market.instance.programs}
    for engine_id, program in market.programs.items():
        program.capacity = seats[engine_id]
    MatchProgram.objects.bulk_update(market.programs.values(), ["capacity"])


def _check_can_run(cycle: MatchCycle, *, scheduled: bool) -> None:
    if cycle.status == CycleStatus.COMPLETED:
        raise ConflictError(f"“{cycle.title}” has already run; a cycle runs once.")
    if cycle.status == CycleStatus.CANCELLED:
        raise ConflictError(f"“{cycle.title}” was cancelled; it cannot run.")
    if scheduled and not cycle.is_due(now()):
        raise ConflictError(f"“{cycle.title}” is not due until its rank-list deadline.")


def _store_results(market: Market, result: Result) -> list[Participant]:
    """Write each participant's result; returns the matched ones."""
    matched = []
    for engine_id, participant in market.participants.items():
        program_id = result.assignments[engine_id]
        program = market.programs[program_id] if program_id else None
        participant.list_used = participant.certified_at is not None
        participant.matched_program = program
        participant.matched_choice = (
            market.lists[participant.pk].index(program.pk) + 1 if program else None
        )
        if program is not None:
            matched.append(participant)
    Participant.objects.bulk_update(
        market.participants.values(), ["list_used", "matched_program", "matched_choice"]
    )
    return matched


def _stats(market: Market, result: Result, placed: dict[str, int]) -> dict[str, object]:
    participants = market.participants.values()
    return {
        "applicants": len(market.participants),
        "lists_used": sum(p.list_used for p in participants),
        "programs": len(market.programs),
        "program_lists_used": sum(p.certified_at is not None for p in market.programs.values()),
        "positions": result.stats.get("positions", 0),
        "matched": result.stats.get("matched_applicants", 0),
        "unmatched": result.stats.get("unmatched_applicants", 0),
        "proposals": result.stats.get("iterations", 0),
        "stable": result.stable,
        **placed,
    }


def _announce(cycle: MatchCycle, market: Market) -> None:
    managers = {p.owner or cycle.created_by for p in market.programs.values()}
    people = [p.user for p in market.participants.values()] + [m for m in managers if m]
    notify_each(
        people=people,
        cycle=cycle,
        subject=f"Results: {cycle.title}",
        lines=[f"“{cycle.title}” has run. Your result is on the cycle's page."],
    )
