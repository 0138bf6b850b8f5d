"""The season over JSON: the same services and checks as the pages, private to the applicant."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import AfterValidator, Field, StrictBool, StrictInt, StringConstraints

from imgpath.accounts.models import User
from imgpath.core.api import ERRORS, BodyId, BodySchema, JsonDate, JsonDatetime
from imgpath.engines.season import check_statement, diff_versions
from imgpath.season import selectors, services
from imgpath.season.models import Season, SignalLevel, Track, TrackedProgram
from imgpath.season.models import Status as ProgramStatus
from imgpath.season.rules import current_rules

ROUTER_PREFIX = "/season"
router = Router(tags=["season"])


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Short = Annotated[str, StringConstraints(max_length=200), AfterValidator(_no_nul)]
Text = Annotated[str, StringConstraints(max_length=5000), AfterValidator(_no_nul)]
LongText = Annotated[str, StringConstraints(max_length=40_000), AfterValidator(_no_nul)]
Id = Annotated[int, Field(ge=1, le=2**62)]
AcgmeId = Annotated[str, StringConstraints(pattern=r"^\d{10}$")]
NrmpCode = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{1,10}$")]


def _season(request: HttpRequest) -> Season:
    user = request.user
    if not isinstance(user, User) or not user.is_applicant:
        raise PermissionDenied("Only applicant accounts have a season.")
    return services.season_for(user)


class SeasonFactOut(Schema):
    id: str
    source: str
    as_of: date | None
    tier: str
    verified: bool


class SeasonStatusChangeOut(Schema):
    status: ProgramStatus
    changed_at: datetime


class SeasonProgramOut(Schema):
    id: int
    name: str
    specialty: str
    acgme_id: str
    nrmp_code: str
    city: str
    state: str
    track: Track
    status: ProgramStatus
    history: list[SeasonStatusChangeOut]
    notes: str
    tags: list[str]
    signal: str
    rank: int | None
    travel_estimate_usd: int
    statement_id: int | None
    letter_ids: list[int]
    eligibility: str
    screens: list[str]
    missing: list[str]


def _program_out(row: selectors.TrackerRow) -> dict[str, Any]:
    t = row.tracked
    return {
        "id": t.pk,
        "name": t.name,
        "specialty": t.specialty,
        "acgme_id": t.acgme_id,
        "nrmp_code": t.nrmp_code,
        "city": t.city,
        "state": t.state,
        "track": t.track,
        "status": t.status,
        "history": [{"status": h.status, "changed_at": h.changed_at} for h in t.history.all()],
        "notes": t.notes,
        "tags": t.tags,
        "signal": t.signal,
        "rank": t.rank,
        "travel_estimate_usd": t.travel_estimate_usd,
        "statement_id": t.statement_id,
        "letter_ids": [letter.pk for letter in t.letters.all()],
        "eligibility": str(row.eligibility),
        "screens": row.screens,
        "missing": row.missing,
    }


def _one(season: Season, tracked: TrackedProgram) -> dict[str, Any]:
    fresh = selectors.tracked_for(season, tracked.pk)
    return _program_out(selectors.tracker_rows(season, [fresh])[0])


class SeasonProgramIn(BodySchema):
    acgme_id: AcgmeId | None = None
    nrmp_code: NrmpCode | None = None
    track: Track = Track.CATEGORICAL


class SeasonProgramPatch(BodySchema):
    status: ProgramStatus | None = None
    track: Track | None = None
    notes: Text | None = None
    tags: list[Annotated[str, StringConstraints(max_length=40), AfterValidator(_no_nul)]] | None = (
        Field(default=None, max_length=20)
    )
    rank: Annotated[StrictInt, Field(ge=1, le=300)] | None = None
    travel_estimate_usd: Annotated[StrictInt, Field(ge=0, le=100_000)] | None = None
    time_zone: Annotated[str, StringConstraints(max_length=64)] | None = None


@router.get("/programs", response={200: list[SeasonProgramOut], **ERRORS}, summary="My tracker")
def programs_list(request: HttpRequest):
    season = _season(request)
    programs = list(selectors.tracked_queryset(season))
    return [_program_out(row) for row in selectors.tracker_rows(season, programs)]


@router.post("/programs", response={201: SeasonProgramOut, **ERRORS}, summary="Track a program")
def programs_add(request: HttpRequest, payload: SeasonProgramIn):
    season = _season(request)
    tracked = services.tracked_program_add(
        season,
        acgme_id=payload.acgme_id or "",
        nrmp_code=payload.nrmp_code or "",
        track=payload.track,
    )
    return Status(201, _one(season, tracked))


@router.post(
    "/programs/shortlist",
    response={201: list[SeasonProgramOut], **ERRORS},
    summary="Track every shortlisted program",
)
def programs_add_shortlist(request: HttpRequest):
    season = _season(request)
    added = {t.pk for t in services.tracked_programs_add_shortlist(season)}
    programs = [t for t in selectors.tracked_queryset(season) if t.pk in added]
    return Status(201, [_program_out(r) for r in selectors.tracker_rows(season, programs)])


@router.patch(
    "/programs/{program_id}", response={200: SeasonProgramOut, **ERRORS}, summary="Change one"
)
def programs_update(request: HttpRequest, program_id: Id, payload: SeasonProgramPatch):
    season = _season(request)
    tracked = selectors.tracked_for(season, program_id)
    services.tracked_program_update(tracked, **payload.dict(exclude_unset=True))
    return _one(season, tracked)


@router.delete("/programs/{program_id}", response={204: None, **ERRORS}, summary="Stop tracking")
def programs_delete(request: HttpRequest, program_id: Id):
    services.tracked_program_delete(selectors.tracked_for(_season(request), program_id))
    return Status(204, None)


class SeasonLetterIdsIn(BodySchema):
    letter_ids: list[BodyId] = Field(max_length=50)


@router.put(
    "/programs/{program_id}/letters",
    response={200: SeasonProgramOut, **ERRORS},
    summary="Assign letters to a program (at most the ERAS maximum)",
)
def programs_letters(request: HttpRequest, program_id: Id, payload: SeasonLetterIdsIn):
    season = _season(request)
    tracked = selectors.tracked_for(season, program_id)
    services.letters_assign(tracked, payload.letter_ids)
    return _one(season, tracked)


class SeasonStatementIdIn(BodySchema):
    statement_id: BodyId | None = None


@router.put(
    "/programs/{program_id}/statement",
    response={200: SeasonProgramOut, **ERRORS},
    summary="Assign a personal statement to a program (one per program)",
)
def programs_statement(request: HttpRequest, program_id: Id, payload: SeasonStatementIdIn):
    season = _season(request)
    tracked = selectors.tracked_for(season, program_id)
    statement = (
        selectors.statement_for(season, payload.statement_id) if payload.statement_id else None
    )
    services.statement_assign(tracked, statement)
    return _one(season, tracked)


# Interviews -----------------------------------------------------------------------------------


class SeasonInterviewOut(Schema):
    id: int
    program_id: int
    program_name: str
    offered: list[str]
    starts_at: datetime | None
    starts_local: datetime | None
    starts_program_local: datetime | None
    duration_minutes: int
    virtual: bool
    location: str
    city: str
    respond_by: date | None
    thank_you_sent_at: datetime | None
    conflicts: list[int]


class SeasonInterviewIn(BodySchema):
    program_id: BodyId
    offered: list[JsonDatetime] = Field(default_factory=list, max_length=20)
    starts_at: JsonDatetime | None = None
    duration_minutes: Annotated[StrictInt, Field(ge=15, le=720)] = 240
    virtual: StrictBool = True
    location: Short = ""
    city: Annotated[str, StringConstraints(max_length=100), AfterValidator(_no_nul)] = ""
    respond_by: JsonDate | None = None


class SeasonInterviewPatch(BodySchema):
    starts_at: JsonDatetime | None = None
    thank_you_sent: StrictBool | None = None
    respond_by: JsonDate | None = Field(None, description="null clears the deadline.")


def _interviews_out(season: Season) -> list[dict[str, Any]]:
    interviews = selectors.interviews_of(season)
    clashes: dict[int, list[int]] = {}
    for conflict in selectors.interview_conflicts(season, interviews):
        clashes.setdefault(conflict.first, []).append(conflict.second)
        clashes.setdefault(conflict.second, []).append(conflict.first)
    return [
        {
            "id": i.pk,
            "program_id": i.tracked_id,
            "program_name": i.tracked.name,
            "offered": i.offered,
            "starts_at": i.starts_at,
            "starts_local": selectors.local(i.starts_at, season.time_zone),
            "starts_program_local": selectors.local(i.starts_at, i.tracked.time_zone),
            "duration_minutes": i.duration_minutes,
            "virtual": i.virtual,
            "location": i.location,
            "city": i.city,
            "respond_by": i.respond_by,
            "thank_you_sent_at": i.thank_you_sent_at,
            "conflicts": sorted(clashes.get(i.pk, [])),
        }
        for i in interviews
    ]


@router.get("/interviews", response={200: list[SeasonInterviewOut], **ERRORS}, summary="Interviews")
def interviews_list(request: HttpRequest):
    return _interviews_out(_season(request))


@router.post("/interviews", response={201: SeasonInterviewOut, **ERRORS}, summary="Add one")
def interviews_add(request: HttpRequest, payload: SeasonInterviewIn):
    season = _season(request)
    tracked = selectors.tracked_for(season, payload.program_id)
    data = payload.dict()
    data.pop("program_id")
    interview = services.interview_add(tracked, **data)
    return Status(201, next(i for i in _interviews_out(season) if i["id"] == interview.pk))


@router.patch(
    "/interviews/{interview_id}", response={200: SeasonInterviewOut, **ERRORS}, summary="Change"
)
def interviews_update(request: HttpRequest, interview_id: Id, payload: SeasonInterviewPatch):
    season = _season(request)
    interview = selectors.interview_for(season, interview_id)
    with transaction.atomic():
        services.interview_update(
            interview, starts_at=payload.starts_at, thank_you_sent=payload.thank_you_sent
        )
        if "respond_by" in payload.model_fields_set:
            services.interview_deadline_set(interview, payload.respond_by)
    return next(i for i in _interviews_out(season) if i["id"] == interview.pk)


# Personal statements --------------------------------------------------------------------------


class SeasonVersionOut(Schema):
    number: int
    characters: int
    over_limit: bool
    created_at: datetime


class SeasonStatementOut(Schema):
    id: int
    title: str
    specialty: str
    limit: int
    limit_source: SeasonFactOut
    versions: list[SeasonVersionOut]
    text: str
    program_ids: list[int]


class SeasonStatementIn(BodySchema):
    title: Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_no_nul)]
    specialty: Annotated[str, StringConstraints(max_length=60)] = ""
    text: LongText


class SeasonVersionIn(BodySchema):
    text: LongText


class SeasonDiffLineOut(Schema):
    kind: str
    line: str


def _fact(ref) -> dict[str, Any]:
    return {
        "id": ref.id,
        "source": ref.source,
        "as_of": ref.as_of,
        "tier": ref.tier,
        "verified": ref.verified,
    }


def _statement_out(statement, program_ids: list[int]) -> dict[str, Any]:
    rules = current_rules()
    versions = list(statement.versions.all())
    return {
        "id": statement.pk,
        "title": statement.title,
        "specialty": statement.specialty,
        "limit": rules.statement_max_characters,
        "limit_source": _fact(rules.statement_fact),
        "versions": [
            {
                "number": v.number,
                "characters": (check := check_statement(v.text, rules)).characters,
                "over_limit": check.over_limit,
                "created_at": v.created_at,
            }
            for v in versions
        ],
        "text": versions[-1].text if versions else "",
        "program_ids": program_ids,
    }


def _statements(season: Season) -> list[dict[str, Any]]:
    assigned: dict[int, list[int]] = {}
    for pk, statement_id in TrackedProgram.objects.filter(
        season=season, statement__isnull=False
    ).values_list("pk", "statement_id"):
        assigned.setdefault(statement_id, []).append(pk)
    statements = season.statements.prefetch_related("versions")
    return [_statement_out(s, sorted(assigned.get(s.pk, []))) for s in statements]


@router.get("/statements", response={200: list[SeasonStatementOut], **ERRORS}, summary="Mine")
def statements_list(request: HttpRequest):
    return _statements(_season(request))


@router.post("/statements", response={201: SeasonStatementOut, **ERRORS}, summary="Write one")
def statements_add(request: HttpRequest, payload: SeasonStatementIn):
    season = _season(request)
    statement = services.statement_create(season, **payload.dict())
    return Status(201, next(s for s in _statements(season) if s["id"] == statement.pk))


@router.post(
    "/statements/{statement_id}/versions",
    response={201: SeasonStatementOut, **ERRORS},
    summary="Save a new version (saved versions never change)",
)
def statements_version(request: HttpRequest, statement_id: Id, payload: SeasonVersionIn):
    season = _season(request)
    statement = selectors.statement_for(season, statement_id)
    services.statement_version_add(statement, text=payload.text)
    return Status(201, next(s for s in _statements(season) if s["id"] == statement.pk))


class SeasonDiffQuery(Schema):
    old: Annotated[int, Field(ge=1, le=100_000)]
    new: Annotated[int, Field(ge=1, le=100_000)]


@router.get(
    "/statements/{statement_id}/diff",
    response={200: list[SeasonDiffLineOut], **ERRORS},
    summary="Differences between two versions",
)
def statements_diff(request: HttpRequest, statement_id: Id, query: Query[SeasonDiffQuery]):
    statement = selectors.statement_for(_season(request), statement_id)
    texts = {v.number: v.text for v in statement.versions.all()}
    if query.old not in texts or query.new not in texts:
        raise Http404
    return [
        {"kind": k, "line": line} for k, line in diff_versions(texts[query.old], texts[query.new])
    ]


# Letters --------------------------------------------------------------------------------------


class SeasonLetterOut(Schema):
    id: int
    writer_name: str
    writer_title: str
    specialty: str
    us_physician: bool
    us_clinical: bool
    specialty_letter: bool
    booking_id: int | None
    waived: bool
    requested_on: date | None
    received_on: date | None
    program_ids: list[int]


class SeasonLetterIn(BodySchema):
    writer_name: Annotated[
        str, StringConstraints(min_length=1, max_length=200), AfterValidator(_no_nul)
    ]
    writer_title: Short = ""
    specialty: Annotated[str, StringConstraints(max_length=60), AfterValidator(_no_nul)] = ""
    us_physician: StrictBool = False
    us_clinical: StrictBool = False
    specialty_letter: StrictBool = False
    waived: StrictBool = True
    booking_id: BodyId | None = None
    requested_on: JsonDate | None = None
    received_on: JsonDate | None = None


def _letter_out(letter) -> dict[str, Any]:
    return {
        "id": letter.pk,
        "writer_name": letter.writer_name,
        "writer_title": letter.writer_title,
        "specialty": letter.specialty,
        "us_physician": letter.us_physician,
        "us_clinical": letter.us_clinical,
        "specialty_letter": letter.specialty_letter,
        "booking_id": letter.booking_id,
        "waived": letter.waived,
        "requested_on": letter.requested_on,
        "received_on": letter.received_on,
        "program_ids": sorted(p.pk for p in letter.programs.all()),
    }


@router.get("/letters", response={200: list[SeasonLetterOut], **ERRORS}, summary="My letters")
def letters_list(request: HttpRequest):
    season = _season(request)
    return [_letter_out(letter) for letter in season.letters.prefetch_related("programs")]


@router.post("/letters", response={201: SeasonLetterOut, **ERRORS}, summary="Add a letter")
def letters_add(request: HttpRequest, payload: SeasonLetterIn):
    letter = services.letter_create(_season(request), **payload.dict())
    return Status(201, _letter_out(letter))


# Signals and costs ----------------------------------------------------------------------------


class SeasonReasonOut(Schema):
    code: str
    message: str
    fact: SeasonFactOut | None


class SeasonSignalSpecialtyOut(Schema):
    specialty: str
    service: str
    published: bool
    last_season: str | None
    used: dict[str, int]
    warnings: list[SeasonReasonOut]
    program_warnings: dict[int, list[SeasonReasonOut]]


class SeasonSignalPlacementIn(Schema):
    program_id: BodyId
    level: SignalLevel


class SeasonSignalsIn(BodySchema):
    signals: list[SeasonSignalPlacementIn] = Field(max_length=500)


def _reason(reason) -> dict[str, Any]:
    return {
        "code": reason.code,
        "message": reason.message,
        "fact": _fact(reason.fact) if reason.fact else None,
    }


def _signals(season: Season) -> list[dict[str, Any]]:
    rows = selectors.tracker_rows(season, list(selectors.tracked_queryset(season)))
    return [
        {
            "specialty": c.specialty,
            "service": str(c.service),
            "published": c.published,
            "last_season": c.allowance.text if c.allowance else None,
            "used": c.used,
            "warnings": [_reason(r) for r in c.warnings],
            "program_warnings": {
                pk: [_reason(r) for r in reasons] for pk, reasons in c.program_warnings.items()
            },
        }
        for c in selectors.signal_checks(season, rows)
    ]


@router.get("/signals", response={200: list[SeasonSignalSpecialtyOut], **ERRORS}, summary="Plan")
def signals_get(request: HttpRequest):
    return _signals(_season(request))


@router.put("/signals", response={200: list[SeasonSignalSpecialtyOut], **ERRORS}, summary="Place")
def signals_put(request: HttpRequest, payload: SeasonSignalsIn):
    season = _season(request)
    placements = {item.program_id: str(item.level) for item in payload.signals if item.level}
    services.signals_set(season, placements)
    return _signals(season)


class SeasonCostLineOut(Schema):
    label: str
    amount_usd: int | None
    fact: SeasonFactOut | None


class SeasonCostsOut(Schema):
    lines: list[SeasonCostLineOut]
    fees_usd: int
    travel_usd: int
    total_usd: int
    ineligible_fees_usd: int
    ineligible_share: float
    unknown_fees: int


@router.get("/costs", response={200: SeasonCostsOut, **ERRORS}, summary="Season costs")
def costs_get(request: HttpRequest):
    season = _season(request)
    report = selectors.season_cost_report(
        selectors.tracker_rows(season, list(selectors.tracked_queryset(season)))
    )
    return {
        "lines": [
            {
                "label": line.label,
                "amount_usd": line.amount_usd,
                "fact": _fact(line.fact) if line.fact else None,
            }
            for line in report.lines
        ],
        "fees_usd": report.fees_usd,
        "travel_usd": report.travel_usd,
        "total_usd": report.total_usd,
        "ineligible_fees_usd": report.ineligible_fees_usd,
        "ineligible_share": report.ineligible_share,
        "unknown_fees": report.unknown_fees,
    }
