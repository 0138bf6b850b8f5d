"""Run the matching and the verification with the chosen engine.

"compiled": numba kernels for everything. "python": the same kernels interpreted on lists for
couples and supplemental lists, and numpy (vectorized.py) for the singles, who are most of a
large instance. Both give identical results; tests compare them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from types import ModuleType
from typing import Any, Literal

import numpy as np

from . import kernels_match, kernels_verify, vectorized
from .compiled import compiled_kernels, kernels_loaded, numba_available
from .layout import COUPLE, SUPPLEMENTAL, PreparedInstance

Engine = Literal["auto", "python", "compiled"]
Array = np.ndarray[Any, Any]

# Above this many rank entries the compiled kernels repay numba's start-up (about a second).
AUTO_COMPILED_ENTRIES = 4_000_000


@dataclass(frozen=True, slots=True)
class MatchRun:
    """What a solve leaves behind: per-applicant program indices and the kernel counters."""

    assigned: Array
    second: Array
    counters: list[int]


@dataclass(frozen=True, slots=True)
class VerifyRun:
    blocking_options: list[int]
    unacceptable_units: list[int]
    occupancy: Array


def choose_engine(engine: Engine, prepared: PreparedInstance) -> Literal["python", "compiled"]:
    if engine == "python":
        return "python"
    if engine == "compiled":
        if not numba_available():
            raise ImportError("engine='compiled' needs numba, which is not installed")
        return "compiled"
    if engine != "auto":
        raise ValueError(f"engine must be 'auto', 'python' or 'compiled', got {engine!r}")
    if not numba_available():
        return "python"
    entries = prepared.n_options + len(prepared.plist_applicant)
    return "compiled" if kernels_loaded() or entries >= AUTO_COMPILED_ENTRIES else "python"


class EngineRun:
    """The kernels and instance buffers of one engine, made once per solve or verify."""

    def __init__(self, prepared: PreparedInstance, engine: Literal["python", "compiled"]) -> None:
        self.prepared = prepared
        self.compiled = engine == "compiled"
        self.match_kernels: ModuleType
        self.verify_kernels: ModuleType
        if self.compiled:
            self.match_kernels, self.verify_kernels = compiled_kernels()
        else:
            self.match_kernels, self.verify_kernels = kernels_match, kernels_verify

    def buffer(self, data: Array) -> Any:
        """numpy arrays for compiled kernels; memoryviews of them for interpreted ones.

        Bytecode indexes a memoryview almost as fast as a list and a numpy array ten times
        slower; a view costs nothing to make, where a list of a Match's arrays takes 0.2 s.
        """
        contiguous = np.ascontiguousarray(data)
        return contiguous if self.compiled else contiguous.data

    @cached_property
    def inst(self) -> tuple[Any, ...]:
        # The layout every kernel unpacks; see the kernels_match docstring.
        p = self.prepared
        return tuple(
            self.buffer(data)
            for data in (
                p.capacity,
                p.plist_offset,
                p.plist_applicant,
                p.plist_option,
                p.applicant_unit,
                p.unit_offset,
                p.unit_kind,
                p.opt_prog1,
                p.opt_rank1,
                p.opt_prog2,
                p.opt_rank2,
            )
        )

    def match(self, propose: Literal["applicants", "programs"], bound: int) -> MatchRun:
        p = self.prepared
        counters = np.zeros(kernels_match.N_COUNTERS, dtype=np.int64)
        order = np.arange(p.n_units, dtype=np.int32)
        joint = order[p.n_singles :]
        use_rounds = not self.compiled and propose == "applicants" and bound >= p.n_options
        if use_rounds:
            # Every single makes at most one proposal per option, so the bound cannot bite here.
            singles = vectorized.applicant_rounds(p)
            counters[kernels_match.C_ITERATIONS] = singles.iterations
            state = [singles.held, singles.count, singles.worst, singles.ptr, singles.holding]
        else:
            state = [
                np.zeros(len(p.plist_applicant), np.int32),
                np.zeros(len(p.capacity), np.int32),
                np.full(len(p.capacity), -1, np.int32),
                p.unit_offset[:-1].astype(np.int32),
                np.zeros(p.n_units, np.int32),
            ]
        if not use_rounds or len(joint):
            stacks = [np.zeros(p.n_units, np.int32), np.zeros(p.n_units, np.int32)]
            stacks += [np.zeros(len(p.capacity), np.int32), np.zeros(len(p.capacity), np.int32)]
            kernel_state = tuple(self.buffer(a) for a in [*state[:5], *stacks])
            kernel_counters = self.buffer(counters)
            self._run_kernels(
                propose=propose,
                bound=bound,
                state=kernel_state,
                counters=kernel_counters,
                order=order,
                joint=joint,
                singles_done=use_rounds,
            )
            state = [np.asarray(a, dtype=np.int32) for a in kernel_state[:5]]
            counters = np.asarray(kernel_counters, dtype=np.int64)
        assigned, second = self._read_assignments(ptr=state[3], holding=state[4])
        return MatchRun(assigned=assigned, second=second, counters=counters.tolist())

    def _run_kernels(
        self,
        *,
        propose: str,
        bound: int,
        state: tuple[Any, ...],
        counters: Any,
        order: Array,
        joint: Array,
        singles_done: bool,
    ) -> None:
        kernels, p = self.match_kernels, self.prepared
        if singles_done:
            kernels.run_units(self.inst, state, counters, self.buffer(joint), 0, bound)
        elif propose == "applicants":
            kernels.run_units(self.inst, state, counters, self.buffer(order), p.n_singles, bound)
        else:
            prog_next = self.buffer(np.zeros(len(p.capacity), np.int32))
            kernels.run_programs(self.inst, state, counters, prog_next, p.n_singles, bound)
            kernels.run_units(self.inst, state, counters, self.buffer(joint), 0, bound)

    def _read_assignments(self, ptr: Array, holding: Array) -> tuple[Array, Array]:
        """Per applicant: the program held (or -1), and the supplemental PGY-1 program."""
        p = self.prepared
        assigned = np.full(len(p.applicant_ids), -1, dtype=np.int32)
        second = np.full(len(p.applicant_ids), -1, dtype=np.int32)
        units = np.flatnonzero(holding)
        options = ptr[units]
        assigned[p.unit_member1[units]] = p.opt_prog1[options]
        kind = p.unit_kind[units]
        couples = kind == COUPLE
        assigned[p.unit_member2[units[couples]]] = p.opt_prog2[options[couples]]
        paired = (kind == SUPPLEMENTAL) & (p.opt_prog2[options] >= 0)
        second[p.unit_member1[units[paired]]] = p.opt_prog2[options[paired]]
        return assigned, second

    def verify(self, assigned: Array, second: Array) -> VerifyRun:
        p = self.prepared
        occupancy = np.bincount(assigned[assigned >= 0], minlength=len(p.capacity))
        occupancy += np.bincount(second[second >= 0], minlength=len(p.capacity))
        if self.compiled:
            blocking, unacceptable = self._verify_kernels(assigned, second)
        else:
            blocking, unacceptable = self._verify_vectorized(assigned, second)
        return VerifyRun(
            blocking_options=np.flatnonzero(blocking).tolist(),
            unacceptable_units=np.flatnonzero(unacceptable).tolist(),
            occupancy=occupancy,
        )

    def _verify_kernels(self, assigned: Array, second: Array) -> tuple[Array, Array]:
        p = self.prepared
        n_entries = len(p.plist_applicant)
        work = tuple(
            np.zeros(n, np.int32) for n in (p.n_units, p.n_units, n_entries, n_entries, p.n_options)
        )
        self.verify_kernels.verify_kernel(
            self.inst, p.unit_member1, p.unit_member2, assigned, second, work
        )
        return work[4], work[1]

    def _verify_vectorized(self, assigned: Array, second: Array) -> tuple[Array, Array]:
        """Singles in numpy; couples and supplemental lists through the interpreted kernels."""
        p = self.prepared
        n = p.n_singles
        current_singles, unacceptable_singles = vectorized.singles_current(p, assigned, second)
        blocking = np.zeros(p.n_options, dtype=np.int32)
        unacceptable = np.zeros(p.n_units, dtype=np.int32)
        unacceptable[:n] = unacceptable_singles
        held = np.zeros(len(p.plist_applicant), dtype=np.int32)
        seated = current_singles < p.unit_offset[1 : n + 1]
        held[vectorized.held_entries(p, current_singles[seated])] = 1
        if n == p.n_units:
            better = vectorized.better_counts(p, held)
        else:
            current = np.concatenate([np.zeros(n, np.int32), p.unit_offset[n:-1]])
            current = current.astype(np.int32)
            view, kernels = self.buffer, self.verify_kernels
            args = (self.inst, view(p.unit_member1), view(p.unit_member2))
            kernels.find_current_options(
                n, *args, view(assigned), view(second), view(current), view(unacceptable)
            )
            kernels.mark_held(n, self.inst, view(current), view(held))
            better = vectorized.better_counts(p, held)
            kernels.find_blocking(n, self.inst, view(current), view(better), view(blocking))
        blocking[vectorized.singles_blocking(p, current_singles, better)] = 1
        return blocking, unacceptable
