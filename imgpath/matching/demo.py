"""Demo match cycles: an open mock match to try ranking in, and a finished one with results.

Everything goes through the services. The finished cycle is created like any other, then its
deadline is moved into the past (services refuse past deadlines) and the scheduler's run is
called, as `run_due_cycles` would.
"""

from __future__ import annotations

from datetime import timedelta

from imgpath.accounts.demo import demo_user
from imgpath.accounts.models import User
from imgpath.matching import services
from imgpath.matching.models import CycleKind, MatchCycle, MatchProgram, Participant
from imgpath.matching.services.common import now

ORDER = 40

OPEN_PROGRAMS = [
    ("Riverside University Hospital: Internal Medicine", 2),
    ("Lakeshore Community Hospital: Internal Medicine", 1),
    ("Gulf Coast Medical Center: Internal Medicine", 2),
    ("Prairie Valley Hospital: Internal Medicine", 1),
]


def load_demo(*, stdout) -> None:
    host = demo_user("host@demo.imgpath.org")
    if MatchCycle.objects.filter(created_by=host, kind=CycleKind.MOCK).exists():
        stdout.write("matching: demo data already loaded")
        return
    priya = demo_user("applicant@demo.imgpath.org")
    seun = demo_user("applicant2@demo.imgpath.org")
    _open_cycle(host, priya, seun)
    _finished_cycle(host, priya, seun)
    stdout.write("matching: 1 open mock match, 1 finished mock match with results")


def _programs(cycle: MatchCycle, host, programs, owners=None) -> list[MatchProgram]:
    owners = owners or {}
    return [
        services.program_add(
            cycle=cycle, by=host, name=name, capacity=capacity, owner_email=owners.get(name, "")
        )
        for name, capacity in programs
    ]


def _rank(participant: Participant, user: User, programs, *, certify: bool) -> None:
    services.applicant_ranks_replace(
        participant=participant, program_ids=[p.pk for p in programs], by=user
    )
    if certify:
        services.applicant_ranks_certify(participant=participant, by=user)


def _program_ranks(program: MatchProgram, by, people, *, certify: bool = True) -> None:
    services.program_ranks_replace(program=program, participant_ids=[p.pk for p in people], by=by)
    if certify:
        services.program_ranks_certify(program=program, by=by)


def _open_cycle(host, priya, seun) -> None:
    deadline = (now() + timedelta(days=14)).replace(hour=17, minute=0, second=0, microsecond=0)
    cycle = services.mock_cycle_create(
        created_by=host,
        title="Internal medicine mock match",
        description="Four made-up internal medicine programs. Rank them as you would in March "
        "and see where the Match would place you.",
        rank_deadline=deadline,
    )
    lakeshore = "Lakeshore Community Hospital: Internal Medicine"
    riverside, lake, gulf, prairie = _programs(
        cycle, host, OPEN_PROGRAMS, owners={lakeshore: "host2@demo.imgpath.org"}
    )
    p_priya = services.participant_join(cycle=cycle, user=priya)
    p_seun = services.participant_join(cycle=cycle, user=seun)
    # Priya's list is saved but not certified: the demo shows the certify step.
    _rank(p_priya, priya, [riverside, gulf, prairie], certify=False)
    _rank(p_seun, seun, [lake, riverside, gulf, prairie], certify=True)
    _program_ranks(riverside, host, [p_priya, p_seun])
    _program_ranks(gulf, host, [p_seun, p_priya], certify=False)


def _finished_cycle(host, priya, seun) -> None:
    cycle = services.mock_cycle_create(
        created_by=host,
        title="Practice round: two programs, two applicants",
        description="A finished practice round, so you can see what results look like.",
        rank_deadline=now() + timedelta(days=1),
    )
    north, bay = _programs(
        cycle, host, [("North Shore Medical Center", 1), ("Bayview Hospital", 1)]
    )
    p_priya = services.participant_join(cycle=cycle, user=priya)
    p_seun = services.participant_join(cycle=cycle, user=seun)
    _rank(p_priya, priya, [north, bay], certify=True)
    _rank(p_seun, seun, [north, bay], certify=True)
    _program_ranks(north, host, [p_seun, p_priya])
    _program_ranks(bay, host, [p_priya, p_seun])
    deadline = now() - timedelta(days=30)
    MatchCycle.objects.filter(pk=cycle.pk).update(rank_deadline=deadline)
    services.cycle_run(cycle=cycle, run_by=None)
    MatchCycle.objects.filter(pk=cycle.pk).update(ran_at=deadline + timedelta(minutes=5))
