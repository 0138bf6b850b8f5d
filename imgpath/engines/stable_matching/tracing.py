"""A step-by-step trace of deferred acceptance, for teaching ("How the Match works").

Deliberately the textbook form with dicts and lists, not the array kernels: every proposal
becomes an `Event` that a page can replay. It ends in the same matching as `solve`.
"""

from __future__ import annotations

from collections import deque

from .errors import InstanceError
from .model import Event, Instance


def trace(instance: Instance) -> tuple[Event, ...]:
    """Record every proposal of applicant-proposing deferred acceptance, with its reason.

    Problem: show how the Match places applicants, one proposal at a time, for a small
    instance of single applicants (no couples, no supplemental lists). The algorithm is Gale
    and Shapley's deferred acceptance (1962) as the NRMP runs it for singles (Roth and
    Peranson, American Economic Review 89(4), 1999).

    Steps:
    1. Queue every applicant in input order.
    2. Take the next applicant; it proposes to the next program on its list.
    3. The program rejects it if it did not rank it; accepts it if it has a free position;
       if full, it displaces its lowest-ranked held applicant when it ranks the proposer
       higher, and otherwise rejects the proposer.
    4. A rejected applicant proposes again at once; a displaced one joins the end of the
       queue; an applicant whose list is exhausted stays unmatched.
    5. Stop when the queue is empty; tentative acceptances become the matching.
    """
    _require_singles(instance)
    lists = {a.id: a.ranks for a in instance.applicants}
    rank_of = {p.id: {aid: i for i, aid in enumerate(p.ranks)} for p in instance.programs}
    capacity = {p.id: p.capacity for p in instance.programs}
    held: dict[str, list[str]] = {p.id: [] for p in instance.programs}
    next_choice = dict.fromkeys(lists, 0)
    queue = deque(lists)
    events: list[Event] = []
    while queue:
        applicant = queue.popleft()
        while next_choice[applicant] < len(lists[applicant]):
            program = lists[applicant][next_choice[applicant]]
            next_choice[applicant] += 1
            event = _propose(
                step=len(events) + 1,
                applicant=applicant,
                program=program,
                ranks=rank_of[program],
                capacity=capacity[program],
                held=held,
            )
            events.append(event)
            if event.displaced is not None:
                queue.append(event.displaced)
            if event.outcome != "rejected":
                break
    return tuple(events)


def _require_singles(instance: Instance) -> None:
    if instance.couples:
        raise InstanceError("trace covers instances without couples")
    advanced = {p.id for p in instance.programs if p.kind == "advanced"}
    for applicant in instance.applicants:
        if applicant.supplemental and not advanced.isdisjoint(applicant.ranks):
            raise InstanceError(
                f"trace covers single applicants only; {applicant.id!r} needs a supplemental list"
            )


def _propose(
    *,
    step: int,
    applicant: str,
    program: str,
    ranks: dict[str, int],
    capacity: int,
    held: dict[str, list[str]],
) -> Event:
    """Apply one proposal to `held` and describe what the program did."""
    holding = held[program]
    if applicant not in ranks:
        reason = f"{program} did not rank {applicant}"
        return Event(step, applicant, program, "rejected", reason)
    if len(holding) < capacity:
        holding.append(applicant)
        reason = f"{program} has a free position ({len(holding)} of {capacity} now filled)"
        return Event(step, applicant, program, "accepted", reason)
    if capacity == 0:
        return Event(step, applicant, program, "rejected", f"{program} has no positions")
    lowest = max(holding, key=ranks.__getitem__)
    mine, theirs = ranks[applicant] + 1, ranks[lowest] + 1
    if mine < theirs:
        holding[holding.index(lowest)] = applicant
        reason = (
            f"{program} is full and ranks {applicant} (#{mine}) above {lowest} (#{theirs}), "
            "the lowest it holds"
        )
        return Event(step, applicant, program, "displaced", reason, displaced=lowest)
    reason = (
        f"{program} is full and ranks everyone it holds above {applicant} (#{mine}); "
        f"its lowest, {lowest}, is #{theirs}"
    )
    return Event(step, applicant, program, "rejected", reason)
