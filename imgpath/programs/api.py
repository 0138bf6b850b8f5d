"""The program directory API: the same selectors and services as the pages."""

from __future__ import annotations

import json
from typing import Annotated, Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Path, Query, Router, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.responses import NinjaJSONEncoder

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.api import PUBLIC
from imgpath.core.fragments import content_version
from imgpath.programs import filters as f
from imgpath.programs import list_selectors, selectors
from imgpath.programs.caching import PROGRAM_FRAGMENT_SECONDS, directory_version
from imgpath.programs.coverage import directory_coverage
from imgpath.programs.fit import UserFit, facts_for_user
from imgpath.programs.outcome_selectors import outcome_report_for, outcome_reports_for
from imgpath.programs.schemas import (
    ERRORS,
    EntryOut,
    OutcomeReportIn,
    OutcomeReportOut,
    ProgramCoverageOut,
    ProgramDetailOut,
    ProgramOutcomesOut,
    ProgramPageOut,
    ProgramQuery,
    ReportOut,
    SavedIn,
    SavedOut,
    SavedPatch,
    StatementIn,
    coverage_out,
    entry_out,
    outcome_report_out,
    program_detail_out,
    program_out,
    report_out,
    saved_out,
)
from imgpath.programs.services import claims, outcomes, reports, saved

ROUTER_PREFIX = ""
router = Router(tags=["programs"])


AcgmeId = Annotated[str, Path(pattern=r"^\d{10}$", description="10-digit ACGME program number")]


# Search -------------------------------------------------------------------------------------


def _cross_field_problems(filters: f.SearchFilters) -> None:
    problems = f.filter_problems(filters)
    if problems:
        raise NinjaValidationError([{"loc": ("query", name), "msg": msg} for name, msg in problems])


@router.get(
    "/programs",
    response={200: ProgramPageOut, **ERRORS},
    auth=PUBLIC,
    summary="Search residency programs",
    description="The same filters as the search page. `unknown` is a value of its own in every "
    "policy filter. The `my_*` values are compared with each program's limits.",
)
def program_list(request: HttpRequest, query: Query[ProgramQuery]) -> dict[str, Any] | HttpResponse:
    if request.user.is_authenticated:  # fit and saved marks are personal: never shared
        return _program_list(request, query)
    # Anonymous callers all get the same answer for the same URL: cached per data version.
    key = f"api:programs:{directory_version()}:{content_version('programs')}:{timezone.localdate()}"
    key += f":{request.get_full_path()}"
    body = cache.get(key)
    if body is None:
        # Validated and encoded as django-ninja would, once; later callers get the bytes.
        document = ProgramPageOut.from_orm(_program_list(request, query)).model_dump()
        body = json.dumps(document, cls=NinjaJSONEncoder).encode()
        cache.set(key, body, PROGRAM_FRAGMENT_SECONDS)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _program_list(request: HttpRequest, query: ProgramQuery) -> dict[str, Any]:
    filters = query.to_filters()
    _cross_field_problems(filters)
    today = timezone.localdate()
    page = selectors.program_search(
        filters=filters,
        facts=facts_for_user(request.user, today=today),
        today=today,
        saved_by=request.user,
    )
    rows = [
        program_out(
            r.program, distance=r.distance_miles, fit=r.fit, is_saved=r.saved, note=r.evidence_note
        )
        for r in page.rows
    ]
    return {
        "count": page.count,
        "page": page.page,
        "per_page": page.per_page,
        "pages": page.pages,
        "next": _page_link(request, page.page + 1) if page.has_next else None,
        "previous": _page_link(request, page.page - 1) if page.has_previous else None,
        "results": rows,
    }


def _page_link(request: HttpRequest, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    return f"{request.path}?{params.urlencode()}"


@router.get(
    "/program-coverage",
    response={200: ProgramCoverageOut, **ERRORS},
    auth=PUBLIC,
    summary="How many programs have a sourced value, per question and per specialty",
)
def program_coverage(request: HttpRequest) -> dict[str, Any]:
    return coverage_out(directory_coverage())


# One program --------------------------------------------------------------------------------


@router.get(
    "/programs/{acgme_id}",
    response={200: ProgramDetailOut, **ERRORS},
    auth=PUBLIC,
    summary="One program with its ledger, provenance, NRMP codes and fill history",
)
def program_detail(request: HttpRequest, acgme_id: AcgmeId) -> dict[str, Any]:
    program = selectors.program_by_acgme_id(acgme_id)
    page = selectors.program_page(program=program)
    fit = UserFit(request.user, today=timezone.localdate())
    return program_detail_out(program, page, fit.of(program), fit.note(program))


@router.get(
    "/programs/{acgme_id}/ledger",
    response={200: list[EntryOut], **ERRORS},
    auth=PUBLIC,
    summary="Every ledger statement about a program, current and superseded, with its source",
)
def program_ledger(request: HttpRequest, acgme_id: AcgmeId) -> list[dict[str, Any]]:
    program = selectors.program_by_acgme_id(acgme_id)
    return [entry_out(entry) for entry in selectors.ledger_history(program)]


@router.post(
    "/programs/{acgme_id}/ledger",
    response={201: EntryOut, **ERRORS},
    summary="A verified program representative states a value (dated today)",
)
def program_ledger_update(
    request: AuthenticatedHttpRequest, acgme_id: AcgmeId, payload: StatementIn
):
    program = selectors.program_by_acgme_id(acgme_id)
    entry = claims.ledger_entry_create_by_representative(
        program=program,
        user=request.user,
        field=payload.field.value,
        raw_value=payload.value,
        source_url=payload.source_url,
        note=payload.note,
    )
    return Status(201, entry_out(entry))


@router.post(
    "/programs/{acgme_id}/reports",
    response={201: ReportOut, **ERRORS},
    summary="Report what you know about a program's policy (shown apart until staff review it)",
)
def program_report_create(request: HttpRequest, acgme_id: AcgmeId, payload: StatementIn):
    program = selectors.program_by_acgme_id(acgme_id)
    report = reports.community_report_create(
        program=program,
        author=request.user,
        field=payload.field.value,
        raw_value=payload.value,
        source_url=payload.source_url,
        note=payload.note,
    )
    return Status(201, report_out(report))


# My programs --------------------------------------------------------------------------------


@router.get("/my-programs", response={200: list[SavedOut], **ERRORS}, summary="My saved programs")
def my_programs(
    request: AuthenticatedHttpRequest, tag: str = Query("", max_length=30)
) -> list[dict[str, Any]]:
    return [
        saved_out(s)
        for s in list_selectors.saved_programs_for(request.user, tag=tag.strip().lower())
    ]


@router.post("/my-programs", response={201: SavedOut, **ERRORS}, summary="Save a program")
def my_program_add(request: AuthenticatedHttpRequest, payload: SavedIn):
    program = selectors.program_by_acgme_id(payload.acgme_id)
    saved.saved_program_add(
        user=request.user, program=program, note=payload.note, tags=payload.tags
    )
    return Status(201, saved_out(list_selectors.saved_program_for(request.user, payload.acgme_id)))


@router.patch(
    "/my-programs/{acgme_id}", response={200: SavedOut, **ERRORS}, summary="Change my note or tags"
)
def my_program_update(request: AuthenticatedHttpRequest, acgme_id: AcgmeId, payload: SavedPatch):
    item = list_selectors.saved_program_for(request.user, acgme_id)
    saved.saved_program_update(saved=item, note=payload.note, tags=payload.tags)
    return saved_out(item)


@router.delete(
    "/my-programs/{acgme_id}", response={204: None, **ERRORS}, summary="Remove a saved program"
)
def my_program_remove(request: AuthenticatedHttpRequest, acgme_id: AcgmeId) -> Status:
    saved.saved_program_remove(saved=list_selectors.saved_program_for(request.user, acgme_id))
    return Status(204, None)


# Outcome reports ------------------------------------------------------------------------------


@router.get(
    "/programs/{acgme_id}/outcomes",
    response={200: ProgramOutcomesOut, **ERRORS},
    auth=PUBLIC,
    summary="IMGs' reported interviews and matches at a program, in groups of 3 or more",
)
def program_outcomes(request: HttpRequest, acgme_id: AcgmeId) -> dict[str, Any]:
    program = selectors.program_by_acgme_id(acgme_id)
    keys = ("season", "outcome", "applicant_kind", "visa", "count", "summary", "step2ck_bands")
    return {
        "acgme_id": program.acgme_id,
        "min_group": outcomes.MIN_GROUP,
        "groups": [{k: g[k] for k in keys} for g in program.outcome_evidence],
        "limits": outcomes.OUTCOME_LIMITS,
    }


@router.post(
    "/programs/{acgme_id}/outcome-reports",
    response={201: OutcomeReportOut, **ERRORS},
    summary="Report privately that you interviewed or matched at a program (applicants)",
    description="One report per program and Match season per person (409 for a second); "
    "it is never shown alone, only counted in groups of at least three.",
)
def outcome_report_add(request: HttpRequest, acgme_id: AcgmeId, payload: OutcomeReportIn):
    program = selectors.program_by_acgme_id(acgme_id)
    report = outcomes.outcome_report_create(
        program=program,
        author=request.user,
        season=payload.season,
        outcome=payload.outcome.value,
        applicant_kind=payload.applicant_kind.value,
        visa=payload.visa.value,
        graduation_band=payload.graduation_band.value if payload.graduation_band else "",
        step2ck_band=payload.step2ck_band.value if payload.step2ck_band else "",
    )
    return Status(201, outcome_report_out(report))


@router.get(
    "/my-outcome-reports",
    response={200: list[OutcomeReportOut], **ERRORS},
    summary="My own outcome reports",
)
def my_outcome_reports(request: HttpRequest) -> list[dict[str, Any]]:
    return [outcome_report_out(r) for r in outcome_reports_for(request.user)]


@router.delete(
    "/my-outcome-reports/{report_id}",
    response={204: None, **ERRORS},
    summary="Delete one of my outcome reports",
)
def my_outcome_report_delete(request: HttpRequest, report_id: int) -> Status:
    outcomes.outcome_report_delete(report=outcome_report_for(request.user, report_id))
    return Status(204, None)
