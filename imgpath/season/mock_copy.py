"""Copy the season's final ranked list into a mock-match rank list: the ranked programs, in
rank order, that a chosen open mock cycle also has (matched by name, since a mock cycle's
programs are made up by its host). The draft list is replaced through matching's own
service, so the cycle's lock, deadline and un-certifying hold as on the rank-list page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.shortcuts import get_object_or_404

from imgpath.core.errors import ServiceError
from imgpath.matching.models import MatchCycle
from imgpath.matching.selectors import joinable_mock_cycles, program_choices_for
from imgpath.matching.services import applicant_ranks_replace, participant_join
from imgpath.season.models import Season, Status, TrackedProgram

if TYPE_CHECKING:
    from imgpath.accounts.models import User


@dataclass
class CopyResult:
    cycle: MatchCycle
    copied: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (program, why)


def cycles_to_copy_into(user: User) -> list[MatchCycle]:
    """Open mock cycles, before their deadline, that the applicant has joined or may join."""
    if not getattr(user, "is_applicant", False):
        return []
    return list(joinable_mock_cycles().order_by("rank_deadline", "pk"))


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def final_ranked_list(season: Season) -> list[TrackedProgram]:
    """Ranked programs, numbered ones first in their order, then any without a number."""
    ranked = TrackedProgram.objects.filter(season=season, status=Status.RANKED)
    return sorted(ranked, key=lambda t: (t.rank is None, t.rank or 0, t.name.casefold(), t.pk))


def ranked_list_copy(season: Season, cycle_pk: int) -> CopyResult:
    """Join the cycle if needed and replace the season owner's draft list there; refused,
    changing nothing, when no ranked program is in the cycle."""
    user = season.user
    cycle = get_object_or_404(joinable_mock_cycles(), pk=cycle_pk)
    ranked = final_ranked_list(season)
    if not ranked:
        raise ServiceError("No program in your tracker has the status Ranked yet.")
    result = CopyResult(cycle)
    with transaction.atomic():
        participant = participant_join(cycle=cycle, user=user)
        offered = {_key(p.name): p for p in program_choices_for(participant)}
        chosen: list[int] = []
        for tracked in ranked:
            program = offered.get(_key(tracked.name))
            if program is None:
                result.skipped.append((tracked.name, "no program of this name in the mock match"))
            elif program.pk in chosen:
                result.skipped.append((tracked.name, f"“{program.name}” is already on the list"))
            else:
                chosen.append(program.pk)
                result.copied.append(program.name)
        if not chosen:
            raise ServiceError(
                f"None of your ranked programs is in “{cycle.title}”, so nothing was copied."
            )
        applicant_ranks_replace(participant=participant, program_ids=chosen, by=user)
    return result
