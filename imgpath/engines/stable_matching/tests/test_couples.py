"""Couples: both positions or neither, withdrawal on displacement, and no stable matching."""

from __future__ import annotations

import pytest

from imgpath.engines.stable_matching import BlockingPair, solve, verify

from .support import blocking_by_definition, build, stable_matchings

# The textbook case with no stable matching (Roth 1984): whatever happens, someone blocks.
NO_STABLE = build(
    {"H1": (1, ["M1", "S"]), "H2": (1, ["S", "M2"])},
    {"S": ["H1", "H2"], "M1": [], "M2": []},
    couples=[("C", ("M1", "M2"), [("H1", "H2")])],
)


def test_a_couple_going_to_one_program_needs_two_seats() -> None:
    instance = build(
        {"P1": (1, ["M1", "M2"]), "P2": (2, ["M1", "M2"])},
        {"M1": [], "M2": []},
        couples=[("C", ("M1", "M2"), [("P1", "P1"), ("P2", "P2")])],
    )
    result = solve(instance)
    assert dict(result.assignments) == {"M1": "P2", "M2": "P2"}
    assert result.stable


@pytest.mark.parametrize(
    ("ranks", "singles", "expected"),
    [
        # Full with S1 and S2, both ranked below both members: both singles go.
        (["M1", "M2", "S1", "S2"], ["S1", "S2"], {"M1": "P", "M2": "P", "S1": "Q", "S2": "Q"}),
        # S1 ranks between the members: taking both would keep S1 over M2, so no.
        (["M1", "S1", "M2", "S2"], ["S1", "S2"], {"M1": None, "M2": None, "S1": "P", "S2": "P"}),
        # One seat free, S1 below both members: S1 goes.
        (["M1", "M2", "S1"], ["S1"], {"M1": "P", "M2": "P", "S1": "Q"}),
        # One seat free, S1 between the members: no.
        (["M1", "S1", "M2"], ["S1"], {"M1": None, "M2": None, "S1": "P"}),
    ],
)
def test_two_members_into_one_program_displace_only_those_ranked_below_both(
    ranks: list[str], singles: list[str], expected: dict[str, str | None]
) -> None:
    instance = build(
        {"P": (2, ranks), "Q": (2, singles)},
        {**{s: ["P", "Q"] for s in singles}, "M1": [], "M2": []},
        couples=[("C", ("M1", "M2"), [("P", "P")])],
    )
    result = solve(instance)
    assert dict(result.assignments) == expected
    assert result.stable


def test_displaced_couple_is_withdrawn_and_proposes_its_next_pair() -> None:
    # C2 takes P5 from S; S then takes P1 from A, so couple C1 loses P1, gives up P2 as well,
    # and moves on to its next pair (P3, P4).
    instance = build(
        {
            "P1": (1, ["S", "A"]),
            "P2": (1, ["B"]),
            "P3": (1, ["A"]),
            "P4": (1, ["B"]),
            "P5": (1, ["C", "S"]),
            "P6": (1, ["D"]),
        },
        {"S": ["P5", "P1"], "A": [], "B": [], "C": [], "D": []},
        couples=[
            ("C1", ("A", "B"), [("P1", "P2"), ("P3", "P4")]),
            ("C2", ("C", "D"), [("P5", "P6")]),
        ],
    )
    result = solve(instance)
    assert dict(result.assignments) == {"S": "P1", "A": "P3", "B": "P4", "C": "P5", "D": "P6"}
    assert result.stable
    assert result.stats["withdrawals"] == 1


def test_freed_seat_goes_back_to_the_applicant_who_wanted_it() -> None:
    # C1 takes H1 from S (S falls to H5). C2 then takes H6 from T, T takes H2 from M2, so C1 is
    # withdrawn from H1 too and moves to (H3, H4). The stability check hands H1 back to S.
    instance = build(
        {
            "H1": (1, ["M1", "S"]),
            "H2": (1, ["T", "M2"]),
            "H3": (1, ["M1"]),
            "H4": (1, ["M2"]),
            "H5": (1, ["S"]),
            "H6": (1, ["N1", "T"]),
            "H7": (1, ["N2"]),
        },
        {"S": ["H1", "H5"], "T": ["H6", "H2"], "M1": [], "M2": [], "N1": [], "N2": []},
        couples=[
            ("C1", ("M1", "M2"), [("H1", "H2"), ("H3", "H4")]),
            ("C2", ("N1", "N2"), [("H6", "H7")]),
        ],
    )
    result = solve(instance)
    assert result.stable
    assert dict(result.assignments) == {
        "S": "H1",
        "T": "H2",
        "M1": "H3",
        "M2": "H4",
        "N1": "H6",
        "N2": "H7",
    }
    assert result.stats["withdrawals"] == 1
    assert result.stats["reopened"] == 1


def test_one_member_may_stay_unmatched_by_choice() -> None:
    instance = build(
        {"P1": (1, ["M1"]), "P2": (0, ["M2"])},
        {"M1": [], "M2": []},
        couples=[("C", ("M1", "M2"), [("P1", "P2"), ("P1", None)])],
    )
    result = solve(instance)
    assert dict(result.assignments) == {"M1": "P1", "M2": None}
    assert result.stable


def test_a_couple_that_ranks_staying_unmatched_first_stays_unmatched() -> None:
    instance = build(
        {"P1": (2, ["M1", "M2"])},
        {"M1": ["P1"], "M2": ["P1"]},
        couples=[("C", ("M1", "M2"), [(None, None), ("P1", "P1")])],
    )
    result = solve(instance)
    assert dict(result.assignments) == {"M1": None, "M2": None}
    assert result.stable


def test_members_own_lists_are_not_used() -> None:
    instance = build(
        {"P1": (1, ["M1"]), "P2": (1, ["M1", "M2"])},
        {"M1": ["P1"], "M2": ["P2"]},
        couples=[("C", ("M1", "M2"), [("P2", None)])],
    )
    assert dict(solve(instance).assignments) == {"M1": "P2", "M2": None}


def test_no_stable_matching_is_reported_with_its_blocking_pairs() -> None:
    assert stable_matchings(NO_STABLE) == []
    result = solve(NO_STABLE)
    assert result.stable is False
    assert result.stats["bound_reached"] is True
    assert result.stats["iterations"] >= result.stats["iteration_bound"]
    assert result.blocking_pairs
    report = verify(NO_STABLE, result)
    assert report.blocking_pairs == result.blocking_pairs
    expected = blocking_by_definition(NO_STABLE, dict(result.assignments))
    assert {(p.applicants, p.programs) for p in result.blocking_pairs} == expected


@pytest.mark.parametrize("bound", [0, 1, 2, 3, 7])
def test_the_iteration_bound_stops_the_run_exactly(bound: int) -> None:
    result = solve(NO_STABLE, max_iterations=bound)
    assert result.stats["iterations"] == bound
    assert result.stats["iteration_bound"] == bound
    assert result.stats["bound_reached"] is True
    assert result.stable is False
    # Whatever it stopped on is still a matching: capacities hold, the couple is whole.
    assert not verify(NO_STABLE, result).capacity_violations
    assert (result.assignments["M1"] is None) == (result.assignments["M2"] is None)


def test_couple_blocking_pair_names_the_couple_and_both_programs() -> None:
    from imgpath.engines.stable_matching import Result

    matching = {"S": "H1", "M1": None, "M2": None}
    report = verify(NO_STABLE, Result(assignments=matching, stable=False))
    assert report.blocking_pairs == (
        BlockingPair(applicants=("M1", "M2"), programs=("H1", "H2"), couple="C"),
    )


def test_verify_flags_a_pair_the_couple_did_not_rank() -> None:
    from imgpath.engines.stable_matching import Result

    matching = {"S": None, "M1": "H1", "M2": None}
    report = verify(NO_STABLE, Result(assignments=matching, stable=False))
    assert [u.couple for u in report.unacceptable] == ["C"]
    assert not report.stable


def test_engines_agree_on_the_looping_instance() -> None:
    interpreted = solve(NO_STABLE, engine="python")
    compiled = solve(NO_STABLE, engine="compiled")
    assert compiled.assignments == interpreted.assignments
    assert compiled.blocking_pairs == interpreted.blocking_pairs
    assert {**compiled.stats, "engine": None} == {**interpreted.stats, "engine": None}


def test_a_couple_members_current_seat_stays_taken_when_judging_a_pair() -> None:
    # The couple holds (P, -). Its first pair (Q, P) would send M1 to Q and M2 to P; P still
    # holds M1, whom it ranks above M2, so P would not choose M2: no blocking pair.
    instance = build(
        {"P": (1, ["M1", "S", "M2"]), "Q": (1, ["M1"])},
        {"S": ["P"], "M1": [], "M2": []},
        couples=[("C", ("M1", "M2"), [("Q", "P"), ("P", None)])],
    )
    result = solve(instance)
    assert dict(result.assignments) == {"S": None, "M1": "P", "M2": None}
    assert result.stable


def test_a_member_already_at_the_program_keeps_its_seat_when_both_would_go_there() -> None:
    from imgpath.engines.stable_matching import Result

    # P holds M1 and X. For (P, P) it would choose M1 and M2 over X: M1 keeps its seat and M2
    # takes X's, so the couple and P block.
    instance = build(
        {"P": (2, ["M1", "M2", "X"])},
        {"X": ["P"], "M1": [], "M2": []},
        couples=[("C", ("M1", "M2"), [("P", "P"), ("P", None)])],
    )
    matching = {"X": "P", "M1": "P", "M2": None}
    report = verify(instance, Result(assignments=matching, stable=False))
    assert report.blocking_pairs == (
        BlockingPair(applicants=("M1", "M2"), programs=("P", "P"), couple="C"),
    )
    assert dict(solve(instance).assignments) == {"X": None, "M1": "P", "M2": "P"}
