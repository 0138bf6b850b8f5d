"""Turn the verification kernel's flags back into ids: blocking pairs and other violations."""

from __future__ import annotations

import numpy as np

from .backend import Array, VerifyRun
from .layout import COUPLE, SUPPLEMENTAL, PreparedInstance
from .model import BlockingPair, CapacityViolation, UnacceptableAssignment, Verification


def build_verification(
    prepared: PreparedInstance, run: VerifyRun, assigned: Array, second: Array
) -> Verification:
    blocking = tuple(_blocking_pair(prepared, option) for option in run.blocking_options)
    violations = tuple(
        CapacityViolation(program=prepared.program_ids[p], capacity=capacity, assigned=taken)
        for p, (capacity, taken) in enumerate(
            zip(prepared.capacity.tolist(), run.occupancy.tolist(), strict=True)
        )
        if taken > capacity
    )
    unacceptable = tuple(
        _unacceptable(prepared, unit, assigned, second) for unit in run.unacceptable_units
    )
    return Verification(
        blocking_pairs=blocking, capacity_violations=violations, unacceptable=unacceptable
    )


def _program_id(prepared: PreparedInstance, index: int) -> str | None:
    return prepared.program_ids[int(index)] if index >= 0 else None


def _members(prepared: PreparedInstance, unit: int) -> tuple[str, ...]:
    first = prepared.applicant_ids[prepared.unit_member1[unit]]
    if prepared.unit_kind[unit] == COUPLE:
        return (first, prepared.applicant_ids[prepared.unit_member2[unit]])
    return (first,)


def _couple_id(prepared: PreparedInstance, unit: int) -> str | None:
    if prepared.unit_kind[unit] != COUPLE:
        return None
    couple_units = prepared.n_units - len(prepared.instance.couples)
    return prepared.instance.couples[unit - couple_units].id


def _blocking_pair(prepared: PreparedInstance, option: int) -> BlockingPair:
    unit = int(np.searchsorted(prepared.unit_offset, option, side="right")) - 1
    first = _program_id(prepared, int(prepared.opt_prog1[option]))
    second = _program_id(prepared, int(prepared.opt_prog2[option]))
    is_couple = prepared.unit_kind[unit] == COUPLE
    programs = (first, second) if is_couple or second is not None else (first,)
    return BlockingPair(
        applicants=_members(prepared, unit), programs=programs, couple=_couple_id(prepared, unit)
    )


def _unacceptable(
    prepared: PreparedInstance, unit: int, assigned: Array, second: Array
) -> UnacceptableAssignment:
    members = _members(prepared, unit)
    indices = [int(prepared.unit_member1[unit])]
    if prepared.unit_kind[unit] == COUPLE:
        indices.append(int(prepared.unit_member2[unit]))
    programs = tuple(_program_id(prepared, assigned[a]) for a in indices)
    prelims = [second[a] for a in indices if second[a] >= 0]
    if prelims:
        programs += tuple(_program_id(prepared, p) for p in prelims)
    couple = _couple_id(prepared, unit)
    return UnacceptableAssignment(
        applicants=members,
        programs=programs,
        reason=_reason(prepared.unit_kind[unit], couple, bool(prelims)),
        couple=couple,
    )


def _reason(kind: int, couple: str | None, has_prelim: bool) -> str:
    if couple is not None:
        return f"couple {couple!r} did not rank this pair, or a program did not rank its member"
    if kind == SUPPLEMENTAL:
        return (
            "not one of the applicant's options: an advanced position needs a preliminary "
            "position from the supplemental list, and both programs must rank the applicant"
        )
    if has_prelim:
        return "a preliminary position is only given with an advanced match that needs one"
    return "the applicant and the program did not both rank each other"
