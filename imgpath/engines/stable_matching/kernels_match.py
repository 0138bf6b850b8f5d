"""The matching kernels: Roth-Peranson unit proposals and program proposals.

Plain Python in numba's subset. `compiled.py` loads a second copy of this module and compiles
every function in it with numba, so the same source runs interpreted (on lists) or compiled (on
numpy arrays). Hence the style: every buffer is an argument, nothing is allocated, no objects.
Everything the kernels call lives in this one file, because numba's cache notices a change in
the file that defines a function but not in the files it calls.

`inst` = (capacity, plist_offset, plist_applicant, plist_option, applicant_unit, unit_offset,
unit_kind, prog1, rank1, prog2, rank2), laid out by `layout.py`.
`state` = (held, count, worst, ptr, holding, on_stack, unit_stack, prog_stack, on_prog_stack):
a program's seats are flags over its rank list (`held`), a `count`, and `worst`, the rank of its
lowest held applicant (-1 when empty); a unit holds option `ptr[u]` when `holding[u]` is 1,
otherwise `ptr[u]` is the next option it will propose.
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
# ruff: noqa: PLR0917, PLR0915

# Indices into the int64 `counters` array shared with the caller.
C_PROG_TOP = 0
C_ITERATIONS = 1
C_WITHDRAWALS = 2
C_CHECKS = 3
C_REOPENED = 4
C_BOUND_REACHED = 5
N_COUNTERS = 6

SINGLE = 0
COUPLE = 2


def add_seat(
    p: int, r: int, plist_offset: Buffer, held: Buffer, count: Buffer, worst: Buffer
) -> None:
    held[plist_offset[p] + r] = 1
    count[p] += 1
    worst[p] = max(worst[p], r)


def remove_seat(
    p: int, r: int, plist_offset: Buffer, held: Buffer, count: Buffer, worst: Buffer
) -> None:
    base = plist_offset[p]
    held[base + r] = 0
    count[p] -= 1
    if r == worst[p]:
        # Walk up to the next held applicant. Callers add before they remove, so while a
        # program stays full each rank on its list is walked past at most once.
        w = r - 1
        while w >= 0 and held[base + w] == 0:
            w -= 1
        worst[p] = w


def push_program(p: int, prog_stack: Buffer, on_prog_stack: Buffer, counters: Buffer) -> None:
    if on_prog_stack[p] == 0:
        on_prog_stack[p] = 1
        prog_stack[counters[C_PROG_TOP]] = p
        counters[C_PROG_TOP] += 1


def two_seats_admit(
    p: int,
    r1: int,
    r2: int,
    capacity: Buffer,
    plist_offset: Buffer,
    held: Buffer,
    count: Buffer,
    worst: Buffer,
) -> bool:
    """Would program p take both members of a couple (ranks r1, r2) at once?"""
    need = count[p] + 2 - capacity[p]
    if need <= 0:
        return True
    if need > 2:
        return False
    lowest = max(r1, r2)
    w = worst[p]
    if w <= lowest:
        return False
    if need == 1:
        return True
    # Two must leave: the second-lowest held applicant must rank below both members too.
    base = plist_offset[p]
    w -= 1
    while w >= 0 and held[base + w] == 0:
        w -= 1
    return w > lowest


def option_admits(o: int, inst: Buffers, state: Buffers) -> bool:
    """Would every program in option o take its member now? (The proposer holds nothing.)"""
    capacity, plist_offset, _, _, _, _, _, prog1, rank1, prog2, rank2 = inst
    held, count, worst = state[0], state[1], state[2]
    p1 = prog1[o]
    p2 = prog2[o]
    if p1 >= 0 and p1 == p2:
        return two_seats_admit(p1, rank1[o], rank2[o], capacity, plist_offset, held, count, worst)
    if p1 >= 0 and not (count[p1] < capacity[p1] or rank1[o] < worst[p1]):
        return False
    return p2 < 0 or count[p2] < capacity[p2] or rank2[o] < worst[p2]


def release_seats(
    u: int, skip_entry: int, push: bool, inst: Buffers, state: Buffers, counters: Buffer
) -> None:
    """Free every seat unit u holds except `skip_entry`; optionally queue the freed programs."""
    plist_offset, prog1, rank1, prog2, rank2 = inst[1], inst[7], inst[8], inst[9], inst[10]
    held, count, worst, ptr = state[0], state[1], state[2], state[3]
    o = ptr[u]
    for p, r in ((prog1[o], rank1[o]), (prog2[o], rank2[o])):
        if p >= 0 and plist_offset[p] + r != skip_entry:
            remove_seat(p, r, plist_offset, held, count, worst)
            if push:
                push_program(p, state[7], state[8], counters)


def displace_lowest(p: int, inst: Buffers, state: Buffers, counters: Buffer) -> int:
    """Remove program p's lowest held applicant; withdraw that unit (Roth-Peranson) and return it.

    A couple or supplemental-list applicant loses its other seat too, and that program goes on
    the program stack, since applicants it rejected earlier may now want the freed seat.
    """
    plist_offset, plist_applicant, applicant_unit, unit_kind = inst[1], inst[2], inst[4], inst[6]
    held, count, worst, ptr, holding = state[0], state[1], state[2], state[3], state[4]
    w = worst[p]
    entry = plist_offset[p] + w
    remove_seat(p, w, plist_offset, held, count, worst)
    u = applicant_unit[plist_applicant[entry]]
    if unit_kind[u] != SINGLE:
        release_seats(u, entry, True, inst, state, counters)
        counters[C_WITHDRAWALS] += 1
    holding[u] = 0
    # Re-propose from where it was: the next option after the one it lost.
    ptr[u] += 1
    return u


def take_option(o: int, inst: Buffers, state: Buffers, counters: Buffer, top: int) -> int:
    """Seat the proposer in option o, displacing whoever falls out; return the new stack top."""
    capacity, plist_offset, prog1, rank1, prog2, rank2 = (
        inst[0],
        inst[1],
        inst[7],
        inst[8],
        inst[9],
        inst[10],
    )
    held, count, worst, on_stack, unit_stack = state[0], state[1], state[2], state[5], state[6]
    for p, r in ((prog1[o], rank1[o]), (prog2[o], rank2[o])):
        if p >= 0:
            add_seat(p, r, plist_offset, held, count, worst)
            if count[p] > capacity[p]:
                displaced = displace_lowest(p, inst, state, counters)
                unit_stack[top] = displaced
                on_stack[displaced] = 1
                top += 1
    return top


def seats_kept(u: int, o: int, inst: Buffers, state: Buffers) -> int:
    """Which of unit u's current seats its option o keeps: bit 1 for seat 1, bit 2 for seat 2.

    A couple member keeps a seat when option o puts the same member at the same program; an
    applicant with a supplemental list keeps a seat at any program of option o.
    """
    unit_kind, prog1, prog2 = inst[6], inst[7], inst[9]
    c = state[3][u]
    kept = 0
    if unit_kind[u] == COUPLE:
        if prog1[c] >= 0 and prog1[c] == prog1[o]:
            kept |= 1
        if prog2[c] >= 0 and prog2[c] == prog2[o]:
            kept |= 2
    else:
        if prog1[c] >= 0 and (prog1[c] == prog1[o] or prog1[c] == prog2[o]):
            kept |= 1
        if prog2[c] >= 0 and (prog2[c] == prog1[o] or prog2[c] == prog2[o]):
            kept |= 2
    return kept


def toggle_seats(u: int, seats: int, add: bool, inst: Buffers, state: Buffers) -> None:
    """Add or remove the seats of unit u's current option picked by the `seats` bits."""
    if seats == 0:
        return
    plist_offset, prog1, rank1, prog2, rank2 = inst[1], inst[7], inst[8], inst[9], inst[10]
    c = state[3][u]
    for bit, p, r in ((1, prog1[c], rank1[c]), (2, prog2[c], rank2[c])):
        if seats & bit:
            if add:
                add_seat(p, r, plist_offset, state[0], state[1], state[2])
            else:
                remove_seat(p, r, plist_offset, state[0], state[1], state[2])


def better_joint_option(u: int, inst: Buffers, state: Buffers, counters: Buffer) -> int:
    """The first option unit u prefers to its own that would admit it now, or -1.

    Admission as in the standard couples definition: each program must choose the member from
    its current assignees plus the member. A member staying at its program keeps that seat; the
    unit's other seats stay taken while the option is judged.
    """
    unit_offset = inst[5]
    ptr, holding = state[3], state[4]
    for o in range(unit_offset[u], ptr[u]):
        kept = seats_kept(u, o, inst, state) if holding[u] == 1 else 0
        toggle_seats(u, kept, False, inst, state)
        admitted = option_admits(o, inst, state)
        toggle_seats(u, kept, True, inst, state)
        if admitted:
            if holding[u] == 1:
                release_seats(u, -1, True, inst, state, counters)
                holding[u] = 0
            return o
    return -1


def check_program(q: int, inst: Buffers, state: Buffers, counters: Buffer) -> int:
    """Stability check for a program that lost an applicant: reopen the best blocking unit.

    Returns the reopened unit (to be pushed), or -1 when nobody blocks with q.
    """
    capacity, plist_offset, plist_applicant, plist_option, applicant_unit = inst[:5]
    unit_kind = inst[6]
    held, count, worst, ptr, holding = state[0], state[1], state[2], state[3], state[4]
    base = plist_offset[q]
    for r in range(plist_offset[q + 1] - base):
        # Full, and everyone from here down ranks below its lowest: nobody else can get in.
        if count[q] >= capacity[q] and r >= worst[q]:
            return -1
        if held[base + r] == 1:
            continue
        u = applicant_unit[plist_applicant[base + r]]
        if unit_kind[u] == SINGLE:
            o = plist_option[base + r]
            if o < 0 or o >= ptr[u]:
                continue
            if holding[u] == 1:
                release_seats(u, -1, True, inst, state, counters)
                holding[u] = 0
        else:
            o = better_joint_option(u, inst, state, counters)
            if o < 0:
                continue
        ptr[u] = o
        counters[C_REOPENED] += 1
        return u
    return -1


def run_units(
    inst: Buffers, state: Buffers, counters: Buffer, entry_order: Buffer, n_first: int, bound: int
) -> None:
    """Roth-Peranson applicant proposing: units propose down their options until none can move.

    The first `n_first` units of `entry_order` start on the stack together; the others enter
    one at a time, each after the market has settled. Stops after `bound` proposals.
    """
    capacity, plist_offset, plist_applicant, _, applicant_unit, unit_offset, unit_kind = inst[:7]
    prog1, rank1, prog2 = inst[7], inst[8], inst[9]
    held, count, worst, ptr, holding, on_stack, unit_stack, prog_stack, on_prog_stack = state
    top = 0
    for i in range(n_first - 1, -1, -1):
        unit_stack[top] = entry_order[i]
        on_stack[entry_order[i]] = 1
        top += 1
    next_entry = n_first
    while True:
        if top == 0:
            p_top = counters[C_PROG_TOP]
            if p_top > 0:
                if counters[C_ITERATIONS] >= bound:
                    counters[C_BOUND_REACHED] = 1
                    break
                q = prog_stack[p_top - 1]
                counters[C_CHECKS] += 1
                reopened = check_program(q, inst, state, counters)
                if reopened >= 0:
                    unit_stack[0] = reopened
                    on_stack[reopened] = 1
                    top = 1
                else:
                    counters[C_PROG_TOP] = p_top - 1
                    on_prog_stack[q] = 0
                continue
            if next_entry == len(entry_order):
                break
            unit_stack[0] = entry_order[next_entry]
            on_stack[entry_order[next_entry]] = 1
            next_entry += 1
            top = 1
            continue
        top -= 1
        u = unit_stack[top]
        on_stack[u] = 0
        o = ptr[u]
        end = unit_offset[u + 1]
        iterations = counters[C_ITERATIONS]
        while o < end:
            if iterations >= bound:
                counters[C_BOUND_REACHED] = 1
                break
            iterations += 1
            p = prog1[o]
            if p >= 0 and prog2[o] < 0:
                # One seat (every single applicant). The hot path: add_seat and
                # displace_lowest are written out here, since calls are dear when interpreted.
                r = rank1[o]
                if count[p] < capacity[p]:
                    held[plist_offset[p] + r] = 1
                    count[p] += 1
                    worst[p] = max(worst[p], r)
                    holding[u] = 1
                    break
                lowest = worst[p]
                if r < lowest:
                    base = plist_offset[p]
                    held[base + r] = 1
                    held[base + lowest] = 0
                    x = applicant_unit[plist_applicant[base + lowest]]
                    # The new lowest is at or above r, which is now held.
                    w = lowest - 1
                    while held[base + w] == 0:
                        w -= 1
                    worst[p] = w
                    if unit_kind[x] != SINGLE:
                        release_seats(x, base + lowest, True, inst, state, counters)
                        counters[C_WITHDRAWALS] += 1
                    holding[x] = 0
                    ptr[x] += 1
                    unit_stack[top] = x
                    on_stack[x] = 1
                    top += 1
                    holding[u] = 1
                    break
            elif option_admits(o, inst, state):
                holding[u] = 1
                ptr[u] = o
                top = take_option(o, inst, state, counters, top)
                break
            o += 1
        counters[C_ITERATIONS] = iterations
        ptr[u] = o
        if counters[C_BOUND_REACHED] == 1:
            break


def run_programs(
    inst: Buffers, state: Buffers, counters: Buffer, prog_next: Buffer, n_singles: int, bound: int
) -> None:
    """Program-proposing deferred acceptance among single applicants.

    Each program offers its free seats down its list; an applicant keeps the best offer so far.
    Applicants in couples or needing a supplemental year are left for `run_units`. Singles left
    unmatched get `ptr` past their last option, as if they had proposed everywhere.
    """
    capacity, plist_offset, plist_applicant, plist_option, applicant_unit, unit_offset = inst[:6]
    prog1, rank1 = inst[7], inst[8]
    held, count, worst, ptr, holding, _, _, prog_stack, on_prog_stack = state
    n_programs = len(capacity)
    for p in range(n_programs - 1, -1, -1):
        push_program(p, prog_stack, on_prog_stack, counters)
    iterations = counters[C_ITERATIONS]
    while counters[C_PROG_TOP] > 0:
        p = prog_stack[counters[C_PROG_TOP] - 1]
        counters[C_PROG_TOP] -= 1
        on_prog_stack[p] = 0
        base = plist_offset[p]
        length = plist_offset[p + 1] - base
        r = prog_next[p]
        while count[p] < capacity[p] and r < length:
            if iterations >= bound:
                counters[C_BOUND_REACHED] = 1
                break
            iterations += 1
            o = plist_option[base + r]
            r += 1
            if o < 0:
                continue
            u = applicant_unit[plist_applicant[base + r - 1]]
            if holding[u] == 1:
                if o >= ptr[u]:
                    continue
                old = ptr[u]
                remove_seat(prog1[old], rank1[old], plist_offset, held, count, worst)
                push_program(prog1[old], prog_stack, on_prog_stack, counters)
            ptr[u] = o
            holding[u] = 1
            add_seat(p, r - 1, plist_offset, held, count, worst)
        prog_next[p] = r
        if counters[C_BOUND_REACHED] == 1:
            break
    counters[C_ITERATIONS] = iterations
    for u in range(n_singles):
        if holding[u] == 0:
            ptr[u] = unit_offset[u + 1]
