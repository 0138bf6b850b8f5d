"""The frozen values the engine takes and returns.

An `Instance` checks itself when it is built, so every function that receives one can trust
its ids and lists; the checks live in `validation.py`.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, Mapping, ValuesView
from dataclasses import InitVar, dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, TypeVar

if TYPE_CHECKING:
    from .loader import ListLookups
    from .validation import Encoding

V = TypeVar("V")

ProgramKind = Literal["categorical", "advanced", "preliminary"]
PROGRAM_KINDS: tuple[ProgramKind, ...] = ("categorical", "advanced", "preliminary")

# A couple's ranked pair: the position for member 1 and for member 2 (None: that member unmatched).
Pair = tuple[str | None, str | None]


def _frozen_mapping(data: Mapping[str, V] | None = None) -> Mapping[str, V]:
    return MappingProxyType(dict(data or {}))


@dataclass(frozen=True, slots=True)
class Program:
    """A residency program (or rotation) with `capacity` seats.

    `ranks` lists applicant ids, most preferred first; applicants not listed are unacceptable.
    `kind` says which year the positions are: "advanced" positions start in PGY-2 and pair with
    a "preliminary" PGY-1 year from the applicant's supplemental list.
    """

    id: str
    capacity: int
    ranks: tuple[str, ...]
    kind: ProgramKind = "categorical"


@dataclass(frozen=True, slots=True)
class Applicant:
    """An applicant's rank order list (program ids, most preferred first).

    `supplemental` lists preliminary programs, consulted only to pair a PGY-1 year with an
    advanced program from `ranks`.
    """

    id: str
    ranks: tuple[str, ...] = ()
    supplemental: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Couple:
    """Two applicants who rank pairs of positions and take both positions of a pair or neither."""

    id: str
    members: tuple[str, str]
    ranks: tuple[Pair, ...]


@dataclass(frozen=True, slots=True)
class Instance:
    """A whole match: programs, applicants and couples; validated on construction."""

    programs: tuple[Program, ...]
    applicants: tuple[Applicant, ...]
    couples: tuple[Couple, ...] = ()
    # What validation looked up, as integers; derived from the fields, so not compared.
    encoding: Encoding = field(init=False, repr=False, compare=False)
    # Id lookups done elsewhere (loader.py), taken by validation only where they fit the lists.
    lookups: InitVar[ListLookups | None] = None

    def __post_init__(self, lookups: ListLookups | None) -> None:
        # Imported here: validation needs the classes above.
        from .validation import validate_instance

        object.__setattr__(self, "encoding", validate_instance(self, lookups))


@dataclass(frozen=True, slots=True)
class BlockingPair:
    """An applicant (or a couple) and the positions they prefer that would all admit them.

    `programs` holds one program per member for a couple (None: that member unmatched), the
    advanced then the preliminary program for an applicant matched through a supplemental list,
    and a single program otherwise.
    """

    applicants: tuple[str, ...]
    programs: tuple[str | None, ...]
    couple: str | None = None


@dataclass(frozen=True, slots=True)
class CapacityViolation:
    program: str
    capacity: int
    assigned: int


@dataclass(frozen=True, slots=True)
class UnacceptableAssignment:
    """An assignment someone did not rank: the applicant (or couple) prefers to be unmatched."""

    applicants: tuple[str, ...]
    programs: tuple[str | None, ...]
    reason: str
    couple: str | None = None


@dataclass(frozen=True, slots=True)
class Verification:
    """Everything that makes a matching unstable; empty tuples mean it is stable."""

    blocking_pairs: tuple[BlockingPair, ...]
    capacity_violations: tuple[CapacityViolation, ...]
    unacceptable: tuple[UnacceptableAssignment, ...]

    @property
    def stable(self) -> bool:
        return not (self.blocking_pairs or self.capacity_violations or self.unacceptable)


class Assignments(Mapping[str, "str | None"]):
    """Applicant id -> program id or None, read-only, in applicant order.

    `solve` builds it from its arrays without first making a dict of every applicant; it
    compares equal to any mapping with the same items.
    """

    __slots__ = ("_applicants", "_index", "_programs")

    def __init__(
        self,
        applicants: tuple[str, ...],
        programs: list[str | None],
        index: Mapping[str, int],
    ) -> None:
        self._applicants = applicants
        self._programs = programs
        self._index = index

    def __getitem__(self, applicant: str) -> str | None:
        return self._programs[self._index[applicant]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._applicants)

    def __len__(self) -> int:
        return len(self._applicants)

    def __contains__(self, applicant: object) -> bool:
        return applicant in self._index

    def values(self) -> ValuesView[str | None]:
        return _AssignmentValues(self)

    def items(self) -> ItemsView[str, str | None]:
        return _AssignmentItems(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Assignments):
            return self._applicants == other._applicants and self._programs == other._programs
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Assignments({dict(self.items())!r})"


class _AssignmentValues(ValuesView["str | None"]):
    _mapping: Assignments

    def __iter__(self) -> Iterator[str | None]:
        return iter(self._mapping._programs)


class _AssignmentItems(ItemsView[str, "str | None"]):
    _mapping: Assignments

    def __iter__(self) -> Iterator[tuple[str, str | None]]:
        return zip(self._mapping._applicants, self._mapping._programs, strict=True)


@dataclass(frozen=True, slots=True)
class Result:
    """A matching and what the engine knows about it.

    `assignments` maps every applicant id to a program id or None. `preliminary` maps an
    applicant matched to an advanced program through a supplemental list to its PGY-1 program.
    """

    assignments: Mapping[str, str | None]
    stable: bool
    blocking_pairs: tuple[BlockingPair, ...] = ()
    stats: Mapping[str, object] = field(default_factory=_frozen_mapping)
    preliminary: Mapping[str, str] = field(default_factory=_frozen_mapping)

    def __post_init__(self) -> None:
        # Read-only views: a caller cannot change a result another caller also holds.
        if not isinstance(self.assignments, Assignments):
            object.__setattr__(self, "assignments", MappingProxyType(dict(self.assignments)))
        object.__setattr__(self, "stats", MappingProxyType(dict(self.stats)))
        object.__setattr__(self, "preliminary", MappingProxyType(dict(self.preliminary)))


@dataclass(frozen=True, slots=True)
class Event:
    """One proposal in a traced run, for replaying the algorithm step by step.

    `outcome` is "accepted" (a free seat), "displaced" (accepted in place of `displaced`) or
    "rejected"; `reason` says why in words.
    """

    step: int
    applicant: str
    program: str
    outcome: Literal["accepted", "displaced", "rejected"]
    reason: str
    displaced: str | None = None
