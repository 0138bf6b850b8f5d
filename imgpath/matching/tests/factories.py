"""Building cycles for tests: through the services wherever a rule matters."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from imgpath.matching import services
from imgpath.matching.models import MatchCycle, MatchProgram, Participant


def in_days(days: float = 7):
    return timezone.now() + timedelta(days=days)


def mock_cycle(creator, *, programs=(("City Hospital", 1), ("Lake Clinic", 1)), title="Mock"):
    cycle = services.mock_cycle_create(created_by=creator, title=title, rank_deadline=in_days())
    for name, capacity in programs:
        services.program_add(cycle=cycle, by=creator, name=name, capacity=capacity)
    return cycle


def program(cycle: MatchCycle, name: str) -> MatchProgram:
    return cycle.programs.get(name=name)


def join_and_rank(cycle: MatchCycle, user, names, *, certify: bool = True) -> Participant:
    participant = services.participant_join(cycle=cycle, user=user)
    ids = [program(cycle, n).pk for n in names]
    services.applicant_ranks_replace(participant=participant, program_ids=ids, by=user)
    if certify:
        services.applicant_ranks_certify(participant=participant, by=user)
    return participant


def rank_applicants(prog: MatchProgram, by, participants, *, certify: bool = True) -> None:
    services.program_ranks_replace(
        program=prog, participant_ids=[p.pk for p in participants], by=by
    )
    if certify:
        services.program_ranks_certify(program=prog, by=by)


def pass_deadline(cycle: MatchCycle) -> MatchCycle:
    """Move the deadline into the past, as time would (services refuse past deadlines)."""
    MatchCycle.objects.filter(pk=cycle.pk).update(
        rank_deadline=timezone.now() - timedelta(minutes=1)
    )
    cycle.refresh_from_db()
    return cycle


def rank_snapshot(cycle: MatchCycle) -> dict[str, list]:
    """Every list of a cycle, to assert that nothing changed."""
    return {
        "applicants": [
            (p.pk, p.certified_at, list(p.ranks.values_list("program_id", "position")))
            for p in cycle.participants.order_by("pk")
        ],
        "programs": [
            (p.pk, p.certified_at, list(p.ranks.values_list("participant_id", "position")))
            for p in cycle.programs.order_by("pk")
        ],
        "status": cycle.__class__.objects.get(pk=cycle.pk).status,
    }
