"""Interview conflicts: two interviews that overlap, or in-person interviews on the same day
(in the applicant's zone) in different cities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class InterviewSlot:
    id: int
    starts_at: datetime  # aware
    ends_at: datetime  # aware
    city: str = ""
    virtual: bool = False


@dataclass(frozen=True, slots=True)
class Conflict:
    first: int
    second: int
    kind: str  # "overlap" or "same_day_other_city"


def find_conflicts(slots: Sequence[InterviewSlot], applicant_zone: str) -> list[Conflict]:
    zone = ZoneInfo(applicant_zone)
    found: list[Conflict] = []
    ordered = sorted(slots, key=lambda slot: (slot.starts_at, slot.id))
    for a, b in combinations(ordered, 2):
        if a.starts_at < b.ends_at and b.starts_at < a.ends_at:
            found.append(Conflict(a.id, b.id, "overlap"))
        elif (
            not a.virtual
            and not b.virtual
            and a.city.strip().casefold() != b.city.strip().casefold()
            and a.starts_at.astimezone(zone).date() == b.starts_at.astimezone(zone).date()
        ):
            found.append(Conflict(a.id, b.id, "same_day_other_city"))
    return found
