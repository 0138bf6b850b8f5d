"""Supplemental lists: an advanced (PGY-2) match stands only with a preliminary (PGY-1) year."""

from __future__ import annotations

import pytest

from imgpath.engines.stable_matching import InstanceError, Result, solve, verify

from .support import build

KINDS = {"ADV": "advanced", "ADV2": "advanced", "PRE": "preliminary", "PRE2": "preliminary"}


def test_advanced_match_comes_with_a_preliminary_year() -> None:
    instance = build(
        {"ADV": (1, ["A"]), "PRE": (1, ["A"]), "CAT": (1, ["A"])},
        {"A": ["ADV", "CAT"]},
        kinds=KINDS,
        supplemental={"A": ["PRE"]},
    )
    result = solve(instance)
    assert dict(result.assignments) == {"A": "ADV"}
    assert dict(result.preliminary) == {"A": "PRE"}
    assert result.stable
    assert result.stats["supplemental_applicants"] == 1


def test_supplemental_list_is_tried_in_order() -> None:
    instance = build(
        {"ADV": (1, ["A"]), "PRE": (0, ["A"]), "PRE2": (1, ["A"])},
        {"A": ["ADV"]},
        kinds=KINDS,
        supplemental={"A": ["PRE", "PRE2"]},
    )
    result = solve(instance)
    assert (result.assignments["A"], result.preliminary["A"]) == ("ADV", "PRE2")


def test_without_a_preliminary_position_the_applicant_moves_down_the_primary_list() -> None:
    # B holds PRE, which ranks B above A: A cannot pair ADV with a PGY-1 year, so takes CAT.
    instance = build(
        {"ADV": (1, ["A"]), "PRE": (1, ["B", "A"]), "CAT": (1, ["A"])},
        {"A": ["ADV", "CAT"], "B": ["PRE"]},
        kinds=KINDS,
        supplemental={"A": ["PRE"]},
    )
    result = solve(instance)
    assert dict(result.assignments) == {"A": "CAT", "B": "PRE"}
    assert dict(result.preliminary) == {}
    assert result.stable


def test_an_empty_supplemental_list_takes_the_advanced_position_alone() -> None:
    instance = build({"ADV": (1, ["A"])}, {"A": ["ADV"]}, kinds=KINDS)
    result = solve(instance)
    assert dict(result.assignments) == {"A": "ADV"}
    assert dict(result.preliminary) == {}


def test_losing_the_preliminary_year_releases_the_advanced_seat() -> None:
    # A takes ADV from D and PRE. C then takes PRE from A, so A gives up ADV too and takes CAT;
    # the stability check hands ADV back to D.
    instance = build(
        {
            "ADV": (1, ["A", "D"]),
            "ADV2": (1, ["C"]),
            "PRE": (1, ["C", "A"]),
            "CAT": (1, ["A"]),
            "CAT2": (1, ["D"]),
        },
        {"A": ["ADV", "CAT"], "C": ["ADV2"], "D": ["ADV", "CAT2"]},
        kinds=KINDS,
        supplemental={"A": ["PRE"], "C": ["PRE"]},
    )
    result = solve(instance)
    assert dict(result.assignments) == {"A": "CAT", "C": "ADV2", "D": "ADV"}
    assert dict(result.preliminary) == {"C": "PRE"}
    assert result.stable
    assert result.stats["withdrawals"] == 1
    assert result.stats["reopened"] == 1


def test_verify_rejects_an_advanced_match_without_its_preliminary_year() -> None:
    instance = build(
        {"ADV": (1, ["A"]), "PRE": (1, ["A"])},
        {"A": ["ADV"]},
        kinds=KINDS,
        supplemental={"A": ["PRE"]},
    )
    report = verify(instance, Result(assignments={"A": "ADV"}, stable=False))
    assert len(report.unacceptable) == 1
    assert "supplemental" in report.unacceptable[0].reason
    assert [pair.programs for pair in report.blocking_pairs] == [("ADV", "PRE")]


def test_verify_rejects_a_preliminary_year_for_someone_who_needs_none() -> None:
    instance = build({"CAT": (1, ["A"]), "PRE": (1, ["A"])}, {"A": ["CAT"]}, kinds=KINDS)
    report = verify(
        instance, Result(assignments={"A": "CAT"}, stable=False, preliminary={"A": "PRE"})
    )
    assert len(report.unacceptable) == 1


def test_supplemental_lists_hold_only_preliminary_programs() -> None:
    with pytest.raises(
        InstanceError, match=r"applicants\[0\] \(id 'A'\).*'CAT'.*not a preliminary"
    ):
        build({"CAT": (1, ["A"])}, {"A": ["CAT"]}, supplemental={"A": ["CAT"]})
