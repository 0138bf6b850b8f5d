"""Input and output shapes of the programs API, and the functions that fill them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import field_validator

from imgpath.core.api import ERRORS as API_ERRORS
from imgpath.core.api import BodySchema
from imgpath.programs import filters as f
from imgpath.programs.geo import STATE_NAMES, Region
from imgpath.programs.links import program_url
from imgpath.programs.models import (
    ACGME_SEARCH_URL,
    NRMP_DIRECTORY_URL,
    ApplicantKind,
    GraduationBand,
    LedgerEntry,
    Outcome,
    OutcomeVisa,
    PositionType,
    Program,
    Step2Band,
)
from imgpath.programs.policy import SPECS, PolicyField

POSITION_NAMES = dict(PositionType.choices)


def _no_nul(value: str) -> str:
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("null characters are not allowed")
    return value


ERRORS = API_ERRORS


class ProgramQuery(Schema):
    q: str = Field(
        "", max_length=f.MAX_QUERY_LENGTH, description="Words: program, institution, city"
    )
    specialty: str = Field("", pattern=r"^(\d{3})?$", description="ACGME specialty code, e.g. 140")
    state: str = Field("", pattern=r"^([A-Z]{2})?$", description="Two-letter state code")
    region: Region | None = None
    near: str = Field("", max_length=110, description="A program city, e.g. “Chicago, IL”")
    radius: int = Field(f.DEFAULT_RADIUS, ge=f.RADIUS_MILES[0], le=f.RADIUS_MILES[1])
    position: f.Position | None = None
    accepts_imgs: f.Answer | None = None
    j1: f.Answer | None = None
    h1b: f.Answer | None = None
    h1b_evidence: bool = Field(
        False,
        description="Only programs whose sponsoring institution has federal H-1B evidence "
        "(DOL LCA filings or USCIS approvals); evidence, not the program's policy.",
    )
    yog: f.Meets | None = None
    graduation_year: int | None = Field(None, ge=f.GRADUATION_YEAR[0], le=f.GRADUATION_YEAR[1])
    attempts: f.Meets | None = None
    my_attempts: int | None = Field(None, ge=f.ATTEMPTS[0], le=f.ATTEMPTS[1])
    step2ck: f.Meets | None = None
    my_step2ck: int | None = Field(None, ge=f.STEP2CK[0], le=f.STEP2CK[1])
    usce: f.Meets | None = None
    usce_hands_on: int | None = Field(None, ge=f.USCE_MONTHS[0], le=f.USCE_MONTHS[1])
    usce_observership: int | None = Field(None, ge=f.USCE_MONTHS[0], le=f.USCE_MONTHS[1])
    match_year: int | None = Field(None, ge=2000, le=2100)
    sort: f.Sort = f.Sort.NAME
    page: int = Field(1, ge=1, le=f.MAX_PAGE)
    per_page: int = Field(f.DEFAULT_PER_PAGE, ge=f.PER_PAGE[0], le=f.PER_PAGE[1])

    _text = field_validator("q", "near", "specialty", "state")(_no_nul)

    @field_validator("state")
    @classmethod
    def _known_state(cls, value: str) -> str:
        if value and value not in STATE_NAMES:
            raise ValueError("not a US state, DC or PR code")
        return value

    def to_filters(self) -> f.SearchFilters:
        values = {name: getattr(self, name) for name in f.SearchFilters.__dataclass_fields__}
        values = {k: (v.value if hasattr(v, "value") else v) for k, v in values.items()}
        return f.SearchFilters(**{k: v for k, v in values.items() if v not in (None, "")})


class SpecialtyOut(Schema):
    code: str
    name: str


class PolicyValueOut(Schema):
    kind: str
    value: int | dt.date | str | None = None


class ReasonOut(Schema):
    rule: str
    outcome: str
    message: str


class FitMissingOut(Schema):
    """A profile field the applicant left unanswered that would settle a fit rule."""

    field: str = Field(description="the profile field, as its JSON path")
    what: str
    changes: str = Field(description="what answering it would decide")


class FitOut(Schema):
    verdict: str
    reasons: list[ReasonOut]
    missing: list[FitMissingOut] = []
    evidence_notes: list[str] = []


class EvidenceOut(Schema):
    """Federal or community evidence about the program's institution: never its policy."""

    kind: str = Field(description="h1b_lca, h1b_uscis or outcome_reports")
    summary: str
    count: int
    period: str
    source_url: str
    limits: list[str]


class ProgramOut(Schema):
    acgme_id: str
    name: str
    specialty: SpecialtyOut
    city: str
    state: str
    region: str
    latitude: float
    longitude: float
    distance_miles: float | None = None
    position_types: list[str]
    policy: dict[str, PolicyValueOut]
    verified_by_program_on: dt.date | None
    has_demo_data: bool
    sources_disagree_on: int
    url: str
    fit: FitOut | None = None
    saved: bool = False
    evidence: list[EvidenceOut] = []


class ProgramPageOut(Schema):
    count: int
    page: int
    per_page: int
    pages: int
    next: str | None
    previous: str | None
    results: list[ProgramOut]


def policy_out(program: Program) -> dict[str, dict[str, Any]]:
    out = {}
    for key, spec in SPECS.items():
        if key == PolicyField.WEBSITE:
            out[key] = {
                "kind": "url" if program.website_url else "unknown",
                "value": program.website_url or None,
            }
            continue
        kind = getattr(program, key)
        value = getattr(program, spec.value_column) if spec.value_column else None
        out[key] = {"kind": kind, "value": value if kind in ("number", "date") else None}
    return out


def fit_out(fit, note: str | None = None) -> dict[str, Any] | None:
    if fit is None:
        return None
    return {
        "verdict": fit.verdict,
        "reasons": [reason_out(r) for r in fit.reasons],
        "missing": [
            {"field": item.field, "what": item.what, "changes": item.changes}
            for item in fit.missing
        ],
        "evidence_notes": [note] if note else [],
    }


EVIDENCE_KEYS = ("kind", "summary", "count", "period", "source_url", "limits")


def evidence_out(program: Program) -> list[dict[str, Any]]:
    """Federal evidence about the institution, then IMGs' outcome counts (groups of three or
    more reports only, precomputed on the program)."""
    institution = program.institution
    items = list(institution.evidence) if institution is not None else []
    items += program.outcome_evidence or []
    return [{key: item[key] for key in EVIDENCE_KEYS} for item in items]


def reason_out(reason) -> dict[str, str]:
    return {"rule": reason.rule, "outcome": reason.outcome, "message": reason.message}


def program_out(
    program: Program, *, distance=None, fit=None, is_saved=False, note=None
) -> dict[str, Any]:
    return {
        "acgme_id": program.acgme_id,
        "name": program.name,
        "specialty": {"code": program.specialty.code, "name": program.specialty.name},
        "city": program.city,
        "state": program.state,
        "region": program.region,
        "latitude": program.latitude,
        "longitude": program.longitude,
        "distance_miles": round(distance, 1) if distance is not None else None,
        "position_types": [POSITION_NAMES[t] for t in program.position_types],
        "policy": policy_out(program),
        "verified_by_program_on": program.ledger_verified_by_program_on,
        "has_demo_data": program.ledger_has_demo,
        "sources_disagree_on": program.ledger_conflicts,
        "url": program_url(program.acgme_id),
        "fit": fit_out(fit, note),
        "saved": is_saved,
        "evidence": evidence_out(program),
    }


class EntryOut(Schema):
    field: str
    kind: str
    value: int | dt.date | str | None
    display: str
    source_kind: str
    source_url: str
    note: str
    verified_on: dt.date
    superseded_at: dt.datetime | None = None


class ReportSummaryOut(Schema):
    count: int
    latest: dt.date | None
    values: dict[str, int]


class LedgerFieldOut(Schema):
    field: str
    label: str
    current: EntryOut | None
    conflicting: list[EntryOut]
    community_reports: ReportSummaryOut


class NrmpCodeOut(Schema):
    code: str
    institution: str
    track: str
    position_type: str
    linked_by: str


class FillOut(Schema):
    match_year: int
    offered: int
    filled: int


class ProgramDetailOut(ProgramOut):
    ledger: list[LedgerFieldOut]
    nrmp_codes: list[NrmpCodeOut]
    fill_history: list[FillOut]
    links: dict[str, str]


def entry_out(entry: LedgerEntry) -> dict[str, Any]:
    value = {"number": entry.number_value, "date": entry.date_value, "url": entry.text_value}
    return {
        "field": entry.field,
        "kind": entry.kind,
        "value": value.get(entry.kind),
        "display": entry.display_value,
        "source_kind": entry.source_kind,
        "source_url": entry.source_url,
        "note": entry.note,
        "verified_on": entry.verified_on,
        "superseded_at": entry.superseded_at,
    }


def ledger_field_out(row) -> dict[str, Any]:
    return {
        "field": row.spec.key,
        "label": row.spec.label,
        "current": entry_out(row.current) if row.current else None,
        "conflicting": [entry_out(e) for e in row.conflicting],
        "community_reports": {
            "count": len(row.reports),
            "latest": row.latest_report.created_at.date() if row.latest_report else None,
            "values": dict(row.report_counts),
        },
    }


class StatementIn(BodySchema):
    field: PolicyField
    value: str = Field(
        ..., min_length=1, max_length=500, description="yes, no, unknown, a number, a date or a URL"
    )
    source_url: str = Field("", max_length=500)
    note: str = Field("", max_length=1000)

    _text = field_validator("value", "source_url", "note")(_no_nul)


class ReportOut(Schema):
    id: int
    field: str
    kind: str
    display: str
    source_url: str
    note: str
    status: str
    created_at: dt.datetime


class SavedOut(Schema):
    acgme_id: str
    name: str
    specialty: str
    city: str
    state: str
    note: str
    tags: list[str]
    saved_at: dt.datetime


class SavedIn(BodySchema):
    acgme_id: str = Field(..., pattern=r"^\d{10}$")
    note: str = Field("", max_length=2000)
    tags: list[Annotated[str, Field(max_length=30)]] = Field(default_factory=list, max_length=10)

    _text = field_validator("note")(_no_nul)


class SavedPatch(BodySchema):
    note: str | None = Field(None, max_length=2000)
    tags: list[Annotated[str, Field(max_length=30)]] | None = Field(None, max_length=10)

    _text = field_validator("note")(_no_nul)


def saved_out(item) -> dict[str, Any]:
    p = item.program
    return {
        "acgme_id": p.acgme_id,
        "name": p.name,
        "specialty": p.specialty.name,
        "city": p.city,
        "state": p.state,
        "note": item.note,
        "tags": item.tags,
        "saved_at": item.created_at,
    }


def program_detail_out(program: Program, page, fit, note=None) -> dict[str, Any]:
    out = program_out(program, fit=fit, note=note)
    out["ledger"] = [ledger_field_out(row) for row in page.ledger]
    out["nrmp_codes"] = [
        {
            "code": code.code,
            "institution": code.institution_name,
            "track": code.track_name,
            "position_type": code.get_position_type_display(),
            "linked_by": code.link_method,
        }
        for code in page.nrmp_codes
    ]
    out["fill_history"] = [
        {"match_year": year, "offered": quota, "filled": matched}
        for year, quota, matched in page.fill_years
    ]
    out["links"] = {"acgme_search": ACGME_SEARCH_URL, "nrmp_directory": NRMP_DIRECTORY_URL}
    if program.website_url:
        out["links"]["website"] = program.website_url
    return out


def report_out(report) -> dict[str, Any]:
    return {
        "id": report.pk,
        "field": report.field,
        "kind": report.kind,
        "display": report.display_value,
        "source_url": report.source_url,
        "note": report.note,
        "status": report.status,
        "created_at": report.created_at,
    }


class CoverageFieldOut(Schema):
    field: str
    label: str
    sourced: int
    unknown: int
    percent: float


class CoverageSpecialtyOut(Schema):
    code: str
    name: str
    programs: int
    any_sourced: int
    sourced_by_field: dict[str, int]
    h1b_evidence: int
    national_img_share_percent: float | None


class ProgramCoverageOut(Schema):
    programs: int
    h1b_evidence_programs: int
    fields: list[CoverageFieldOut]
    specialties: list[CoverageSpecialtyOut]


def coverage_out(coverage) -> dict[str, Any]:
    return {
        "programs": coverage.total,
        "h1b_evidence_programs": coverage.h1b_evidence,
        "fields": [
            {
                "field": row.key,
                "label": row.label,
                "sourced": row.sourced,
                "unknown": row.unknown,
                "percent": row.percent,
            }
            for row in coverage.fields
        ],
        "specialties": [
            {
                "code": s.code,
                "name": s.name,
                "programs": s.programs,
                "any_sourced": s.any_sourced,
                "sourced_by_field": s.by_field,
                "h1b_evidence": s.h1b_evidence,
                "national_img_share_percent": s.national_img_share,
            }
            for s in coverage.specialties
        ],
    }


class OutcomeReportIn(Schema):
    season: int = Field(..., ge=2000, le=2100, description="The Match year")
    outcome: Outcome
    applicant_kind: ApplicantKind
    visa: OutcomeVisa
    graduation_band: GraduationBand | None = None
    step2ck_band: Step2Band | None = None


class OutcomeReportOut(Schema):
    """One of the caller's own reports: never anybody else's."""

    id: int
    acgme_id: str
    season: int
    outcome: str
    applicant_kind: str
    visa: str
    graduation_band: str
    step2ck_band: str
    status: str
    created_at: dt.datetime


class OutcomeGroupOut(Schema):
    season: int
    outcome: str
    applicant_kind: str
    visa: str
    count: int
    summary: str
    step2ck_bands: dict[str, int]


class ProgramOutcomesOut(Schema):
    acgme_id: str
    min_group: int
    groups: list[OutcomeGroupOut]
    limits: list[str]


def outcome_report_out(report) -> dict[str, Any]:
    return {
        "id": report.pk,
        "acgme_id": report.program.acgme_id,
        "season": report.season,
        "outcome": report.outcome,
        "applicant_kind": report.applicant_kind,
        "visa": report.visa,
        "graduation_band": report.graduation_band,
        "step2ck_band": report.step2ck_band,
        "status": report.status,
        "created_at": report.created_at,
    }
