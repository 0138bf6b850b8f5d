"""Properties with couples and supplemental lists, against a brute-force oracle."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from imgpath.engines.stable_matching import Instance, Result, solve, verify

from .support import all_matchings, blocking_by_definition, joint_instances, stable_matchings, units

SETTINGS = settings(max_examples=120, deadline=None)


def _pairs(result_pairs: tuple[object, ...]) -> set[tuple[object, object]]:
    return {(pair.applicants, pair.programs) for pair in result_pairs}  # type: ignore[attr-defined]


@SETTINGS
@given(joint_instances(), st.sampled_from(["applicants", "programs"]))
def test_result_is_stable_or_reports_blocking_pairs_verify_agrees_with(
    instance: Instance, propose: str
) -> None:
    result = solve(instance, propose)  # type: ignore[arg-type]
    report = verify(instance, result)
    assert report.stable == result.stable
    assert report.blocking_pairs == result.blocking_pairs
    assert not report.capacity_violations and not report.unacceptable
    oracle = blocking_by_definition(instance, dict(result.assignments), dict(result.preliminary))
    assert _pairs(result.blocking_pairs) == oracle
    assert result.stable == (not result.blocking_pairs)


@SETTINGS
@given(joint_instances())
def test_couples_hold_a_ranked_pair_or_nothing(instance: Instance) -> None:
    result = solve(instance)
    for couple, members, options in units(instance):
        if couple is None:
            continue
        pair = tuple(result.assignments[m] for m in members)
        assert pair == (None, None) or pair in options


@SETTINGS
@given(joint_instances(max_couples=1, max_singles=2), st.data())
def test_verify_finds_exactly_the_blocking_pairs_of_any_matching(
    instance: Instance, data: st.DataObject
) -> None:
    matching, prelim = data.draw(st.sampled_from(list(all_matchings(instance))))
    report = verify(instance, Result(assignments=matching, stable=False, preliminary=prelim))
    assert _pairs(report.blocking_pairs) == blocking_by_definition(instance, matching, prelim)
    assert not report.capacity_violations and not report.unacceptable


@SETTINGS
@given(joint_instances(), st.sampled_from(["applicants", "programs"]))
def test_inputs_are_unchanged_and_results_repeat(instance: Instance, propose: str) -> None:
    before = copy.deepcopy(instance)
    first = solve(instance, propose)  # type: ignore[arg-type]
    assert solve(instance, propose) == first  # type: ignore[arg-type]
    assert instance == before


@settings(max_examples=25, deadline=None)
@given(joint_instances(max_couples=2), st.sampled_from(["applicants", "programs"]))
def test_compiled_and_interpreted_engines_agree(instance: Instance, propose: str) -> None:
    interpreted = solve(instance, propose, engine="python")  # type: ignore[arg-type]
    compiled = solve(instance, propose, engine="compiled")  # type: ignore[arg-type]
    assert compiled.assignments == interpreted.assignments
    assert compiled.preliminary == interpreted.preliminary
    assert compiled.blocking_pairs == interpreted.blocking_pairs
    assert {**compiled.stats, "engine": None} == {**interpreted.stats, "engine": None}


@settings(max_examples=60, deadline=None)
@given(joint_instances(max_couples=1, max_singles=2))
def test_when_no_stable_matching_exists_the_engine_says_so(instance: Instance) -> None:
    result = solve(instance)
    if not stable_matchings(instance):
        assert result.stable is False
        assert result.blocking_pairs
    if result.stable:
        assert (dict(result.assignments), dict(result.preliminary)) in stable_matchings(instance)
