"""A `Result` to the JSON form and back (format in docs/stable-matching.md)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import ResultError
from .model import BlockingPair, Result

_KEYS = {"assignments", "preliminary", "stable", "blocking_pairs", "stats"}


def result_to_dict(result: Result) -> dict[str, Any]:
    """The JSON form of `result`; result_from_dict reads it back to an equal Result."""
    return {
        "assignments": dict(result.assignments.items()),
        "preliminary": dict(result.preliminary),
        "stable": result.stable,
        "blocking_pairs": [_pair_to_dict(pair) for pair in result.blocking_pairs],
        "stats": dict(result.stats),
    }


def result_from_dict(data: Mapping[str, Any]) -> Result:
    """Read a result; only `assignments` is required (a hand-made matching to verify).

    A missing `stable` reads as False: nothing has checked the matching yet.
    """
    if not isinstance(data, Mapping):
        raise ResultError("the result must be a JSON object")
    unknown = set(data) - _KEYS
    if unknown:
        raise ResultError(f"the result has an unknown key {sorted(unknown)[0]!r}")
    if "assignments" not in data:
        raise ResultError("the result has no 'assignments' object")
    assignments = _id_mapping(data["assignments"], "assignments", allow_none=True)
    preliminary = _id_mapping(data.get("preliminary", {}), "preliminary", allow_none=False)
    stable = data.get("stable", False)
    if not isinstance(stable, bool):
        raise ResultError("'stable' must be true or false")
    pairs = data.get("blocking_pairs", [])
    if not isinstance(pairs, list):
        raise ResultError("'blocking_pairs' must be a list")
    stats = data.get("stats", {})
    if not isinstance(stats, dict):
        raise ResultError("'stats' must be an object")
    return Result(
        assignments=assignments,
        stable=stable,
        blocking_pairs=tuple(_pair_from_dict(i, pair) for i, pair in enumerate(pairs)),
        stats=stats,
        preliminary=preliminary,  # type: ignore[arg-type]
    )


def _id_mapping(value: object, label: str, *, allow_none: bool) -> dict[str, str | None]:
    if not isinstance(value, dict):
        raise ResultError(f"{label!r} must be an object of applicant id to program id")
    for applicant_id, program_id in value.items():
        if program_id is None and allow_none:
            continue
        if not isinstance(program_id, str):
            raise ResultError(
                f"{label}[{applicant_id!r}] must be a program id"
                + (" or null" if allow_none else "")
                + f", got {program_id!r}"
            )
    return value


def _pair_to_dict(pair: BlockingPair) -> dict[str, Any]:
    data: dict[str, Any] = {"applicants": list(pair.applicants), "programs": list(pair.programs)}
    if pair.couple is not None:
        data["couple"] = pair.couple
    return data


def _pair_from_dict(index: int, data: object) -> BlockingPair:
    where = f"blocking_pairs[{index}]"
    if not isinstance(data, dict) or set(data) - {"applicants", "programs", "couple"}:
        raise ResultError(f"{where} must be an object with applicants, programs and couple")
    applicants = data.get("applicants")
    programs = data.get("programs")
    couple = data.get("couple")
    if not isinstance(applicants, list) or not all(isinstance(a, str) for a in applicants):
        raise ResultError(f"{where}: applicants must be a list of ids")
    if not isinstance(programs, list) or not all(p is None or isinstance(p, str) for p in programs):
        raise ResultError(f"{where}: programs must be a list of ids or nulls")
    if couple is not None and not isinstance(couple, str):
        raise ResultError(f"{where}: couple must be an id")
    return BlockingPair(applicants=tuple(applicants), programs=tuple(programs), couple=couple)
