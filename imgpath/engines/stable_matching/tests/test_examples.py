"""Textbook examples with known answers, both proposing sides."""

from __future__ import annotations

import pytest

from imgpath.engines.stable_matching import solve, verify

from .support import build

# Gale and Shapley (1962): two applicants who each come first on the other program's list.
TWO_BY_TWO = build(
    {"P1": (1, ["A2", "A1"]), "P2": (1, ["A1", "A2"])},
    {"A1": ["P1", "P2"], "A2": ["P2", "P1"]},
)

# Gale and Shapley's cyclic 3x3 example: everyone's first choice differs by side, giving three
# stable matchings; each proposing side gets its own first choices.
CYCLIC = build(
    {
        "A": (1, ["beta", "gamma", "alpha"]),
        "B": (1, ["gamma", "alpha", "beta"]),
        "C": (1, ["alpha", "beta", "gamma"]),
    },
    {"alpha": ["A", "B", "C"], "beta": ["B", "C", "A"], "gamma": ["C", "A", "B"]},
)

# Many-to-one: P1 has two seats.
COLLEGE = build(
    {"P1": (2, ["A3", "A1", "A2"]), "P2": (1, ["A1", "A2", "A3"])},
    {"A1": ["P1", "P2"], "A2": ["P1", "P2"], "A3": ["P2", "P1"]},
)


@pytest.mark.parametrize(
    ("instance", "propose", "expected"),
    [
        (TWO_BY_TWO, "applicants", {"A1": "P1", "A2": "P2"}),
        (TWO_BY_TWO, "programs", {"A1": "P2", "A2": "P1"}),
        (CYCLIC, "applicants", {"alpha": "A", "beta": "B", "gamma": "C"}),
        (CYCLIC, "programs", {"alpha": "C", "beta": "A", "gamma": "B"}),
        (COLLEGE, "applicants", {"A1": "P1", "A2": "P1", "A3": "P2"}),
        (COLLEGE, "programs", {"A1": "P1", "A2": "P2", "A3": "P1"}),
    ],
)
def test_textbook_examples(instance: object, propose: str, expected: dict[str, str]) -> None:
    result = solve(instance, propose)  # type: ignore[arg-type]
    assert dict(result.assignments) == expected
    assert result.stable
    assert verify(instance, result).stable  # type: ignore[arg-type]


def test_acceptability_is_mutual() -> None:
    # A1 ranks P1 but P1 did not rank A1, and the other way round for A2: nobody matches.
    instance = build({"P1": (2, ["A2"])}, {"A1": ["P1"], "A2": []})
    result = solve(instance)
    assert dict(result.assignments) == {"A1": None, "A2": None}
    assert result.stable


def test_a_program_with_no_positions_takes_nobody() -> None:
    instance = build({"P1": (0, ["A1"]), "P2": (1, ["A1"])}, {"A1": ["P1", "P2"]})
    assert dict(solve(instance).assignments) == {"A1": "P2"}


def test_more_applicants_than_seats_leaves_the_lowest_ranked_out() -> None:
    instance = build({"P1": (2, ["A3", "A1", "A2"])}, {"A1": ["P1"], "A2": ["P1"], "A3": ["P1"]})
    result = solve(instance)
    assert dict(result.assignments) == {"A1": "P1", "A2": None, "A3": "P1"}
    assert result.stats["matched_applicants"] == 2
    assert result.stats["filled_positions"] == 2


def test_an_empty_instance_is_fine() -> None:
    result = solve(build({}, {}))
    assert dict(result.assignments) == {}
    assert result.stable


def test_stats_describe_the_run() -> None:
    stats = solve(COLLEGE).stats
    assert stats["propose"] == "applicants"
    assert stats["applicants"] == 3 and stats["programs"] == 2 and stats["positions"] == 3
    assert stats["iterations"] == 3
    assert stats["bound_reached"] is False
    assert stats["blocking_pairs"] == 0


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="propose"):
        solve(COLLEGE, "hospitals")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="engine"):
        solve(COLLEGE, engine="gpu")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_iterations"):
        solve(COLLEGE, max_iterations=-1)
