"""Turn an `Instance` into flat integer arrays, the form the kernels work on.

Everyone who proposes is a *unit*: a single applicant, an applicant whose advanced program
needs a preliminary year from a supplemental list, or a couple. A unit ranks *options*, and an
option asks for up to two seats (program, rank of the member on that program's list). Options
that either side finds unacceptable are dropped here, so the kernels never look at them.

The expensive step is the join "where does applicant a stand on program p's list?" for half a
million choices. Done with dicts it is a cache miss per choice; in numpy it is one sort of the
programs' entries and a search in sorted order. Validation already does it (sorting is how it
finds repeated entries) and keeps it in `Instance.encoding`; here it is reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import numpy as np

from .model import Instance

SINGLE, SUPPLEMENTAL, COUPLE = 0, 1, 2

Array = np.ndarray[Any, Any]


@dataclass(frozen=True, slots=True, eq=False)
class PreparedInstance:
    """An `Instance` in array form; build it once with `prepare` to solve or verify many times.

    All arrays are int32 and read-only.
    """

    instance: Instance
    applicant_ids: tuple[str, ...]
    program_ids: tuple[str, ...]
    capacity: Array
    # Program rank lists, concatenated: program p's list is plist_*[plist_offset[p]:...[p + 1]].
    plist_offset: Array
    plist_applicant: Array
    # The option of a single applicant that asks for that program seat, or -1.
    plist_option: Array
    applicant_unit: Array
    # Units: singles first (applicant order), then supplemental-list applicants, then couples.
    unit_offset: Array
    unit_kind: Array
    unit_member1: Array
    unit_member2: Array
    n_singles: int
    opt_prog1: Array
    opt_rank1: Array
    opt_prog2: Array
    opt_rank2: Array

    @property
    def n_units(self) -> int:
        return len(self.unit_kind)

    @property
    def n_options(self) -> int:
        return len(self.opt_prog1)


def prepare(instance: Instance) -> PreparedInstance:
    """Join both sides' lists and lay out units and their options."""
    encoding = instance.encoding
    n_programs, n_applicants = len(instance.programs), len(instance.applicants)
    plist_offset = encoding.ranked_offset
    ranks = _RankIndex(instance)
    is_single, joint_order = _classify(instance)
    singles = np.flatnonzero(is_single).astype(np.int32)
    single = _single_options(instance, singles, ranks)
    joint = _joint_options(instance, joint_order, ranks, first_option=len(single.prog1))
    member1 = np.concatenate([singles, joint.member1]).astype(np.int32)
    member2 = np.concatenate([np.full(len(singles), -1, np.int32), joint.member2]).astype(np.int32)
    applicant_unit = np.full(n_applicants, -1, dtype=np.int32)
    units = np.arange(len(member1), dtype=np.int32)
    applicant_unit[member1] = units
    applicant_unit[member2[member2 >= 0]] = units[member2 >= 0]
    n_single_options = len(single.prog1)
    none = np.full(n_single_options, -1, np.int32)
    return PreparedInstance(
        instance=instance,
        # The index dicts hold the ids in order: copying their keys runs in C.
        applicant_ids=tuple(encoding.applicant_index),
        program_ids=tuple(encoding.program_index),
        capacity=_frozen(
            np.fromiter((p.capacity for p in instance.programs), np.int32, n_programs)
        ),
        plist_offset=_frozen(plist_offset.astype(np.int32)),
        plist_applicant=_frozen(encoding.ranked_applicant.astype(np.int32)),
        plist_option=_frozen(single.plist_option),
        applicant_unit=_frozen(applicant_unit),
        unit_offset=_frozen(np.concatenate([single.unit_offset, joint.unit_offset])),
        unit_kind=_frozen(np.concatenate([np.zeros(len(singles), np.int32), joint.kind])),
        unit_member1=_frozen(member1),
        unit_member2=_frozen(member2),
        n_singles=len(singles),
        opt_prog1=_frozen(np.concatenate([single.prog1, joint.prog1])),
        opt_rank1=_frozen(np.concatenate([single.rank1, joint.rank1])),
        opt_prog2=_frozen(np.concatenate([none, joint.prog2])),
        opt_rank2=_frozen(np.concatenate([none, joint.rank2])),
    )


def _frozen(values: Array) -> Array:
    values = np.ascontiguousarray(values, dtype=np.int32)
    values.flags.writeable = False
    return values


class _RankIndex:
    """Answers "which entry of program p's list is applicant a?" for many pairs at once.

    Validation already sorted the programs' entries by (program, applicant); this searches them.
    """

    def __init__(self, instance: Instance) -> None:
        encoding = instance.encoding
        self.plist_offset = encoding.ranked_offset.astype(np.int64)
        self.stride = max(len(instance.applicants), 1)
        self.order = encoding.entry_order
        self.keys = encoding.entry_keys

    def entries(self, applicants: Array, programs: Array) -> Array:
        """Entry index into the concatenated program lists, or -1 where p did not rank a."""
        if not len(self.keys):
            return np.full(len(applicants), -1, dtype=np.int64)
        queries = programs.astype(np.int64) * self.stride + applicants
        at = np.minimum(np.searchsorted(self.keys, queries), len(self.keys) - 1)
        return np.where(self.keys[at] == queries, self.order[at], -1)

    def ranks(self, applicants: Array, programs: Array) -> Array:
        """Position on the program's list, or -1 (a program of -1 means "no seat": rank -1)."""
        seat = programs >= 0
        entry = self.entries(applicants, np.where(seat, programs, 0))
        return np.where(seat & (entry >= 0), entry - self.plist_offset[np.maximum(programs, 0)], -1)


def _classify(instance: Instance) -> tuple[Array, list[int]]:
    """Singles, and the order in which the other units enter: supplemental lists, then couples."""
    encoding = instance.encoding
    kinds = np.array([p.kind == "advanced" for p in instance.programs] + [False], dtype=bool)
    advanced_choices = np.concatenate([[0], np.cumsum(kinds[encoding.choice_program])])
    has_advanced = np.diff(advanced_choices[encoding.choice_offset]) > 0
    has_supplemental = np.fromiter(
        map(bool, map(attrgetter("supplemental"), instance.applicants)),
        bool,
        len(instance.applicants),
    )
    in_couple = np.zeros(len(instance.applicants), dtype=bool)
    for couple in instance.couples:
        in_couple[[encoding.applicant_index[m] for m in couple.members]] = True
    needs_pair = has_advanced & has_supplemental & ~in_couple
    return ~needs_pair & ~in_couple, np.flatnonzero(needs_pair).tolist()


@dataclass(frozen=True, slots=True)
class _Singles:
    prog1: Array
    rank1: Array
    unit_offset: Array
    plist_option: Array


def _segments(offset: Array, owners: Array) -> tuple[Array, Array]:
    """Indices of the owners' slices of a flat list, and each owner's length."""
    starts = offset[owners].astype(np.int64)
    lengths = offset[owners + 1].astype(np.int64) - starts
    before = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    flat = np.repeat(starts - before, lengths) + np.arange(int(lengths.sum()), dtype=np.int64)
    return flat, lengths


def _single_options(instance: Instance, singles: Array, ranks: _RankIndex) -> _Singles:
    """Every single's mutually acceptable choices, in one vectorized pass."""
    encoding = instance.encoding
    flat, lengths = _segments(encoding.choice_offset, singles)
    programs = encoding.choice_program[flat]
    entries = encoding.choice_entry[flat]
    # Mutual acceptability: drop choices the program did not rank.
    keep = entries >= 0
    kept_before = np.concatenate([[0], np.cumsum(keep)])
    unit_offset = kept_before[np.concatenate([[0], np.cumsum(lengths)])]
    plist_option = np.full(len(encoding.ranked_applicant), -1, dtype=np.int32)
    plist_option[entries[keep]] = np.arange(int(keep.sum()), dtype=np.int32)
    prog1 = programs[keep]
    rank1 = entries[keep] - ranks.plist_offset[prog1]
    return _Singles(
        prog1.astype(np.int32),
        rank1.astype(np.int32),
        unit_offset[:-1].astype(np.int32),
        plist_option,
    )


@dataclass(frozen=True, slots=True)
class _Joint:
    kind: Array
    member1: Array
    member2: Array
    unit_offset: Array
    prog1: Array
    rank1: Array
    prog2: Array
    rank2: Array


def _joint_options(
    instance: Instance, joint_order: list[int], ranks: _RankIndex, first_option: int
) -> _Joint:
    """Options of supplemental-list applicants and couples: collect in Python, rank in numpy."""
    encoding = instance.encoding
    index = encoding.program_index
    advanced = {i for i, p in enumerate(instance.programs) if p.kind == "advanced"}
    rows: list[tuple[int, int, int, int, int]] = []
    kinds: list[int] = []
    members: list[tuple[int, int]] = []
    for unit, a in enumerate(joint_order):
        applicant = instance.applicants[a]
        prelims = [index[pid] for pid in applicant.supplemental]
        start, end = encoding.choice_offset[a], encoding.choice_offset[a + 1]
        for p in encoding.choice_program[start:end].tolist():
            # An advanced position counts only together with a supplemental PGY-1 position.
            pairs = [(p, s) for s in prelims] if p in advanced else [(p, -1)]
            rows += [(unit, p, a, s, a) for p, s in pairs]
        kinds.append(SUPPLEMENTAL)
        members.append((a, -1))
    for couple in instance.couples:
        unit = len(kinds)
        first, second = (encoding.applicant_index[m] for m in couple.members)
        for p1, p2 in couple.ranks:
            rows.append(
                (
                    unit,
                    -1 if p1 is None else index[p1],
                    first,
                    -1 if p2 is None else index[p2],
                    second,
                )
            )
        kinds.append(COUPLE)
        members.append((first, second))
    table = np.array(rows, dtype=np.int64).reshape(-1, 5)
    rank1 = ranks.ranks(table[:, 2], table[:, 1])
    rank2 = ranks.ranks(table[:, 4], table[:, 3])
    # Keep an option only if every seat in it is acceptable to both sides.
    keep = ((table[:, 1] < 0) | (rank1 >= 0)) & ((table[:, 3] < 0) | (rank2 >= 0))
    counts = np.bincount(table[keep, 0], minlength=len(kinds))
    unit_offset = first_option + np.concatenate([[0], np.cumsum(counts)])
    member_pairs = np.array(members, dtype=np.int32).reshape(-1, 2)
    return _Joint(
        kind=np.array(kinds, dtype=np.int32),
        member1=member_pairs[:, 0],
        member2=member_pairs[:, 1],
        unit_offset=unit_offset.astype(np.int32),
        prog1=table[keep, 1].astype(np.int32),
        rank1=rank1[keep].astype(np.int32),
        prog2=table[keep, 3].astype(np.int32),
        rank2=rank2[keep].astype(np.int32),
    )
