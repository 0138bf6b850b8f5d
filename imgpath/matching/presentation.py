"""What a cycle's page shows to the person looking at it: only their own list and result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.matching import selectors
from imgpath.matching.models import CycleStatus, MatchCycle, MatchProgram, Participant
from imgpath.matching.services.common import is_cycle_manager


@dataclass(frozen=True)
class ProgramResult:
    program: MatchProgram
    matched: list[Participant]
    their_ranks: dict[int, int] = field(default_factory=dict)


def _program_results(programs: list[MatchProgram]) -> list[ProgramResult]:
    results = []
    for program in programs:
        matched = list(program.matched.select_related("user", "booking"))
        positions = dict(program.ranks.values_list("participant_id", "position"))
        results.append(ProgramResult(program, matched, positions))
    return results


def uncertified_note(applicants: int, programs: int) -> str:
    """“1 applicant list and 2 program lists are not certified: …”, or "" if none."""
    parts = [
        f"{n} {side} list{'s' if n != 1 else ''}"
        for n, side in ((applicants, "applicant"), (programs, "program"))
        if n
    ]
    if not parts:
        return ""
    verb = "is" if applicants + programs == 1 else "are"
    return f"{' and '.join(parts)} {verb} not certified: the Match will not use them."


def can_join(
    user: User | AnonymousUser, cycle: MatchCycle, participant: Participant | None
) -> bool:
    if participant is not None or not (user.is_authenticated and user.is_applicant):
        return False
    if cycle.is_locked():
        return False
    if cycle.is_placement:
        return selectors.program_choices_for(Participant(cycle=cycle, user=user)).exists()
    return True


def cycle_page(cycle: MatchCycle, user: User | AnonymousUser) -> dict[str, Any]:
    participant = selectors.participant_of(user, cycle)
    managed = selectors.programs_managed_by(user, cycle)
    manager = is_cycle_manager(user, cycle)
    is_open = cycle.status == CycleStatus.OPEN
    context: dict[str, Any] = {
        "cycle": cycle,
        "locked": cycle.is_locked(),
        "is_manager": manager,
        "can_run": manager and is_open,
        "can_add_programs": manager and not cycle.is_placement and not cycle.is_locked(),
        "participant": participant,
        "my_ranked": selectors.ranked_programs(participant) if participant else [],
        "can_join": can_join(user, cycle, participant),
        "managed": managed,
        "deadline": timezone.localtime(cycle.rank_deadline),
    }
    if manager or managed:
        context["overview"] = list(selectors.program_overview(cycle))
        context["counts"] = selectors.participant_counts(cycle)
    else:
        context["overview"] = list(cycle.programs.select_related("session"))
    if manager and is_open:
        context["uncertified_note"] = uncertified_note(*selectors.uncertified_counts(cycle))
    if cycle.is_completed:
        context["program_results"] = _program_results(managed)
    return context
