"""The JSON format: round trips, and every kind of malformed input named precisely."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from imgpath.engines.stable_matching import (
    Instance,
    InstanceError,
    Program,
    instance_to_dict,
    parse_instance,
    solve,
)

VALID: dict[str, Any] = {
    "programs": [
        {"id": "P1", "capacity": 2, "ranks": ["A2", "A1"]},
        {"id": "P2", "capacity": 1, "ranks": ["A1", "A3", "A4"], "kind": "advanced"},
        {"id": "PRE", "capacity": 1, "ranks": ["A1"], "kind": "preliminary"},
    ],
    "applicants": [
        {"id": "A1", "ranks": ["P2", "P1"], "supplemental": ["PRE"]},
        {"id": "A2", "ranks": ["P1"]},
        {"id": "A3"},
        {"id": "A4", "ranks": []},
    ],
    "couples": [{"id": "C1", "members": ["A3", "A4"], "ranks": [["P1", "P2"], ["P2", None]]}],
}


def _with(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """VALID with one entry replaced (value DELETE removes the key)."""
    data = copy.deepcopy(VALID)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


DELETE = object()

MALFORMED = [
    (["not", "an", "object"], r"must be a JSON object"),
    (_with(("programs",), DELETE), r"no 'programs' list"),
    (_with(("applicants",), {"A1": []}), r"'applicants' must be a list"),
    (_with(("couple",), []), r"unknown key 'couple'"),
    (_with(("programs", 0), "P1"), r"programs\[0\]: must be an object"),
    (_with(("programs", 0, "id"), 7), r"programs\[0\] \(id 7\): id must be a string"),
    (_with(("programs", 1, "id"), "P1"), r"programs\[1\] \(id 'P1'\): duplicate id"),
    (_with(("programs", 0, "capacity"), -1), r"programs\[0\] \(id 'P1'\): capacity .* got -1"),
    (_with(("programs", 0, "capacity"), "2"), r"programs\[0\] \(id 'P1'\): capacity .* got '2'"),
    (_with(("programs", 0, "capacity"), True), r"programs\[0\] \(id 'P1'\): capacity .* got True"),
    (_with(("programs", 0, "capacity"), 1.5), r"programs\[0\] \(id 'P1'\): capacity .* got 1.5"),
    (_with(("programs", 0, "capacity"), DELETE), r"programs\[0\] \(id 'P1'\): capacity is missing"),
    (_with(("programs", 0, "ranks"), DELETE), r"programs\[0\] \(id 'P1'\): ranks is missing"),
    (_with(("programs", 0, "ranks"), "A1"), r"programs\[0\] \(id 'P1'\): ranks must be a list"),
    (_with(("programs", 0, "kind"), "junior"), r"programs\[0\] \(id 'P1'\): kind must be one of"),
    (
        _with(("programs", 0, "ranks"), ["A1", "A9"]),
        r"programs\[0\] \(id 'P1'\): ranks names unknown applicant 'A9'",
    ),
    (
        _with(("programs", 0, "ranks"), ["A1", "A1"]),
        r"programs\[0\] \(id 'P1'\): ranks ranks applicant 'A1' twice",
    ),
    (_with(("programs", 0, "seats"), 3), r"programs\[0\] \(id 'P1'\): unknown key 'seats'"),
    (
        _with(("applicants", 1, "ranks"), ["P1", "P1"]),
        r"applicants\[1\] \(id 'A2'\): ranks ranks program 'P1' twice",
    ),
    (
        # P1 did not rank A4: found among the choices no program ranked back.
        _with(("applicants", 3, "ranks"), ["P2", "P1", "P1"]),
        r"applicants\[3\] \(id 'A4'\): ranks ranks program 'P1' twice",
    ),
    (
        _with(("applicants", 1, "ranks"), ["PX"]),
        r"applicants\[1\] \(id 'A2'\): ranks names unknown program 'PX'",
    ),
    (
        _with(("applicants", 1, "ranks"), [5]),
        r"applicants\[1\] \(id 'A2'\): ranks holds 5, which is not a string id",
    ),
    (
        _with(("applicants", 1, "ranks"), [["P1"]]),
        r"applicants\[1\] \(id 'A2'\): ranks holds \['P1'\]",
    ),
    (_with(("applicants", 1, "id"), "A1"), r"applicants\[1\] \(id 'A1'\): duplicate id"),
    (
        _with(("applicants", 0, "supplemental"), ["P1"]),
        r"applicants\[0\] \(id 'A1'\): supplemental lists 'P1', which is not a preliminary",
    ),
    (
        _with(("applicants", 0, "supplimental"), []),
        r"applicants\[0\] \(id 'A1'\): unknown key 'supplimental'",
    ),
    (
        _with(("couples", 0, "members"), ["A3"]),
        r"couples\[0\] \(id 'C1'\): members must be a list of two",
    ),
    (
        _with(("couples", 0, "members"), ["A3", "A9"]),
        r"couples\[0\] \(id 'C1'\): member 'A9' is not a known applicant",
    ),
    (
        _with(("couples", 0, "members"), ["A3", "A3"]),
        r"couples\[0\] \(id 'C1'\): members must be two different",
    ),
    (
        _with(("couples", 0, "ranks"), [["P1"]]),
        r"couples\[0\] \(id 'C1'\): ranks\[0\] must be a \[program, program\] pair",
    ),
    (
        _with(("couples", 0, "ranks"), [["P1", "PX"]]),
        r"couples\[0\] \(id 'C1'\): ranks\[0\] names unknown program 'PX'",
    ),
    (_with(("couples", 0, "ranks"), [["P1", 3]]), r"couples\[0\] \(id 'C1'\): ranks\[0\] holds 3"),
    (
        _with(("couples", 0, "ranks"), [["P1", None], ["P1", None]]),
        r"couples\[0\] \(id 'C1'\): ranks\[1\] ranks the pair",
    ),
    (
        _with(
            ("couples",), [*VALID["couples"], {"id": "C2", "members": ["A4", "A2"], "ranks": []}]
        ),
        r"couples\[1\] \(id 'C2'\): member 'A4' is already in couple 'C1'",
    ),
]


def test_valid_instance_round_trips() -> None:
    instance = parse_instance(VALID)
    assert parse_instance(instance_to_dict(instance)) == instance
    assert instance.programs[1].kind == "advanced"
    assert instance.couples[0].ranks == (("P1", "P2"), ("P2", None))
    assert instance.applicants[2].ranks == ()


@pytest.mark.parametrize(("data", "message"), MALFORMED)
def test_malformed_input_names_the_entry(data: Any, message: str) -> None:
    with pytest.raises(InstanceError, match=message):
        parse_instance(data)


def test_instances_built_in_code_are_checked_too() -> None:
    with pytest.raises(InstanceError, match=r"programs\[0\] \(id 'P1'\): capacity"):
        Instance(programs=(Program("P1", -2, ()),), applicants=())
    with pytest.raises(InstanceError, match="ranks must be a tuple"):
        Instance(programs=(Program("P1", 1, ["A1"]),), applicants=())  # type: ignore[arg-type]
    with pytest.raises(InstanceError, match="programs must be a tuple"):
        Instance(programs=[], applicants=())  # type: ignore[arg-type]


def test_parsing_does_not_modify_its_input() -> None:
    data = copy.deepcopy(VALID)
    parse_instance(data)
    assert data == VALID


@pytest.mark.parametrize("n_programs", [50, 70_000])
def test_choices_join_program_lists_with_few_or_more_programs_than_16_bits_hold(
    n_programs: int,
) -> None:
    """Both ways of ordering the choices find each applicant on the lists that rank them."""
    last, middle = f"P{n_programs - 1}", f"P{n_programs // 2}"
    data = {
        "programs": [
            {"id": f"P{p}", "capacity": 1, "ranks": ranks}
            for p in range(n_programs)
            for ranks in [
                ["A2", "A1"]
                if p == n_programs - 1
                else ["A1", "A2"]
                if p == n_programs // 2
                else []
            ]
        ],
        "applicants": [
            {"id": "A1", "ranks": [last, middle]},
            {"id": "A2", "ranks": [last, "P0", middle]},
        ],
    }
    result = solve(parse_instance(data))
    assert dict(result.assignments) == {"A1": middle, "A2": last}
    assert result.stable
