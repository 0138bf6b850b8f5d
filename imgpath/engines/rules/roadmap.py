"""The roadmap the engine returns, and its one JSON form (API, command and page share it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from imgpath.engines.rules.facts.model import FactRow

PHASE_IDS = (
    "ecfmg_certification",
    "clinical_experience",
    "residency_application",
    "match",
    "licensure",
    "immigration",
)


class StepStatus(StrEnum):
    DONE = "done"
    NEXT = "next"
    TODO = "todo"
    BLOCKED = "blocked"
    NOT_APPLICABLE = "not_applicable"


class PhaseStatus(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    TODO = "todo"
    BLOCKED = "blocked"
    NOT_APPLICABLE = "not_applicable"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    BLOCKER = "blocker"


@dataclass(frozen=True)
class SourceRef:
    """One fact row a step or warning relies on, as the reader sees it."""

    fact_id: str
    fact_title: str
    title: str
    url: str | None
    # None when the source gives no date: shown as "date unknown".
    as_of: date | None
    undated: bool
    tier: str
    verified: bool
    flag: str | None
    note: str | None
    standing: str | None = None
    standing_as_of: date | None = None
    standing_text: str | None = None
    known_until: date | None = None

    @property
    def unconfirmed(self) -> bool:
        return not self.verified

    @classmethod
    def of(cls, row: FactRow) -> SourceRef:
        return cls(
            fact_id=row.id,
            fact_title=row.title,
            title=row.source_title or row.source,
            url=row.url,
            as_of=row.as_of,
            undated=row.undated,
            tier=row.tier.value,
            verified=row.verified,
            flag=row.flag.value if row.flag else None,
            note=row.note,
            standing=row.standing.value if row.standing else None,
            standing_as_of=row.standing_as_of,
            standing_text=row.standing_text,
            known_until=row.known_until,
        )


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    status: StepStatus
    reason: str
    due: date | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    sources: tuple[SourceRef, ...] = ()
    # Whether the applicant can act on it now; only such a step can become "next".
    actionable: bool = False
    # Set when the step's date has passed: what that means, in plain words.
    overdue: str | None = None


@dataclass(frozen=True)
class Phase:
    id: str
    title: str
    status: PhaseStatus
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class RoadmapWarning:
    code: str
    severity: Severity
    message: str
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class Roadmap:
    today: date
    match_year: int
    match_year_reason: str
    phases: tuple[Phase, ...]
    warnings: tuple[RoadmapWarning, ...]
    # The applicant's own dated items, and cycle dates projected for an unpublished calendar
    # (both from imgpath.engines.rules.dates).
    own_dates: tuple[Any, ...] = ()
    projected_calendar: tuple[Any, ...] = ()


def roadmap_to_dict(roadmap: Roadmap) -> dict[str, Any]:
    """The output contract: today, match_year, phases (with steps) and warnings."""
    return {
        "today": roadmap.today.isoformat(),
        "match_year": roadmap.match_year,
        "match_year_reason": roadmap.match_year_reason,
        "phases": [
            {
                "id": phase.id,
                "title": phase.title,
                "status": phase.status.value,
                "steps": [_step_dict(step) for step in phase.steps],
            }
            for phase in roadmap.phases
        ],
        "warnings": [
            {
                "code": warning.code,
                "severity": warning.severity.value,
                "message": warning.message,
                "unconfirmed": any(source.unconfirmed for source in warning.sources),
                "sources": [_source_dict(source) for source in warning.sources],
            }
            for warning in roadmap.warnings
        ],
        "own_dates": [
            {"date": item.date.isoformat(), "title": item.title, "kind": item.kind}
            for item in roadmap.own_dates
        ],
        "projected_calendar": [
            {
                "event": item.event.value,
                "date": item.date.isoformat(),
                "title": item.title,
                "projected_from": item.projected_from,
                "fact_id": item.fact_id,
            }
            for item in roadmap.projected_calendar
        ],
    }


def _step_dict(step: Step) -> dict[str, Any]:
    return {
        "id": step.id,
        "title": step.title,
        "status": step.status.value,
        "reason": step.reason,
        "due": step.due.isoformat() if step.due else None,
        "overdue": step.overdue,
        "unconfirmed": any(source.unconfirmed for source in step.sources),
        "details": _json(step.details),
        "sources": [_source_dict(source) for source in step.sources],
    }


def _source_dict(source: SourceRef) -> dict[str, Any]:
    return {
        "fact_id": source.fact_id,
        "fact_title": source.fact_title,
        "title": source.title,
        "url": source.url,
        "as_of": source.as_of.isoformat() if source.as_of else None,
        "undated": source.undated,
        "tier": source.tier,
        "verified": source.verified,
        "unconfirmed": source.unconfirmed,
        "flag": source.flag,
        "note": source.note,
        "standing": source.standing,
        "standing_as_of": source.standing_as_of.isoformat() if source.standing_as_of else None,
        "standing_text": source.standing_text,
        "known_until": source.known_until.isoformat() if source.known_until else None,
    }


def _json(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(key): _json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    return value
