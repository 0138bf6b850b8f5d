"""numpy versions of the singles' share of the work, for the interpreted engine on big instances.

Interpreted kernels pay bytecode per proposal; numpy pays per round. Deferred acceptance among
singles needs few rounds (under a hundred at Match size) however many proposals there are, so
here all free applicants propose at once and every program keeps its best `capacity` held
applicants (Gale and Shapley's original rounds). The applicant-optimal stable matching is
unique and every applicant makes the same proposals in any order, so the result, the proposal
count and the seat state equal the sequential kernel's exactly; tests hold them to that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .layout import PreparedInstance

Array = np.ndarray[Any, Any]


@dataclass(frozen=True, slots=True)
class SinglesState:
    """Seat state after the singles have settled, in the kernels' layout (see kernels_match)."""

    held: Array
    count: Array
    worst: Array
    ptr: Array
    holding: Array
    iterations: int


def applicant_rounds(prepared: PreparedInstance) -> SinglesState:
    """Applicant-proposing deferred acceptance among single applicants, a round at a time.

    Only programs proposed to in a round can reject anyone, so each round looks at their
    blocks of held seats alone: late rounds, with a few hundred proposals, cost little.
    """
    n = prepared.n_singles
    offset = prepared.unit_offset[: n + 1].astype(np.int64)
    plist_offset = prepared.plist_offset.astype(np.int64)
    capacity = prepared.capacity.astype(np.int64)
    applicant_unit = prepared.applicant_unit
    following = offset[:-1].copy()
    end = offset[1:]
    # Held seats as sorted entry indices into the programs' lists: sorted means grouped by
    # program (program p's entries lie in plist_offset[p]:plist_offset[p + 1]) and, within a
    # program, best rank first.
    held = np.zeros(0, dtype=np.int64)
    # Marks, cleared after each round: cheaper than np.unique for the programs proposed to.
    proposed_to = np.zeros(len(capacity), dtype=bool)
    free = np.flatnonzero(following < end)
    iterations = 0
    while free.size:
        options = following[free]
        following[free] += 1
        iterations += int(free.size)
        programs = prepared.opt_prog1[options].astype(np.int64)
        entries = np.sort(plist_offset[programs] + prepared.opt_rank1[options])
        held = np.insert(held, np.searchsorted(held, entries), entries)
        # Each program proposed to keeps its first `capacity` held entries; the rest go.
        proposed_to[programs] = True
        touched = np.flatnonzero(proposed_to)
        proposed_to[touched] = False
        start = np.searchsorted(held, plist_offset[touched])
        stop = np.searchsorted(held, plist_offset[touched + 1])
        cut = np.minimum(start + capacity[touched], stop)
        over = _ranges(cut, stop - cut)
        rejected = applicant_unit[prepared.plist_applicant[held[over]]]
        held = np.delete(held, over)
        free = rejected[following[rejected] < end[rejected]]
    held_program = np.searchsorted(plist_offset, held, side="right") - 1
    return _state(prepared, held, held_program, end, iterations)


def _ranges(starts: Array, lengths: Array) -> Array:
    """The indices starts[i], ..., starts[i] + lengths[i] - 1 for every i, in order."""
    before = np.cumsum(lengths) - lengths
    indices: Array = np.arange(int(lengths.sum())) + np.repeat(starts - before, lengths)
    return indices


def _state(
    prepared: PreparedInstance, held: Array, held_program: Array, end: Array, iterations: int
) -> SinglesState:
    n_programs = len(prepared.capacity)
    flags = np.zeros(len(prepared.plist_applicant), dtype=np.int32)
    flags[held] = 1
    count = np.bincount(held_program, minlength=n_programs).astype(np.int32)
    worst = np.full(n_programs, -1, dtype=np.int32)
    if len(held):
        last = np.flatnonzero(np.append(held_program[1:] != held_program[:-1], True))
        worst[held_program[last]] = held[last] - prepared.plist_offset[held_program[last]]
    ptr = prepared.unit_offset[:-1].astype(np.int32)
    holding = np.zeros(prepared.n_units, dtype=np.int32)
    units = prepared.applicant_unit[prepared.plist_applicant[held]]
    ptr[: prepared.n_singles] = end
    ptr[units] = prepared.plist_option[held]
    holding[units] = 1
    return SinglesState(flags, count, worst, ptr, holding, iterations)


def singles_current(
    prepared: PreparedInstance, assigned: Array, second: Array
) -> tuple[Array, Array]:
    """Each single's option matching its assignment (or its end), and who holds a seat unranked."""
    n = prepared.n_singles
    offset = prepared.unit_offset[: n + 1]
    owner = np.repeat(np.arange(n), np.diff(offset))
    member = prepared.unit_member1[:n]
    current = offset[1:].astype(np.int64)
    first_options = prepared.opt_prog1[: offset[-1]]
    matches = np.flatnonzero(first_options == assigned[member[owner]])
    current[owner[matches]] = matches
    unacceptable = ((assigned[member] >= 0) & (current == offset[1:])) | (second[member] >= 0)
    current[unacceptable] = offset[1:][unacceptable]
    return current, unacceptable


def held_entries(prepared: PreparedInstance, options: Array) -> Array:
    """Entries into the programs' lists of every seat of the given options."""
    seats = []
    for program, rank in (
        (prepared.opt_prog1, prepared.opt_rank1),
        (prepared.opt_prog2, prepared.opt_rank2),
    ):
        p = program[options]
        seated = p >= 0
        seats.append(prepared.plist_offset[p[seated]].astype(np.int64) + rank[options][seated])
    return np.concatenate(seats)


def better_counts(prepared: PreparedInstance, held: Array) -> Array:
    """better[entry] = how many applicants its program holds that it ranks above that entry."""
    running = np.concatenate([[0], np.cumsum(held)])
    lengths = np.diff(prepared.plist_offset)
    start = np.repeat(running[prepared.plist_offset[:-1]], lengths)
    better: Array = (running[:-1] - start).astype(np.int32)
    return better


def singles_blocking(prepared: PreparedInstance, current: Array, better: Array) -> Array:
    """Options of singles ranked above their current one whose program would admit them."""
    n = prepared.n_singles
    offset = prepared.unit_offset[: n + 1]
    options = np.arange(offset[-1])
    owner = np.repeat(np.arange(n), np.diff(offset))
    preferred = options < current[owner]
    program = prepared.opt_prog1[options]
    above = better[prepared.plist_offset[program] + prepared.opt_rank1[options]]
    return np.flatnonzero(preferred & (above < prepared.capacity[program]))
