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


class Standing(StrEnum):
    """The last known standing of a fact in litigation or with a term; never permanent."""

    IN_FORCE = "in_force"
    VACATED = "vacated"
    STAYED = "stayed"
    CONTESTED = "contested"
    EXPIRED_UNLESS_EXTENDED = "expired_unless_extended"
    PROPOSED = "proposed"
    PROVISIONAL = "provisional"
    UNKNOWN = "unknown"


STANDING_WORDS = {
    Standing.IN_FORCE: "in force",
    Standing.VACATED: "vacated by a court",
    Standing.STAYED: "stayed",
    Standing.CONTESTED: "contested in court",
    Standing.EXPIRED_UNLESS_EXTENDED: "expired unless extended",
    Standing.PROPOSED: "proposed, not law",
    Standing.PROVISIONAL: "provisional",
    Standing.UNKNOWN: "unknown",
}


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
    NRMP_EARLY_REGISTRATION_DEADLINE = "nrmp_early_registration_deadline"
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
    # The date of the source itself; None when the source gives none ("date unknown").
    as_of: date | None = None
    # "day", "month" or "year": how precise the source's own date is.
    as_of_precision: str = "day"
    tier: Tier
    verified: bool
    flags: tuple[Flag, ...] = ()
    note: str | None = None
    # Set only for facts in litigation or with a fixed term (see Standing).
    standing: Standing | None = None
    standing_as_of: date | None = None
    standing_text: str | None = None
    # The date our sources stop: what happened after it is not known.
    known_until: date | None = None
    term_end: date | None = None
    file: str = ""

    @property
    def undated(self) -> bool:
        return self.as_of is None

    @property
    def unconfirmed(self) -> bool:
        """Shown as unconfirmed everywhere: not verified, whatever the reason."""
        return not self.verified

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
    # A general fact that states the GME years from a better source than the table.
    gme_source_fact: str | None = None


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
    # Recency of practice where the law asks for it: ``recent_practice_min_years`` (None when
    # any practice counts) within the last ``recent_practice_window_years`` before applying.
    recent_practice_window_years: float | None = None
    recent_practice_min_years: float | None = None
    recent_practice_text: str | None = None
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
