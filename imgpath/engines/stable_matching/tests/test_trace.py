"""The step-by-step tracer used to replay the Match proposal by proposal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from imgpath.engines.stable_matching import Event, Instance, InstanceError, solve, trace

from .support import build, singles_instances
from .test_couples import NO_STABLE
from .test_examples import TWO_BY_TWO


def _final_matching(instance: Instance, events: tuple[Event, ...]) -> dict[str, str | None]:
    """Replay the events: the last acceptance of each applicant stands unless displaced later."""
    matching: dict[str, str | None] = {a.id: None for a in instance.applicants}
    for event in events:
        if event.outcome != "rejected":
            matching[event.applicant] = event.program
        if event.displaced is not None:
            matching[event.displaced] = None
    return matching


def test_every_proposal_is_an_event_with_its_reason() -> None:
    instance = build(
        {"P1": (1, ["A2", "A1"]), "P2": (1, ["A1"]), "P3": (1, [])},
        {"A1": ["P1", "P2"], "A2": ["P3", "P1"], "A3": ["P1"]},
    )
    assert trace(instance) == (
        Event(1, "A1", "P1", "accepted", "P1 has a free position (1 of 1 now filled)"),
        Event(2, "A2", "P3", "rejected", "P3 did not rank A2"),
        Event(
            3,
            "A2",
            "P1",
            "displaced",
            "P1 is full and ranks A2 (#1) above A1 (#2), the lowest it holds",
            displaced="A1",
        ),
        Event(4, "A3", "P1", "rejected", "P1 did not rank A3"),
        Event(5, "A1", "P2", "accepted", "P2 has a free position (1 of 1 now filled)"),
    )


def test_a_full_program_rejects_someone_it_ranks_lower() -> None:
    instance = build({"P1": (1, ["A1", "A2"])}, {"A1": ["P1"], "A2": ["P1"]})
    events = trace(instance)
    assert events[-1] == Event(
        2,
        "A2",
        "P1",
        "rejected",
        "P1 is full and ranks everyone it holds above A2 (#2); its lowest, A1, is #1",
    )


def test_a_program_without_positions_rejects() -> None:
    events = trace(build({"P1": (0, ["A1"])}, {"A1": ["P1"]}))
    assert events == (Event(1, "A1", "P1", "rejected", "P1 has no positions"),)


def test_textbook_trace_ends_in_the_solved_matching() -> None:
    assert _final_matching(TWO_BY_TWO, trace(TWO_BY_TWO)) == dict(solve(TWO_BY_TWO).assignments)


@settings(max_examples=150, deadline=None)
@given(singles_instances(max_programs=5, max_applicants=8, max_capacity=3))
def test_replaying_the_trace_gives_the_solved_matching(instance: Instance) -> None:
    events = trace(instance)
    assert [e.step for e in events] == list(range(1, len(events) + 1))
    assert _final_matching(instance, events) == dict(solve(instance).assignments)


def test_trace_refuses_couples_and_supplemental_lists() -> None:
    with pytest.raises(InstanceError, match="couples"):
        trace(NO_STABLE)
    supplemental = build(
        {"ADV": (1, ["A"]), "PRE": (1, ["A"])},
        {"A": ["ADV"]},
        kinds={"ADV": "advanced", "PRE": "preliminary"},
        supplemental={"A": ["PRE"]},
    )
    with pytest.raises(InstanceError, match="supplemental"):
        trace(supplemental)
