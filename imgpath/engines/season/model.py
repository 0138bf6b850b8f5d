"""Shared records: a reason with the fact behind it, and the application services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Service(StrEnum):
    ERAS = "eras"
    RESIDENCYCAS = "residencycas"


class Eligibility(StrEnum):
    """The fit verdict of a program for the applicant: unknown is CHECK, never guessed."""

    ELIGIBLE = "eligible"
    CHECK = "check"
    NOT_ELIGIBLE = "not_eligible"


@dataclass(frozen=True, slots=True)
class FactRef:
    """Where a season rule comes from, so every output can cite it and say when it is unsure."""

    id: str
    source: str
    as_of: date | None
    tier: str
    verified: bool

    @property
    def unconfirmed(self) -> bool:
        return not self.verified


@dataclass(frozen=True, slots=True)
class Reason:
    """One finding: a stable code for machines, words for people, and its fact (if any)."""

    code: str
    message: str
    fact: FactRef | None = None
