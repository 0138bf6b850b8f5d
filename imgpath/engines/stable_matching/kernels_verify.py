"""The verification kernel: which options block a given matching.

Plain Python in numba's subset, compiled by `compiled.py` like `kernels_match.py` (see there).

A unit's option blocks when the unit ranks it above its current option and every program in it
would choose its members from its current assignees plus them (Roth 1984; Kojima, Pathak and
Roth 2013): counting the applicants it holds that it ranks higher, the members still fit in its
capacity. A member already at that program keeps the seat it holds; the unit's other current
seats stay taken. Applicants a program did not rank hold a seat but never outrank anyone.
"""

from __future__ import annotations

from typing import Protocol


class Buffer(Protocol):
    """A list (interpreted) or a numpy integer array (compiled)."""

    def __getitem__(self, index: int, /) -> int: ...
    def __setitem__(self, index: int, value: int, /) -> None: ...
    def __len__(self) -> int: ...


Buffers = tuple[Buffer, ...]

# Kernels take their buffers positionally (numba), and the proposal loop stays one function
# so the interpreted hot path makes no calls.
# ruff: noqa: PLR0917

SINGLE = 0
COUPLE = 2


def find_current_options(
    first_unit: int,
    inst: Buffers,
    unit_member1: Buffer,
    unit_member2: Buffer,
    assigned: Buffer,
    second: Buffer,
    current: Buffer,
    unacceptable: Buffer,
) -> None:
    """current[u] = index of u's option matching its assignment, or the end of its options."""
    unit_offset, unit_kind, prog1, prog2 = inst[5], inst[6], inst[7], inst[9]
    for u in range(first_unit, len(unit_kind)):
        first = unit_member1[u]
        want1 = assigned[first]
        if unit_kind[u] == COUPLE:
            want2 = assigned[unit_member2[u]]
            stray = second[first] >= 0 or second[unit_member2[u]] >= 0
        else:
            want2 = second[first]
            stray = False
        end = unit_offset[u + 1]
        current[u] = end
        for o in range(unit_offset[u], end):
            if prog1[o] == want1 and prog2[o] == want2:
                current[u] = o
                break
        if stray or (current[u] == end and (want1 >= 0 or want2 >= 0)):
            unacceptable[u] = 1
            current[u] = end


def mark_held(first_unit: int, inst: Buffers, current: Buffer, held: Buffer) -> None:
    """Flag the list entry of every seat the units from `first_unit` on currently hold."""
    plist_offset, unit_offset, prog1, rank1, prog2, rank2 = (
        inst[1],
        inst[5],
        inst[7],
        inst[8],
        inst[9],
        inst[10],
    )
    for u in range(first_unit, len(current)):
        o = current[u]
        if o < unit_offset[u + 1]:
            if prog1[o] >= 0:
                held[plist_offset[prog1[o]] + rank1[o]] = 1
            if prog2[o] >= 0:
                held[plist_offset[prog2[o]] + rank2[o]] = 1


def count_better(inst: Buffers, held: Buffer, better: Buffer) -> None:
    """better[entry] = how many applicants a program holds that it ranks above that entry."""
    capacity, plist_offset = inst[0], inst[1]
    for p in range(len(capacity)):
        running = 0
        for e in range(plist_offset[p], plist_offset[p + 1]):
            better[e] = running
            running += held[e]


def find_blocking(
    first_unit: int, inst: Buffers, current: Buffer, better: Buffer, blocking: Buffer
) -> int:
    """Flag every option a unit prefers to its current one that all its programs would grant."""
    capacity, plist_offset, _, _, _, unit_offset, unit_kind, prog1, rank1, prog2, rank2 = inst
    found = 0
    for u in range(first_unit, len(current)):
        start = unit_offset[u]
        cur = current[u]
        if unit_kind[u] == SINGLE:
            # A single holds one seat elsewhere, so it never counts against itself.
            for o in range(start, cur):
                p = prog1[o]
                if better[plist_offset[p] + rank1[o]] < capacity[p]:
                    blocking[o] = 1
                    found += 1
            continue
        own_p1, own_p2 = -1, -1
        if cur < unit_offset[u + 1]:
            own_p1, own_p2 = prog1[cur], prog2[cur]
        for o in range(start, cur):
            p1, r1, p2, r2 = prog1[o], rank1[o], prog2[o], rank2[o]
            fits = True
            if p1 >= 0 and p1 == p2:
                lowest = max(r1, r2)
                above = better[plist_offset[p1] + lowest]
                # The better-ranked member, if already there, is counted above yet is one of
                # the two who need seats.
                if (r1 < r2 and own_p1 == p1) or (r2 < r1 and own_p2 == p1):
                    above -= 1
                fits = above + 2 <= capacity[p1]
            else:
                if p1 >= 0:
                    fits = better[plist_offset[p1] + r1] < capacity[p1]
                if fits and p2 >= 0:
                    fits = better[plist_offset[p2] + r2] < capacity[p2]
            if fits:
                blocking[o] = 1
                found += 1
    return found


def verify_kernel(
    inst: Buffers,
    unit_member1: Buffer,
    unit_member2: Buffer,
    assigned: Buffer,
    second: Buffer,
    work: Buffers,
) -> int:
    """All passes over all units; `work` = (current, unacceptable, held, better, blocking)."""
    current, unacceptable, held, better, blocking = work
    find_current_options(
        0, inst, unit_member1, unit_member2, assigned, second, current, unacceptable
    )
    mark_held(0, inst, current, held)
    count_better(inst, held, better)
    return find_blocking(0, inst, current, better, blocking)
