"""What match cycles store about a person, to export and to erase.

On erasure the person's participations go (their rank lists with them, and programs' ranks
of them); open cycles they created are cancelled first, so nobody waits on a cycle whose
creator has left; programs they ranked for fall back to the cycle's creator.
"""

from __future__ import annotations

from typing import Any

from imgpath.accounts.models import User
from imgpath.matching.models import CycleStatus, MatchCycle, MatchProgram, Participant
from imgpath.matching.services import cycle_cancel


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export_user_data(user: User) -> dict[str, Any]:
    participations = Participant.objects.filter(user=user).select_related(
        "cycle", "matched_program"
    )
    return {
        "cycles_created": [
            {"title": c.title, "kind": c.kind, "status": c.status}
            for c in MatchCycle.objects.filter(created_by=user)
        ],
        "participations": [_export_participation(p) for p in participations],
        "programs_ranked": [
            {
                "cycle": p.cycle.title,
                "program": p.name,
                "rank_list": [
                    r.participant.name for r in p.ranks.select_related("participant__user")
                ],
                "certified_at": _iso(p.certified_at),
            }
            for p in MatchProgram.objects.filter(owner=user).select_related("cycle")
        ],
    }


def _export_participation(participant: Participant) -> dict[str, Any]:
    return {
        "cycle": participant.cycle.title,
        "joined_at": _iso(participant.joined_at),
        "rank_list": [r.program.name for r in participant.ranks.select_related("program")],
        "certified_at": _iso(participant.certified_at),
        "matched": participant.matched_program.name if participant.matched_program else None,
        "matched_choice": participant.matched_choice,
    }


def erase_user_data(user: User) -> None:
    for cycle in MatchCycle.objects.filter(created_by=user, status=CycleStatus.OPEN):
        cycle_cancel(cycle=cycle, by=user)
    Participant.objects.filter(user=user).delete()
    MatchProgram.objects.filter(owner=user).update(owner=None)
