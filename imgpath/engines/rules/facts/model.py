"""Frozen records for the regulatory facts the roadmap rests on.

Every row carries where it came from (source, as_of, tier) and how far it can be
trusted (verified, flags, note), so the engine can cite it and say when it is unsure.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property

# One value inside a general fact: a scalar, a tuple of scalars, or a tuple of
# (key, scalar) pairs for a small table. Tuples keep the whole Facts hashable.
Scalar = str | int | float | bool | date | None
Value = Scalar | tuple[Scalar, ...] | tuple[tuple[str, Scalar], ...]


class Tier(StrEnum):
    """Source tiers of pathway-facts: A primary, B reputable secondary, C the rest."""

    A = "A"
    B = "B"
    C = "C"


class Flag(StrEnum):
    """Why a row is not verified. The order here is the order of severity."""

    CONFLICT = "conflict"
    STALE = "stale"
    NOT_FOUND = "not_found"
    UNVERIFIED = "unverified"


class AltStatus(StrEnum):
    """Where a state's alternative licensure law stands."""

    IMPLEMENTED = "implemented"
    ENACTED = "enacted"
    BILL = "bill"
    LIMITED_LICENSE = "limited_license"
    NOT_ENACTED = "not_enacted"


class CalendarEvent(StrEnum):
    """Dated events of one Match cycle (ERAS, NRMP, ECFMG Pathways)."""

    ERAS_SEASON_OPENS = "eras_season_opens"
    ERAS_SUBMISSION_OPENS = "eras_submission_opens"
    PROGRAM_REVIEW_OPENS = "program_review_opens"
    NRMP_REGISTRATION_OPENS = "nrmp_registration_opens"
    PROGRAM_QUOTA_DEADLINE = "program_quota_deadline"
    PATHWAYS_DEADLINE = "pathways_deadline"
    PATHWAYS_APPLICATION_CLOSES = "pathways_application_closes"
    OET_TAKEN_ON_OR_AFTER = "oet_taken_on_or_after"
    ROL_DEADLINE = "rol_deadline"
    MATCH_WEEK_STARTS = "match_week_starts"
    MATCH_DAY = "match_day"
    ERAS_SEASON_ENDS = "eras_season_ends"


@dataclass(frozen=True, kw_only=True)
class FactRow:
    """What every row has: identity, claim, provenance and trust."""

    id: str
    topic: str
    title: str
    summary: str
    source: str
    source_title: str | None = None
    see_also: tuple[str, ...] = ()
    as_of: date
    # "day", "month" or "year": how precise the source's own date is.
    as_of_precision: str = "day"
    undated: bool = False
    tier: Tier
    verified: bool
    flags: tuple[Flag, ...] = ()
    note: str | None = None
    file: str = ""

    @property
    def flag(self) -> Flag | None:
        """The most severe flag, or None for a verified row."""
        return self.flags[0] if self.flags else None

    @property
    def url(self) -> str | None:
        return self.source if self.source.startswith(("http://", "https://")) else None


@dataclass(frozen=True, kw_only=True)
class Fact(FactRow):
    """A general fact; ``values`` holds its machine-readable parts."""

    values: tuple[tuple[str, Value], ...] = ()

    def value(self, key: str) -> Value:
        for name, item in self.values:
            if name == key:
                return item
        raise KeyError(f"{self.id}: no value {key!r}")


@dataclass(frozen=True, kw_only=True)
class StateRule(FactRow):
    """IMG licensure rules of one state (pathway-facts §4.2)."""

    state: str
    name: str
    gme_years: int | None
    gme_years_text: str
    step3_attempt_limit: int | None
    all_steps_attempt_limit: int | None
    attempt_limits_text: str
    usmle_time_limit_years: int | None
    time_limit_text: str
    table_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExperienceOption:
    """One way to meet an experience condition: at least ``min_years`` of ``kind``.

    ``min_years`` is None when the law names the experience but not its length.
    """

    kind: str
    min_years: float | None
    text: str | None = None


@dataclass(frozen=True, kw_only=True)
class AlternativePathway(FactRow):
    """A state's licensure route without US residency (pathway-facts §5.2)."""

    state: str
    status: AltStatus
    license_type: str | None = None
    effective_date: date | None = None
    min_practice_years_abroad: float | None = None
    experience_options: tuple[ExperienceOption, ...] = ()
    employer_offer_required: bool | None = None
    provisional_years: float | None = None
    provisional_years_text: str | None = None
    supervision_required: bool | None = None
    usmle_steps_required: tuple[str, ...] | None = None
    ecfmg_certificate_required: bool | None = None
    oet_required: bool | None = None
    work_authorization_required: bool | None = None
    converts_to_full_after_years: float | None = None
    conditions_text: str


@dataclass(frozen=True, kw_only=True)
class CalendarEntry(FactRow):
    """One dated event of one Match cycle; ``date`` is None when it is not known."""

    match_year: int
    event: CalendarEvent
    date: date | None
    time_text: str | None = None


@dataclass(frozen=True)
class Specialty:
    """A residency specialty the profile may target (ACGME names)."""

    id: str
    label: str
    acgme_code: str | None = None


@dataclass(frozen=True)
class Facts:
    """All facts loaded from one directory; frozen and hashable, so it can be cached."""

    general: tuple[Fact, ...]
    states: tuple[StateRule, ...]
    alternative_pathways: tuple[AlternativePathway, ...]
    calendar: tuple[CalendarEntry, ...]
    specialties: tuple[Specialty, ...] = field(default=())

    @cached_property
    def _by_id(self) -> dict[str, FactRow]:
        return {row.id: row for row in self.rows()}

    def rows(self) -> Iterator[FactRow]:
        yield from self.general
        yield from self.states
        yield from self.alternative_pathways
        yield from self.calendar

    def fact(self, fact_id: str) -> Fact:
        row = self._by_id[fact_id]
        if not isinstance(row, Fact):
            raise KeyError(f"{fact_id} is not a general fact")
        return row

    def state(self, code: str) -> StateRule:
        for row in self.states:
            if row.state == code:
                return row
        raise KeyError(code)

    def alternative_pathway(self, code: str) -> AlternativePathway | None:
        return next((row for row in self.alternative_pathways if row.state == code), None)

    def calendar_for(self, match_year: int) -> dict[CalendarEvent, CalendarEntry]:
        return {row.event: row for row in self.calendar if row.match_year == match_year}

    def specialty_label(self, specialty_id: str) -> str:
        found = next((item.label for item in self.specialties if item.id == specialty_id), None)
        return found or specialty_id.replace("_", " ")
