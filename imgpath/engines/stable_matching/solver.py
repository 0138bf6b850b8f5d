"""`solve`: the Match itself, and `verify`, the independent check of any matching."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal, cast

import numpy as np

from .backend import Array, Engine, EngineRun, choose_engine
from .errors import ResultError
from .kernels_match import (
    C_BOUND_REACHED,
    C_CHECKS,
    C_ITERATIONS,
    C_REOPENED,
    C_WITHDRAWALS,
)
from .layout import PreparedInstance, prepare
from .model import Assignments, Instance, Result, Verification
from .report import build_verification

Propose = Literal["applicants", "programs"]


def default_iteration_bound(prepared: PreparedInstance) -> int:
    """Ten proposals per rank entry: deferred acceptance without couples needs at most one."""
    return 10 * (prepared.n_options + len(prepared.plist_applicant)) + 10_000


def solve(
    instance: Instance | PreparedInstance,
    propose: Propose = "applicants",
    *,
    engine: Engine = "auto",
    max_iterations: int | None = None,
) -> Result:
    """Match applicants, couples and supplemental lists to programs' positions, stably.

    Problem: programs with capacities and applicants rank each other; find a matching in which
    no applicant (or couple) and program(s) would both rather be matched to each other than
    keep what they got. Without couples and supplemental lists deferred acceptance always finds
    one (Gale and Shapley, "College Admissions and the Stability of Marriage", 1962); with them
    one may not exist. The method is the NRMP's: Roth and Peranson, "The Redesign of the
    Matching Market for American Physicians: Some Engineering Aspects of Economic Design",
    American Economic Review 89(4), 1999, pp. 748-780.

    Steps:
    1. Keep only mutually acceptable choices (both sides ranked each other) and group
       applicants into units: singles, applicants whose advanced (PGY-2) choices need a
       preliminary (PGY-1) position from their supplemental list, and couples.
    2. Singles: with propose="applicants", every single proposes down its list; a program holds
       the best `capacity` proposals so far and rejects the rest; a displaced applicant resumes
       at its next choice. With propose="programs", programs offer seats down their lists and
       each single keeps its best offer.
    3. Supplemental-list applicants, then couples, enter one at a time. A unit takes a choice
       only if every program in it admits its member (a pair at one program needs two seats).
       When a member is displaced, the unit is withdrawn from its other seat and re-proposes
       from its next choice; displaced applicants are processed again.
    4. When nobody is waiting, each program that lost an applicant looks down its list for an
       applicant or couple that now prefers it and that it would admit; that unit is withdrawn
       and proposes again from that choice.
    5. Stop when nothing moves, or after `max_iterations` proposals (reported in stats).
    6. Check the matching with the same code as `verify`. With couples or supplemental lists a
       stable matching may not exist; then `stable` is False and the blocking pairs the final
       matching still has are listed.

    Inputs are never modified; the same input gives the same result. `engine` picks numba-
    compiled kernels or numpy plus interpreted kernels ("auto": compiled for large instances
    or once compiled code is loaded in this process); both give identical results.
    """
    if propose not in ("applicants", "programs"):
        raise ValueError(f"propose must be 'applicants' or 'programs', got {propose!r}")
    prepared = instance if isinstance(instance, PreparedInstance) else prepare(instance)
    bound = default_iteration_bound(prepared) if max_iterations is None else max_iterations
    if bound < 0:
        raise ValueError("max_iterations must be 0 or more")
    run = EngineRun(prepared, choose_engine(engine, prepared))
    matched = run.match(propose, bound)
    checked = run.verify(matched.assigned, matched.second)
    verification = build_verification(prepared, checked, matched.assigned, matched.second)
    names = np.array([*prepared.program_ids, None], dtype=object)
    assignments = Assignments(
        prepared.applicant_ids,
        names[matched.assigned].tolist(),
        prepared.instance.encoding.applicant_index,
    )
    preliminary = {
        prepared.applicant_ids[a]: prepared.program_ids[matched.second[a]]
        for a in np.flatnonzero(matched.second >= 0).tolist()
    }
    counters = matched.counters
    n_matched = int((matched.assigned >= 0).sum())
    n_couples = len(prepared.instance.couples)
    stats: dict[str, object] = {
        "propose": propose,
        "engine": "compiled" if run.compiled else "python",
        "applicants": len(prepared.applicant_ids),
        "programs": len(prepared.program_ids),
        "positions": int(prepared.capacity.sum()),
        "couples": n_couples,
        "supplemental_applicants": prepared.n_units - prepared.n_singles - n_couples,
        "matched_applicants": n_matched,
        "unmatched_applicants": len(prepared.applicant_ids) - n_matched,
        "filled_positions": int(checked.occupancy.sum()),
        "iterations": counters[C_ITERATIONS],
        "iteration_bound": bound,
        "bound_reached": bool(counters[C_BOUND_REACHED]),
        "withdrawals": counters[C_WITHDRAWALS],
        "stability_checks": counters[C_CHECKS],
        "reopened": counters[C_REOPENED],
        "blocking_pairs": len(verification.blocking_pairs),
    }
    return Result(
        assignments=assignments,
        stable=verification.stable,
        blocking_pairs=verification.blocking_pairs,
        stats=stats,
        preliminary=preliminary,
    )


def verify(
    instance: Instance | PreparedInstance, result: Result, *, engine: Engine = "auto"
) -> Verification:
    """List everything that makes `result` an unstable matching of `instance`.

    Problem: given any matching (from `solve`, another tool, or a hand-made file), find every
    blocking pair in the sense of Roth and Peranson (1999): a single applicant and a program,
    each acceptable to the other, where the applicant prefers the program to its assignment and
    the program has a free seat or ranks the applicant above someone it holds; or a couple and a
    pair it ranks above its current pair where each program would choose its member from its
    current assignees plus the member (both members, needing two seats, when they go to one
    program; a member already there keeps its seat; Roth 1984, Kojima, Pathak and Roth 2013).
    Also report capacity violations and assignments someone did not rank.

    Steps:
    1. Map the result's ids to indices (unknown ids raise ResultError; applicants missing from
       `assignments` are unmatched) and find each unit's current choice.
    2. Per program, count for every rank how many applicants it holds ranked above it.
    3. For each unit, test every choice it ranks above its current one against those counts.
    4. Compare each program's assignees with its capacity.
    """
    prepared = instance if isinstance(instance, PreparedInstance) else prepare(instance)
    assigned, second = _encode(prepared, result)
    checked = EngineRun(prepared, choose_engine(engine, prepared)).verify(assigned, second)
    return build_verification(prepared, checked, assigned, second)


def _encode(prepared: PreparedInstance, result: Result) -> tuple[Array, Array]:
    """The result's ids as indices (-1: unmatched), per applicant in instance order."""
    encoding = prepared.instance.encoding
    return (
        _encode_mapping(prepared, encoding.applicant_index, result.assignments, "assignments"),
        _encode_mapping(prepared, encoding.applicant_index, result.preliminary, "preliminary"),
    )


def _encode_mapping(
    prepared: PreparedInstance,
    applicant_index: Mapping[str, int],
    mapping: Mapping[str, str | None],
    label: str,
) -> Array:
    known = cast("Mapping[str | None, int]", prepared.instance.encoding.program_index)
    program_index: dict[str | None, int] = {None: -1, **known}
    if len(mapping) == len(prepared.applicant_ids) and tuple(mapping) == prepared.applicant_ids:
        # Every applicant, in instance order (results from `solve`): no lookups by applicant.
        pairs: Iterable[tuple[str, str | None]] = zip(
            prepared.applicant_ids, mapping.values(), strict=True
        )
        try:
            return np.array(list(map(program_index.__getitem__, mapping.values())), np.int32)
        except (KeyError, TypeError):
            _name_unknown_program(pairs, program_index, label)
            raise
    encoded = np.full(len(prepared.applicant_ids), -1, dtype=np.int32)
    for applicant_id, program_id in mapping.items():
        if applicant_id not in applicant_index:
            raise ResultError(f"{label} names applicant {applicant_id!r}, not in the instance")
        _name_unknown_program([(applicant_id, program_id)], program_index, label)
        encoded[applicant_index[applicant_id]] = program_index[program_id]
    return encoded


def _name_unknown_program(
    pairs: Iterable[tuple[str, str | None]], program_index: Mapping[str | None, int], label: str
) -> None:
    for applicant_id, program_id in pairs:
        if not isinstance(program_id, str | None) or program_id not in program_index:
            raise ResultError(
                f"{label}[{applicant_id!r}] names program {program_id!r}, not in the instance"
            )
