"""Test helpers: instance builders, hypothesis strategies, and a brute-force stability oracle.

The oracle is written from the definition with plain dicts, independently of the engine's
array kernels, so the two can disagree when either is wrong.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from hypothesis import strategies as st

from imgpath.engines.stable_matching import Applicant, Couple, Instance, Program

Matching = dict[str, str | None]
# A unit's choice: the program per member (couples) or (advanced, preliminary) or (program,).
Option = tuple[str | None, ...]


def build(
    programs: Mapping[str, tuple[int, Sequence[str]]],
    applicants: Mapping[str, Sequence[str]],
    *,
    couples: Sequence[tuple[str, tuple[str, str], Sequence[tuple[str | None, str | None]]]] = (),
    kinds: Mapping[str, str] | None = None,
    supplemental: Mapping[str, Sequence[str]] | None = None,
) -> Instance:
    """A compact way to write instances in tests: {"P1": (capacity, ranks)}, {"A1": ranks}."""
    kinds = kinds or {}
    supplemental = supplemental or {}
    return Instance(
        programs=tuple(
            Program(pid, capacity, tuple(ranks), kinds.get(pid, "categorical"))  # type: ignore[arg-type]
            for pid, (capacity, ranks) in programs.items()
        ),
        applicants=tuple(
            Applicant(aid, tuple(ranks), tuple(supplemental.get(aid, ())))
            for aid, ranks in applicants.items()
        ),
        couples=tuple(
            Couple(cid, members, tuple(tuple(pair) for pair in pairs))  # type: ignore[misc]
            for cid, members, pairs in couples
        ),
    )


# ---------------------------------------------------------------- units and options, by definition


def _ranks(instance: Instance) -> dict[str, dict[str, int]]:
    return {p.id: {a: i for i, a in enumerate(p.ranks)} for p in instance.programs}


def units(instance: Instance) -> list[tuple[str | None, tuple[str, ...], list[Option]]]:
    """(couple id or None, members, acceptable options best first) for every unit."""
    rank = _ranks(instance)
    kind = {p.id: p.kind for p in instance.programs}
    in_couple = {m for c in instance.couples for m in c.members}
    result: list[tuple[str | None, tuple[str, ...], list[Option]]] = []
    for a in instance.applicants:
        if a.id in in_couple:
            continue
        joint = bool(a.supplemental) and any(kind[p] == "advanced" for p in a.ranks)
        options: list[Option] = []
        for p in a.ranks:
            if a.id not in rank[p]:
                continue
            if joint and kind[p] == "advanced":
                options += [(p, s) for s in a.supplemental if a.id in rank[s]]
            else:
                options.append((p,))
        result.append((None, (a.id,), options))
    for c in instance.couples:
        options = [
            pair
            for pair in c.ranks
            if all(p is None or m in rank[p] for p, m in zip(pair, c.members, strict=True))
        ]
        result.append((c.id, c.members, options))
    return result


def current_option(
    members: tuple[str, ...], couple: str | None, m: Matching, prelim: Mapping[str, str]
) -> Option:
    if couple is not None:
        return tuple(m.get(x) for x in members)
    a = members[0]
    return (m.get(a), prelim[a]) if a in prelim else (m.get(a),)


def _admits(
    program: str, movers: list[str], instance: Instance, seats: dict[str, list[str]]
) -> bool:
    """Would `program` choose all `movers` from its current assignees plus them?

    The standard couples definition (Roth 1984; Kojima, Pathak and Roth 2013): a mover already
    there keeps its seat; everyone else it holds, the unit's other members included, stays.
    """
    rank = _ranks(instance)[program]
    capacity = next(p.capacity for p in instance.programs if p.id == program)
    lowest = max(rank[x] for x in movers)
    others = [x for x in seats.get(program, []) if x not in movers]
    above = sum(1 for x in others if x in rank and rank[x] < lowest)
    return above + len(movers) <= capacity


def seats_of(m: Matching, prelim: Mapping[str, str]) -> dict[str, list[str]]:
    seats: dict[str, list[str]] = {}
    for a, p in [*m.items(), *prelim.items()]:
        if p is not None:
            seats.setdefault(p, []).append(a)
    return seats


def blocking_by_definition(
    instance: Instance, m: Matching, prelim: Mapping[str, str] | None = None
) -> set[tuple[tuple[str, ...], Option]]:
    """Every (members, option) a unit prefers to its current assignment and would be granted."""
    prelim = prelim or {}
    seats = seats_of(m, prelim)
    found: set[tuple[tuple[str, ...], Option]] = set()
    for couple, members, options in units(instance):
        current = current_option(members, couple, m, prelim)
        position = options.index(current) if current in options else len(options)
        for option in options[:position]:
            if couple is not None:
                movers = list(zip(option, members, strict=True))
            else:
                movers = [(p, members[0]) for p in option]
            by_program: dict[str, list[str]] = {}
            for p, x in movers:
                if p is not None:
                    by_program.setdefault(p, []).append(x)
            if all(_admits(p, xs, instance, seats) for p, xs in by_program.items()):
                found.add((members, option))
    return found


def all_matchings(instance: Instance) -> Iterator[tuple[Matching, dict[str, str]]]:
    """Every capacity-respecting assignment of units to one of their options or nothing."""
    capacity = {p.id: p.capacity for p in instance.programs}
    all_units = units(instance)
    for choice in itertools.product(*[[None, *options] for _, _, options in all_units]):
        m: Matching = {a.id: None for a in instance.applicants}
        prelim: dict[str, str] = {}
        for (couple, members, _), option in zip(all_units, choice, strict=True):
            if option is None:
                continue
            if couple is not None:
                m.update(zip(members, option, strict=True))
            else:
                m[members[0]] = option[0]
                if len(option) == 2:
                    prelim[members[0]] = option[1]  # type: ignore[assignment]
        taken = seats_of(m, prelim)
        if all(len(xs) <= capacity[p] for p, xs in taken.items()):
            yield m, prelim


def stable_matchings(instance: Instance) -> list[tuple[Matching, dict[str, str]]]:
    return [
        (m, pre)
        for m, pre in all_matchings(instance)
        if not blocking_by_definition(instance, m, pre)
    ]


def preference_position(instance: Instance, applicant: str, program: str | None) -> int:
    """Lower is better; being unmatched is worst."""
    ranks = next(a.ranks for a in instance.applicants if a.id == applicant)
    return ranks.index(program) if program in ranks else len(ranks)


# ---------------------------------------------------------------- the PyPI `matching` package


def matching_package_assignments(instance: Instance, optimal: str = "resident") -> Matching:
    """HospitalResident's answer, fed only mutually acceptable lists as it requires."""
    from matching.games import HospitalResident

    rank = _ranks(instance)
    resident_prefs = {a.id: [p for p in a.ranks if a.id in rank[p]] for a in instance.applicants}
    resident_prefs = {a: prefs for a, prefs in resident_prefs.items() if prefs}
    wanted = {(a, p) for a, prefs in resident_prefs.items() for p in prefs}
    hospital_prefs = {p.id: [a for a in p.ranks if (a, p.id) in wanted] for p in instance.programs}
    capacities = {p.id: p.capacity for p in instance.programs}
    result: Matching = {a.id: None for a in instance.applicants}
    if not resident_prefs:
        return result
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            resident_prefs, hospital_prefs, capacities, clean=True
        )
        solved = game.solve(optimal=optimal)
    for hospital, residents in solved.items():
        for resident in residents:
            result[resident.name] = hospital.name
    return result


# ---------------------------------------------------------------- hypothesis strategies


@st.composite
def singles_instances(
    draw: Any,
    max_programs: int = 4,
    max_applicants: int = 5,
    max_capacity: int = 2,
    min_capacity: int = 0,
) -> Instance:
    """Small instances of single applicants; lists are random subsets in random order."""
    n_programs = draw(st.integers(1, max_programs))
    n_applicants = draw(st.integers(0, max_applicants))
    pids = [f"P{i}" for i in range(n_programs)]
    aids = [f"A{i}" for i in range(n_applicants)]
    programs = {
        pid: (
            draw(st.integers(min_capacity, max_capacity)),
            draw(st.lists(st.sampled_from(aids), unique=True)) if aids else [],
        )
        for pid in pids
    }
    applicants = {aid: draw(st.lists(st.sampled_from(pids), unique=True)) for aid in aids}
    return build(programs, applicants)


@st.composite
def joint_instances(draw: Any, max_couples: int = 2, max_singles: int = 3) -> Instance:
    """Tiny, crowded instances with couples and supplemental lists.

    Programs rank nearly everyone and mostly have one seat, so couples and supplemental-list
    applicants collide often: withdrawals, re-checks and instances without a stable matching
    all come up.
    """
    kinds = {"P0": "categorical", "P1": "categorical", "ADV": "advanced", "PRE": "preliminary"}
    pids = list(kinds)
    n_singles = draw(st.integers(1, max_singles))
    n_couples = draw(st.integers(0, max_couples))
    singles = [f"A{i}" for i in range(n_singles)]
    members = [f"M{i}" for i in range(2 * n_couples)]
    everyone = singles + members
    capacity = st.sampled_from([0, 1, 1, 1, 2])
    programs = {pid: (draw(capacity), _mostly_all(draw, everyone)) for pid in pids}
    applicants = {
        aid: draw(st.lists(st.sampled_from(pids), unique=True, min_size=1)) for aid in singles
    }
    applicants.update({m: [] for m in members})
    supplemental = {aid: ["PRE"] for aid in singles if draw(st.booleans())}
    slot = st.sampled_from([*pids, *pids, None])
    couples = [
        (
            f"C{c}",
            (members[2 * c], members[2 * c + 1]),
            draw(st.lists(st.tuples(slot, slot), unique=True, min_size=1, max_size=6)),
        )
        for c in range(n_couples)
    ]
    return build(programs, applicants, couples=couples, kinds=kinds, supplemental=supplemental)


def _mostly_all(draw: Any, everyone: list[str]) -> list[str]:
    """A random order of everyone, sometimes leaving one out."""
    order = draw(st.permutations(everyone))
    return order[: len(order) - draw(st.sampled_from([0, 0, 0, 1]))] if order else []
