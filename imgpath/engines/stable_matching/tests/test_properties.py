"""Properties of deferred acceptance on random instances of single applicants."""

from __future__ import annotations

import copy
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from imgpath.engines.stable_matching import Applicant, Instance, instance_to_dict, solve, verify

from .support import (
    all_matchings,
    blocking_by_definition,
    matching_package_assignments,
    preference_position,
    singles_instances,
    stable_matchings,
)

FAST = settings(max_examples=150, deadline=None)
BRUTE = settings(max_examples=60, deadline=None)


@FAST
@given(
    singles_instances(max_programs=5, max_applicants=8, max_capacity=3),
    st.sampled_from(["applicants", "programs"]),
)
def test_result_is_stable_and_within_capacity(instance: Instance, propose: str) -> None:
    result = solve(instance, propose)  # type: ignore[arg-type]
    report = verify(instance, result)
    assert result.stable and report.stable
    assert not blocking_by_definition(instance, dict(result.assignments))
    taken = [p for p in result.assignments.values() if p is not None]
    for program in instance.programs:
        assert taken.count(program.id) <= program.capacity


@BRUTE
@given(singles_instances())
def test_applicant_proposing_gives_every_applicant_its_best_stable_partner(
    instance: Instance,
) -> None:
    stable = stable_matchings(instance)
    result = solve(instance, "applicants")
    assert (dict(result.assignments), {}) in stable
    for applicant in instance.applicants:
        best = min(preference_position(instance, applicant.id, m[applicant.id]) for m, _ in stable)
        assert preference_position(instance, applicant.id, result.assignments[applicant.id]) == best


@BRUTE
@given(singles_instances())
def test_program_proposing_gives_every_applicant_its_worst_stable_partner(
    instance: Instance,
) -> None:
    # The program-optimal stable matching is the applicant-pessimal one (lattice polarity).
    stable = stable_matchings(instance)
    result = solve(instance, "programs")
    assert (dict(result.assignments), {}) in stable
    for applicant in instance.applicants:
        worst = max(preference_position(instance, applicant.id, m[applicant.id]) for m, _ in stable)
        assert (
            preference_position(instance, applicant.id, result.assignments[applicant.id]) == worst
        )


@FAST
@given(singles_instances(max_programs=5, max_applicants=8, max_capacity=3, min_capacity=1))
def test_same_assignments_as_the_matching_package(instance: Instance) -> None:
    assert dict(solve(instance, "applicants").assignments) == matching_package_assignments(instance)


@BRUTE
@given(singles_instances(max_programs=3, max_applicants=4), st.data())
def test_no_applicant_gains_by_misreporting(instance: Instance, data: st.DataObject) -> None:
    truthful = solve(instance).assignments
    for index, applicant in enumerate(instance.applicants):
        honest = preference_position(instance, applicant.id, truthful[applicant.id])
        for size in range(len(applicant.ranks) + 1):
            for lie in itertools.permutations(applicant.ranks, size):
                lied = Instance(
                    programs=instance.programs,
                    applicants=(
                        *instance.applicants[:index],
                        Applicant(applicant.id, lie),
                        *instance.applicants[index + 1 :],
                    ),
                )
                gained = solve(lied).assignments[applicant.id]
                assert preference_position(instance, applicant.id, gained) >= honest


@FAST
@given(
    singles_instances(max_programs=5, max_applicants=8, max_capacity=3),
    st.sampled_from(["applicants", "programs"]),
)
def test_inputs_are_unchanged_and_results_repeat(instance: Instance, propose: str) -> None:
    before = copy.deepcopy(instance)
    before_dict = instance_to_dict(instance)
    first = solve(instance, propose)  # type: ignore[arg-type]
    verify(instance, first)
    second = solve(instance, propose)  # type: ignore[arg-type]
    assert instance == before
    assert instance_to_dict(instance) == before_dict
    assert first == second


@BRUTE
@given(singles_instances(max_programs=3, max_applicants=4), st.data())
def test_verify_finds_exactly_the_blocking_pairs_of_any_matching(
    instance: Instance, data: st.DataObject
) -> None:
    candidates = list(all_matchings(instance))
    matching, _ = data.draw(st.sampled_from(candidates))
    from imgpath.engines.stable_matching import Result

    report = verify(instance, Result(assignments=matching, stable=False))
    found = {(pair.applicants, pair.programs) for pair in report.blocking_pairs}
    assert found == blocking_by_definition(instance, matching)
    assert not report.capacity_violations and not report.unacceptable


@settings(max_examples=25, deadline=None)
@given(
    singles_instances(max_programs=5, max_applicants=8, max_capacity=3),
    st.sampled_from(["applicants", "programs"]),
)
def test_compiled_and_interpreted_engines_agree(instance: Instance, propose: str) -> None:
    interpreted = solve(instance, propose, engine="python")  # type: ignore[arg-type]
    compiled = solve(instance, propose, engine="compiled")  # type: ignore[arg-type]
    assert compiled.assignments == interpreted.assignments
    assert compiled.blocking_pairs == interpreted.blocking_pairs
    assert verify(instance, interpreted, engine="compiled") == verify(
        instance, interpreted, engine="python"
    )
