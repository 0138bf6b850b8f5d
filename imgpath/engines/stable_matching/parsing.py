"""JSON-shaped dicts to an `Instance` and back.

The format (documented in docs/stable-matching.md) is strict: an unknown key is an error, so a
typo such as "supplemental" spelled wrong cannot silently drop an applicant's list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from .errors import InstanceError
from .model import Applicant, Couple, Instance, Pair, Program
from .process import collector_paused

if TYPE_CHECKING:
    from .loader import ListLookups


def parse_instance(
    data: Mapping[str, Any], *, lookups: Callable[[], ListLookups | None] | None = None
) -> Instance:
    """Build a validated `Instance` from the JSON format; raise InstanceError naming the entry.

    `lookups`, if given, is called once the objects are built, for id lookups done elsewhere
    (loader.py); the result is the same Instance either way.
    """
    if not isinstance(data, Mapping):
        raise InstanceError("the instance must be a JSON object")
    _no_unknown_keys("the instance", data, _TOP_KEYS)
    programs_data = _section(data, "programs", required=True)
    applicants_data = _section(data, "applicants", required=True)
    couples_data = _section(data, "couples", required=False)
    # Building ~100,000 small objects would set off the cycle collector again and again, each
    # time walking everything alive; none of them form cycles, so it can wait until the end.
    with collector_paused():
        programs = tuple(map(_parse_program, range(len(programs_data)), programs_data))
        applicants = _parse_applicants(applicants_data)
        couples = tuple(map(_parse_couple, range(len(couples_data)), couples_data))
        return Instance(
            programs=programs,
            applicants=applicants,
            couples=couples,
            lookups=lookups() if lookups else None,
        )


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    """The JSON form of `instance` (parse_instance reads it back unchanged)."""
    return {
        "programs": [
            {"id": p.id, "capacity": p.capacity, "ranks": list(p.ranks), "kind": p.kind}
            for p in instance.programs
        ],
        "applicants": [
            {"id": a.id, "ranks": list(a.ranks), "supplemental": list(a.supplemental)}
            for a in instance.applicants
        ],
        "couples": [
            {"id": c.id, "members": list(c.members), "ranks": [list(pair) for pair in c.ranks]}
            for c in instance.couples
        ],
    }


def _section(data: Mapping[str, Any], name: str, *, required: bool) -> list[Any]:
    if name not in data:
        if required:
            raise InstanceError(f"the instance has no {name!r} list")
        return []
    value = data[name]
    if not isinstance(value, list):
        raise InstanceError(f"{name!r} must be a list, got {type(value).__name__}")
    return value


_TOP_KEYS = frozenset(("programs", "applicants", "couples"))
_PROGRAM_KEYS = frozenset(("id", "capacity", "ranks", "kind"))
_APPLICANT_KEYS = frozenset(("id", "ranks", "supplemental"))
_COUPLE_KEYS = frozenset(("id", "members", "ranks"))


def _no_unknown_keys(where: str, entry: Mapping[str, Any], allowed: frozenset[str]) -> None:
    if not allowed.issuperset(entry):
        raise InstanceError(f"{where}: unknown key {sorted(set(entry) - allowed)[0]!r}")


def _check_entry(section: str, index: int, entry: object, allowed: frozenset[str]) -> None:
    """Raise InstanceError unless the entry is an object with a string id and known keys.

    Callers test the common case inline first; this runs for the message.
    """
    if not isinstance(entry, dict):
        raise InstanceError(f"{section}[{index}]: must be an object, got {type(entry).__name__}")
    where = _where(section, index, entry)
    if not isinstance(entry.get("id"), str):
        raise InstanceError(f"{where}: id must be a string")
    _no_unknown_keys(where, entry, allowed)


def _where(section: str, index: int, entry: Mapping[str, Any]) -> str:
    return f"{section}[{index}] (id {entry.get('id')!r})"


def _list_field(section: str, index: int, entry: Mapping[str, Any], label: str) -> tuple[str, ...]:
    value = entry.get(label, [])
    if type(value) is not list:
        raise InstanceError(f"{_where(section, index, entry)}: {label} must be a list of ids")
    # Element types are checked by validation, which names the entry that is not a string.
    return tuple(value)


def _parse_program(index: int, entry: Any) -> Program:
    if (
        type(entry) is not dict
        or not _PROGRAM_KEYS.issuperset(entry)
        or type(entry.get("id")) is not str
    ):
        _check_entry("programs", index, entry, _PROGRAM_KEYS)
    for required in ("capacity", "ranks"):
        if required not in entry:
            raise InstanceError(f"{_where('programs', index, entry)}: {required} is missing")
    kind = entry.get("kind", "categorical")
    if not isinstance(kind, str):
        raise InstanceError(f"{_where('programs', index, entry)}: kind must be a string")
    ranks = _list_field("programs", index, entry, "ranks")
    return Program(id=entry["id"], capacity=entry["capacity"], ranks=ranks, kind=kind)  # type: ignore[arg-type]


# A frozen dataclass sets each field through object.__setattr__; the slots' own setters do the
# same job in a third of the time, which matters for 50,000 applicants.
_NEW = object.__new__
_SET_ID = vars(Applicant)["id"].__set__
_SET_RANKS = vars(Applicant)["ranks"].__set__
_SET_SUPPLEMENTAL = vars(Applicant)["supplemental"].__set__
_NO_LIST: list[str] = []


def _parse_applicants(entries: list[Any]) -> tuple[Applicant, ...]:
    """The common well-formed entry inline; any other goes through `_parse_applicant`.

    Both build the same Applicant; the second names what is wrong with an entry.
    """
    parsed = []
    for index, entry in enumerate(entries):
        if type(entry) is dict and _APPLICANT_KEYS.issuperset(entry):
            applicant_id = entry.get("id")
            ranks = entry.get("ranks", _NO_LIST)
            supplemental = entry.get("supplemental", _NO_LIST)
            if type(applicant_id) is str and type(ranks) is list and type(supplemental) is list:
                applicant = _NEW(Applicant)
                _SET_ID(applicant, applicant_id)
                _SET_RANKS(applicant, tuple(ranks))
                _SET_SUPPLEMENTAL(applicant, tuple(supplemental))
                parsed.append(applicant)
                continue
        parsed.append(_parse_applicant(index, entry))
    return tuple(parsed)


def _parse_applicant(index: int, entry: Any) -> Applicant:
    if (
        type(entry) is not dict
        or not _APPLICANT_KEYS.issuperset(entry)
        or type(entry.get("id")) is not str
    ):
        _check_entry("applicants", index, entry, _APPLICANT_KEYS)
    ranks = _list_field("applicants", index, entry, "ranks")
    supplemental = (
        _list_field("applicants", index, entry, "supplemental") if "supplemental" in entry else ()
    )
    return Applicant(id=entry["id"], ranks=ranks, supplemental=supplemental)


def _parse_couple(index: int, entry: Any) -> Couple:
    _check_entry("couples", index, entry, _COUPLE_KEYS)
    where = _where("couples", index, entry)
    members = entry.get("members")
    if not isinstance(members, list) or len(members) != 2:
        raise InstanceError(f"{where}: members must be a list of two applicant ids")
    pairs = entry.get("ranks")
    if not isinstance(pairs, list):
        raise InstanceError(f"{where}: ranks must be a list of [program, program] pairs")
    return Couple(
        id=entry["id"],
        members=(members[0], members[1]),
        ranks=tuple(_parse_pair(where, position, pair) for position, pair in enumerate(pairs)),
    )


def _parse_pair(where: str, position: int, pair: object) -> Pair:
    if not isinstance(pair, list) or len(pair) != 2:
        raise InstanceError(f"{where}: ranks[{position}] must be a [program, program] pair")
    first, second = pair
    for program_id in pair:
        if program_id is not None and not isinstance(program_id, str):
            raise InstanceError(f"{where}: ranks[{position}] holds {program_id!r}, not an id")
    return (first, second)
