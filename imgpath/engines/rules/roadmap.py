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
    as_of: date
    undated: bool
    tier: str
    verified: bool
    flag: str | None
    note: str | None

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
                "sources": [_source_dict(source) for source in warning.sources],
            }
            for warning in roadmap.warnings
        ],
    }


def _step_dict(step: Step) -> dict[str, Any]:
    return {
        "id": step.id,
        "title": step.title,
        "status": step.status.value,
        "reason": step.reason,
        "due": step.due.isoformat() if step.due else None,
        "details": _json(step.details),
        "sources": [_source_dict(source) for source in step.sources],
    }


def _source_dict(source: SourceRef) -> dict[str, Any]:
    return {
        "fact_id": source.fact_id,
        "fact_title": source.fact_title,
        "title": source.title,
        "url": source.url,
        "as_of": source.as_of.isoformat(),
        "undated": source.undated,
        "tier": source.tier,
        "verified": source.verified,
        "flag": source.flag,
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
