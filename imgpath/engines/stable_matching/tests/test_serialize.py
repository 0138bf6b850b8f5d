"""Results to JSON and back."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

from imgpath.engines.stable_matching import (
    Instance,
    Result,
    ResultError,
    result_from_dict,
    result_to_dict,
    solve,
)

from .support import joint_instances


@settings(max_examples=80, deadline=None)
@given(joint_instances())
def test_results_round_trip_through_json(instance: Instance) -> None:
    result = solve(instance)
    assert result_from_dict(json.loads(json.dumps(result_to_dict(result)))) == result


def test_result_mappings_are_read_only() -> None:
    source = {"A1": "P1"}
    result = Result(assignments=source, stable=True)
    source["A1"] = "P2"
    assert result.assignments["A1"] == "P1"
    with pytest.raises(TypeError):
        result.assignments["A1"] = "P3"  # type: ignore[index]


def test_a_hand_made_result_needs_only_assignments() -> None:
    result = result_from_dict({"assignments": {"A1": None}})
    assert result.stable is False and result.blocking_pairs == () and dict(result.preliminary) == {}


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"assignments": {"A1": ["P1"]}},
        {"assignments": {}, "preliminary": {"A1": None}},
        {"assignments": {}, "stats": []},
        {"assignments": {}, "blocking_pairs": {}},
        {"assignments": {}, "blocking_pairs": [{"applicants": ["A1"], "programs": [1]}]},
        {
            "assignments": {},
            "blocking_pairs": [{"applicants": ["A1"], "programs": [], "couple": 2}],
        },
    ],
)
def test_malformed_results_are_refused(data: object) -> None:
    with pytest.raises(ResultError):
        result_from_dict(data)  # type: ignore[arg-type]


def test_solved_assignments_behave_as_a_read_only_mapping() -> None:
    from .support import build

    instance = build({"P1": (1, ["A2", "A1"])}, {"A1": ["P1"], "A2": ["P1"], "A3": []})
    assignments = solve(instance).assignments
    assert list(assignments) == ["A1", "A2", "A3"]
    assert assignments == {"A1": None, "A2": "P1", "A3": None}
    assert assignments != {"A1": None, "A2": None, "A3": None}
    assert "A2" in assignments and "A9" not in assignments
    assert len(assignments) == 3 and assignments.get("A9") is None
    with pytest.raises(KeyError):
        assignments["A9"]
    with pytest.raises(TypeError):
        assignments["A1"] = "P1"  # type: ignore[index]
    assert "A2" in repr(assignments)
