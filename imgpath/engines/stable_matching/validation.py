"""Checks that make an `Instance` trustworthy, and the integer encoding they produce.

Checking that every id is known means looking every id up, which is most of the cost of
turning an instance into arrays; so validation keeps what it looked up (`Encoding`), and
`layout.prepare` builds on it. Fast paths run at C speed (map, numpy); the slow search that
names the offending entry runs only once something is known to be wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import InstanceError
from .id_lookup import IdTable
from .loader import DICT_LOOKUP_MAX_IDS, ListLookups, lookup_ids

if TYPE_CHECKING:
    from .model import Applicant, Couple, Instance, Program

_KINDS = frozenset(("categorical", "advanced", "preliminary"))


@dataclass(frozen=True, slots=True, eq=False)
class Encoding:
    """Ids as integers; lists flattened, most preferred first, with offsets per owner."""

    program_index: Mapping[str, int]
    applicant_index: Mapping[str, int]
    # Applicant a's choices are choice_program[choice_offset[a]:choice_offset[a + 1]].
    choice_program: np.ndarray[Any, Any]
    choice_offset: np.ndarray[Any, Any]
    # Program p's list is ranked_applicant[ranked_offset[p]:ranked_offset[p + 1]].
    ranked_applicant: np.ndarray[Any, Any]
    ranked_offset: np.ndarray[Any, Any]
    # The programs' entries sorted by key program * len(applicants) + applicant, for joins.
    entry_order: np.ndarray[Any, Any]
    entry_keys: np.ndarray[Any, Any]
    # Each choice's entry on the chosen program's list (-1: that program did not rank them).
    choice_entry: np.ndarray[Any, Any]


def validate_instance(instance: Instance, lookups: ListLookups | None = None) -> Encoding:
    """Raise InstanceError naming the first offending entry of `instance`, if any.

    `lookups`, if given, are both sides' lists already turned into indices (loader.py); they
    are used only where they fit the lists checked here.
    """
    ranked_done = lookups.ranked_applicant if lookups else None
    choices_done = lookups.choice_program if lookups else None
    for name in ("programs", "applicants", "couples"):
        if not isinstance(getattr(instance, name), tuple):
            raise InstanceError(f"{name} must be a tuple")
    program_index = _unique_ids(instance.programs, "programs")
    applicant_index = _unique_ids(instance.applicants, "applicants")
    _unique_ids(instance.couples, "couples")
    for index, program in enumerate(instance.programs):
        _check_program(index, program)
    ranked_applicant, ranked_offset = _encode_lists(
        instance.programs, "programs", "ranks", applicant_index, "applicant", done=ranked_done
    )
    choice_program, choice_offset = _encode_lists(
        instance.applicants, "applicants", "ranks", program_index, "program", done=choices_done
    )
    entry_order, entry_keys = _sort_entries(instance, ranked_applicant, ranked_offset)
    choice_entry = _join_choices(instance, choice_program, choice_offset, entry_order, entry_keys)
    _check_supplemental(instance, program_index)
    in_couple: dict[str, str] = {}
    for index, couple in enumerate(instance.couples):
        _check_couple(index, couple, applicant_index, program_index, in_couple)
    return Encoding(
        program_index=program_index,
        applicant_index=applicant_index,
        choice_program=_frozen(choice_program),
        choice_offset=_frozen(choice_offset),
        ranked_applicant=_frozen(ranked_applicant),
        ranked_offset=_frozen(ranked_offset),
        entry_order=_frozen(entry_order),
        entry_keys=_frozen(entry_keys),
        choice_entry=_frozen(choice_entry),
    )


def _frozen(values: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    values.flags.writeable = False
    return values


def _where(section: str, index: int, entry_id: object) -> str:
    return f"{section}[{index}] (id {entry_id!r})"


def _unique_ids(entries: Sequence[Program | Applicant | Couple], section: str) -> dict[str, int]:
    index = {entry.id: i for i, entry in enumerate(entries)}
    if len(index) == len(entries) and _all_strings(index):
        return index
    seen: set[object] = set()
    for i, entry in enumerate(entries):
        if not isinstance(entry.id, str):
            raise InstanceError(f"{_where(section, i, entry.id)}: id must be a string")
        if entry.id in seen:
            raise InstanceError(f"{_where(section, i, entry.id)}: duplicate id")
        seen.add(entry.id)
    raise AssertionError("unreachable: the ids were not unique")


def _all_strings(keys: Iterable[object]) -> bool:
    """Whether every key is a string: join checks that in C, a generator in Python."""
    try:
        "".join(keys)  # type: ignore[arg-type]
    except TypeError:
        return all(isinstance(key, str) for key in keys)
    return True


def _check_program(index: int, program: Program) -> None:
    capacity = program.capacity
    if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
        where = _where("programs", index, program.id)
        raise InstanceError(f"{where}: capacity must be a whole number >= 0, got {capacity!r}")
    if program.kind not in _KINDS:
        where = _where("programs", index, program.id)
        raise InstanceError(f"{where}: kind must be one of {sorted(_KINDS)}, got {program.kind!r}")


def _encode_lists(
    owners: Sequence[Program | Applicant],
    section: str,
    label: str,
    known: dict[str, int],
    noun: str,
    *,
    done: bytes | None = None,
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Every owner's list as indices, flattened; an unknown entry raises (repeats: see below).

    `done` holds the same indices worked out elsewhere; taken if its length and range fit.
    """
    lists = list(map(attrgetter(label), owners))
    if set(map(type, lists)) != {tuple}:
        for i, items in enumerate(lists):
            if not isinstance(items, tuple):
                raise InstanceError(f"{_where(section, i, owners[i].id)}: {label} must be a tuple")
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    offset = np.zeros(len(lists) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offset[1:])
    if done is not None:
        flat = np.frombuffer(done, dtype=np.intc).astype(np.int32, copy=False)
        if len(flat) == offset[-1] and (
            not len(flat) or 0 <= flat.min() <= flat.max() < len(known)
        ):
            return flat, offset
    if len(known) > DICT_LOOKUP_MAX_IDS:
        fast = IdTable(list(known)).lookup(list(chain.from_iterable(lists)))
        if fast is not None:
            return fast, offset
    try:
        flat = np.frombuffer(lookup_ids(lists, known), dtype=np.intc).astype(np.int32, copy=False)
    except (KeyError, TypeError):
        _name_first_bad_list(
            owners=owners, lists=lists, section=section, label=label, known=known, noun=noun
        )
        raise
    return flat, offset


def _sort_entries(
    instance: Instance, ranked: np.ndarray[Any, Any], offset: np.ndarray[Any, Any]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Sort the programs' entries by (program, applicant); a repeat shows up as equal neighbours.

    The sort also serves `layout.prepare`, which joins choices to these entries.
    """
    stride = max(len(instance.applicants), 1)
    program_of = np.repeat(np.arange(len(offset) - 1, dtype=np.int64), np.diff(offset))
    keys = program_of * stride + ranked
    # The keys come grouped by program already: a stable sort (timsort) uses those runs and
    # takes a third of the time of the default introsort.
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    repeated = np.flatnonzero(keys[1:] == keys[:-1])
    if repeated.size:
        _name_repeat(instance.programs, "programs", int(keys[repeated[0]] // stride), "applicant")
    return order, keys


def _join_choices(
    instance: Instance,
    choices: np.ndarray[Any, Any],
    offset: np.ndarray[Any, Any],
    order: np.ndarray[Any, Any],
    keys: np.ndarray[Any, Any],
) -> np.ndarray[Any, Any]:
    """Each choice's entry on the chosen program's list, or -1; an applicant's repeat raises."""
    stride = max(len(instance.applicants), 1)
    owner = np.repeat(np.arange(len(offset) - 1, dtype=np.int64), np.diff(offset))
    queries = choices.astype(np.int64) * stride + owner
    entry = np.full(len(queries), -1, dtype=np.int64)
    if len(keys):
        # Searching in sorted order walks the keys forward: six times faster than at random.
        by_key = _order_by_key(queries, choices, len(instance.programs))
        at = np.minimum(np.searchsorted(keys, queries[by_key]), len(keys) - 1)
        entry[by_key] = np.where(keys[at] == queries[by_key], order[at], -1)
    found = entry >= 0
    # A repeated choice reaches the same entry twice, or repeats among the choices that the
    # program did not rank (few, so sorting them is cheap).
    counts = np.bincount(entry[found], minlength=1)
    unranked = np.sort(owner[~found] * max(len(instance.programs), 1) + choices[~found])
    repeated = np.flatnonzero(unranked[1:] == unranked[:-1])
    if counts.max() > 1:
        twice = np.flatnonzero(entry == int(np.argmax(counts)))[0]
        _name_repeat(instance.applicants, "applicants", int(owner[twice]), "program")
    if repeated.size:
        applicant = int(unranked[repeated[0]] // max(len(instance.programs), 1))
        _name_repeat(instance.applicants, "applicants", applicant, "program")
    return entry


def _order_by_key(
    queries: np.ndarray[Any, Any], choices: np.ndarray[Any, Any], n_programs: int
) -> np.ndarray[Any, Any]:
    """The order that sorts `queries` (program * stride + applicant, applicants ascending).

    A stable sort by program alone is enough, since the applicants already ascend; with
    program numbers that fit 16 bits, numpy sorts them by radix, four times faster.
    """
    if n_programs <= 1 << 16:
        return np.argsort(choices.astype(np.uint16), kind="stable")
    return np.argsort(queries)


def _name_repeat(
    owners: Sequence[Program | Applicant], section: str, index: int, noun: str
) -> None:
    seen: set[str] = set()
    for item in owners[index].ranks:
        if item in seen:
            where = _where(section, index, owners[index].id)
            raise InstanceError(f"{where}: ranks ranks {noun} {item!r} twice")
        seen.add(item)


def _name_first_bad_list(
    *,
    owners: Sequence[Program | Applicant],
    lists: list[tuple[object, ...]],
    section: str,
    label: str,
    known: Mapping[str, int],
    noun: str,
) -> None:
    for i, items in enumerate(lists):
        _name_bad_item(_where(section, i, owners[i].id), label, items, known, noun)


def _name_bad_item(
    where: str, label: str, items: Iterable[object], known: Mapping[str, int], noun: str
) -> None:
    seen: set[object] = set()
    for item in items:
        if not isinstance(item, str):
            raise InstanceError(f"{where}: {label} holds {item!r}, which is not a string id")
        if item not in known:
            raise InstanceError(f"{where}: {label} names unknown {noun} {item!r}")
        if item in seen:
            raise InstanceError(f"{where}: {label} ranks {noun} {item!r} twice")
        seen.add(item)


def _check_supplemental(instance: Instance, program_index: dict[str, int]) -> None:
    preliminary = {p.id for p in instance.programs if p.kind == "preliminary"}
    for index, applicant in enumerate(instance.applicants):
        supplemental = applicant.supplemental
        if supplemental == ():
            continue
        where = _where("applicants", index, applicant.id)
        if not isinstance(supplemental, tuple):
            raise InstanceError(f"{where}: supplemental must be a tuple")
        _name_bad_item(where, "supplemental", supplemental, program_index, "program")
        for program_id in supplemental:
            if program_id not in preliminary:
                raise InstanceError(
                    f"{where}: supplemental lists {program_id!r}, "
                    "which is not a preliminary program"
                )


def _check_couple(
    index: int,
    couple: Couple,
    applicant_ids: Mapping[str, int],
    program_ids: Mapping[str, int],
    in_couple: dict[str, str],
) -> None:
    where = _where("couples", index, couple.id)
    members = couple.members
    if not isinstance(members, tuple) or len(members) != 2:
        raise InstanceError(f"{where}: members must be a tuple of two applicant ids")
    for member in members:
        if not isinstance(member, str) or member not in applicant_ids:
            raise InstanceError(f"{where}: member {member!r} is not a known applicant")
        if member in in_couple:
            raise InstanceError(
                f"{where}: member {member!r} is already in couple {in_couple[member]!r}"
            )
    if members[0] == members[1]:
        raise InstanceError(f"{where}: members must be two different applicants")
    in_couple.update(dict.fromkeys(members, couple.id))
    _check_pairs(where, couple.ranks, program_ids)


def _check_pairs(where: str, ranks: object, program_ids: Mapping[str, int]) -> None:
    if not isinstance(ranks, tuple):
        raise InstanceError(f"{where}: ranks must be a tuple of pairs")
    seen: set[tuple[object, ...]] = set()
    for position, pair in enumerate(ranks):
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise InstanceError(f"{where}: ranks[{position}] must be a pair, got {pair!r}")
        for program_id in pair:
            if program_id is not None and (
                not isinstance(program_id, str) or program_id not in program_ids
            ):
                raise InstanceError(
                    f"{where}: ranks[{position}] names unknown program {program_id!r}"
                )
        if pair in seen:
            raise InstanceError(f"{where}: ranks[{position}] ranks the pair {list(pair)} twice")
        seen.add(pair)
