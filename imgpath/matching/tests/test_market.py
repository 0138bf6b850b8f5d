"""The teaching market: parsing plain text, replaying the trace, trying to game it (no DB)."""

from __future__ import annotations

import pytest

from imgpath.engines.stable_matching import solve
from imgpath.matching.market import (
    EXAMPLES,
    EXAMPLES_BY_SLUG,
    MAX_MARKET_CHARS,
    MarketError,
    parse_market,
    play,
    replay,
)


def test_lines_become_an_instance_in_order():
    instance = parse_market(
        "# a comment\n\nprogram: City Hospital (2): Ana, Ben\nProgram: Lake Clinic: Ben\n"
        "Applicant: Ana: City Hospital\nAPPLICANT: Ben: Lake Clinic, City Hospital\n"
    )
    assert [(p.id, p.capacity, p.ranks) for p in instance.programs] == [
        ("City Hospital", 2, ("Ana", "Ben")),
        ("Lake Clinic", 1, ("Ben",)),
    ]
    assert [(a.id, a.ranks) for a in instance.applicants] == [
        ("Ana", ("City Hospital",)),
        ("Ben", ("Lake Clinic", "City Hospital")),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Hospital City (2): Ana", "Line 1: start with “Program:” or “Applicant:”"),
        ("Program: A (2): X\nApplicant: X: B", "Line 2: X ranks “B”, which is not a program here."),
        (
            "Program: A (2): Y\nApplicant: X: A",
            "Line 1: A ranks “Y”, who is not an applicant here.",
        ),
        ("Program: A (12): X\nApplicant: X: A", "Line 1: positions are a whole number from 0 to 9"),
        ("Program: A (-1): X\nApplicant: X: A", "Line 1: positions are a whole number"),
        ("Program: A: X, X\nApplicant: X: A", "Line 1: A lists “X” twice."),
        ("Program: A: X\nApplicant: A: A", "Line 2: “A” is already in the market."),
        ("Program: A: X\nApplicant: X (1): A", "Line 2: only programs have positions"),
        ("Program: : X\nApplicant: X: A", "Line 1: give the program a name."),
        ("Program: A: X", "Add at least one program and one applicant."),
        ("x" * (MAX_MARKET_CHARS + 1), "under 1200 characters"),
        ("\n".join(f"Applicant: A{i}: P" for i in range(13)) + "\nProgram: P: A1", "small markets"),
    ],
)
def test_errors_name_the_line(text, message):
    with pytest.raises(MarketError) as caught:
        parse_market(text)
    assert message in str(caught.value)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.slug)
def test_replay_ends_in_the_engines_matching(example):
    instance = parse_market(example.text)
    steps = replay(instance)
    final = steps[-1].held
    result = solve(instance)
    assert {a: p for p, people in final.items() for a in people} == {
        a: p for a, p in result.assignments.items() if p
    }
    assert [s.number for s in steps] == list(range(1, len(steps) + 1))


def test_held_applicants_are_in_the_programs_order():
    steps = replay(parse_market(EXAMPLES_BY_SLUG["first-look"].text))
    assert steps[2].event.displaced == "Ana"
    assert steps[-1].held["Lake Clinic"] == ("Ana", "Ben")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.slug)
def test_no_list_beats_the_truth_when_applicants_propose(example):
    instance = parse_market(example.text)
    for applicant in instance.applicants:
        game = play(instance, applicant.id)
        assert game.better == 0
        assert game.tried == sum(o.lists for o in game.outcomes)


def test_when_programs_propose_truncating_can_pay():
    instance = parse_market(EXAMPLES_BY_SLUG["honesty"].text)
    game = play(instance, "Al", propose="programs")
    assert (game.truthful, game.truthful_choice, game.better) == ("South", 2, 1)
    assert play(instance, "Al").truthful == "North"


def test_every_reordering_and_truncation_is_tried():
    instance = parse_market(EXAMPLES_BY_SLUG["chain"].text)
    # 3 programs: 1 empty list + 3 + 6 + 6 ordered lists.
    assert play(instance, "Ana").tried == 16


def test_long_lists_are_refused():
    names = [f"P{i}" for i in range(6)]
    text = "\n".join(f"Program: {n}: A" for n in names) + f"\nApplicant: A: {', '.join(names)}"
    with pytest.raises(MarketError, match="up to 5 programs"):
        play(parse_market(text), "A")
