"""Program directory pages: search, a program, compare, and my programs."""

from __future__ import annotations

import csv
import uuid
from functools import partial
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.errors import ServiceError
from imgpath.core.fragments import content_version
from imgpath.core.http import HtmxHttpRequest
from imgpath.core.refusals import add_service_error
from imgpath.programs import list_selectors, selectors
from imgpath.programs.caching import PROGRAM_FRAGMENT_SECONDS, cached, directory_version
from imgpath.programs.coverage import search_filter_counts
from imgpath.programs.filters import SearchFilters
from imgpath.programs.fit import UserFit, facts_for_user
from imgpath.programs.forms import (
    ClaimForm,
    CommunityReportForm,
    ProgramSearchForm,
    RepresentativeLedgerForm,
    SavedProgramForm,
)
from imgpath.programs.presentation import (
    city_options,
    compare_page,
    detail_page,
    my_programs_page,
    search_results,
)
from imgpath.programs.services import claims, reports, saved
from imgpath.programs.services.claims import is_representative
from imgpath.programs.services.curation import program_view_record
from imgpath.programs.shortlist_export import export_columns, shortlist_rows

# Search -------------------------------------------------------------------------------------


@require_GET
def program_search(request: HtmxHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    facts = facts_for_user(request.user, today=today)
    specialties = cached("specialties", selectors.specialty_choices)
    # A lazy stand-in for the form: it proxies every attribute, so it is typed as the form.
    form = cast(
        ProgramSearchForm,
        SimpleLazyObject(lambda: ProgramSearchForm(request.GET or None, specialties=specialties)),
    )
    # Everything below is lazy: a page served from the fragment cache runs no search at all.
    bundle = SimpleLazyObject(
        lambda: {
            **search_results(form, _run_search(request, form, facts, today), facts, request.GET),
            "city_options": city_options(),
            "h1b_evidence_count": search_filter_counts()["h1b_evidence"],
        }
    )
    context: dict[str, object] = {
        "form": form,
        **{key: SimpleLazyObject(partial(_lookup, bundle, key)) for key in SEARCH_KEYS},
        "search_failed": SimpleLazyObject(lambda: bundle["page"] is None),
        "filter_counts": SimpleLazyObject(search_filter_counts),
        **_fragment_cache(request, today),
    }
    if request.htmx and request.htmx.target == "results":
        return render(request, "programs/search.html#results", context)
    return render(request, "programs/search.html", context)


def _lookup(bundle, key: str):
    # Map and top states exist only for a valid search; loops need an empty sequence.
    return bundle.get(key, () if key == "top_states" else None)


SEARCH_KEYS = (
    "page", "facts", "profile_query", "record_open", "map", "top_states",
    "city_options", "h1b_evidence_count",
)  # fmt: skip


def _fragment_cache(request: HttpRequest, today) -> dict[str, object]:
    """Anonymous visitors all see the same search for the same URL, so its form and results
    are cached per version of the directory and ledger; a signed-in person's search (fit,
    saved marks) is never cached or shared."""
    if request.user.is_authenticated:
        return {"fragment_key": uuid.uuid4().hex, "fragment_seconds": 0}
    version = f"{directory_version()}:{content_version('programs')}:{today}"
    return {"fragment_key": version, "fragment_seconds": PROGRAM_FRAGMENT_SECONDS}


def _run_search(request: HttpRequest, form, facts, today) -> selectors.SearchPage | None:
    """The results, or None when the filters are invalid (the form then says why)."""
    if form.is_bound and not form.is_valid():
        return None
    filters = form.filters if form.is_bound else SearchFilters()
    try:
        return selectors.program_search(
            filters=filters, facts=facts, today=today, saved_by=request.user
        )
    except ServiceError as exc:
        add_service_error(form, exc)
        return None


# One program --------------------------------------------------------------------------------


@require_GET
def program_detail(request: HttpRequest, acgme_id: str) -> HttpResponse:
    program = selectors.program_by_acgme_id(acgme_id)
    program_view_record(program=program, user=request.user)
    return render(request, "programs/detail.html", detail_page(request.user, program))


@login_required
@require_POST
def program_report_create(request: HttpRequest, acgme_id: str) -> HttpResponse:
    program = selectors.program_by_acgme_id(acgme_id)
    form = CommunityReportForm(request.POST)
    if form.is_valid():
        try:
            reports.community_report_create(
                program=program,
                author=request.user,
                field=form.cleaned_data["field"],
                raw_value=form.cleaned_data["value"],
                source_url=form.cleaned_data["source_url"],
                note=form.cleaned_data["note"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                "Thank you. Your report is shown as a community report until staff review it.",
            )
            return redirect("programs:detail", acgme_id=acgme_id)
    context = detail_page(request.user, program, report_form=form)
    return render(request, "programs/detail.html", context, status=422)


@login_required
@require_POST
def program_claim_create(request: AuthenticatedHttpRequest, acgme_id: str) -> HttpResponse:
    program = selectors.program_by_acgme_id(acgme_id)
    form = ClaimForm(request.POST)
    if form.is_valid():
        try:
            claims.program_claim_request(program=program, host=request.user, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, "Request sent. Staff will verify you and let you edit this program."
            )
            return redirect("programs:detail", acgme_id=acgme_id)
    context = detail_page(request.user, program, claim_form=form)
    return render(request, "programs/detail.html", context, status=422)


@login_required
def program_ledger_edit(request: AuthenticatedHttpRequest, acgme_id: str) -> HttpResponse:
    program = selectors.program_by_acgme_id(acgme_id)
    if not is_representative(user=request.user, program=program):
        raise PermissionDenied("Only the program's verified representatives can edit its ledger.")
    form = RepresentativeLedgerForm(
        request.POST or None, initial={"field": request.GET.get("field")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            claims.ledger_entry_create_by_representative(
                program=program,
                user=request.user,
                field=form.cleaned_data["field"],
                raw_value=form.cleaned_data["value"],
                source_url=form.cleaned_data["source_url"],
                note=form.cleaned_data["note"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, "Saved. The page now shows it as verified by the program today."
            )
            return redirect("programs:detail", acgme_id=acgme_id)
    status = 422 if request.method == "POST" else 200
    context = {"program": program, "form": form, "page": selectors.program_page(program=program)}
    return render(request, "programs/ledger_edit.html", context, status=status)


# Compare ------------------------------------------------------------------------------------


@require_GET
def program_compare(request: HttpRequest) -> HttpResponse:
    ids = list(dict.fromkeys(i for i in request.GET.getlist("p") if i.isdigit() and len(i) == 10))
    return render(request, "programs/compare.html", compare_page(request.user, ids))


# My programs --------------------------------------------------------------------------------


@login_required
@require_GET
def my_programs(request: HttpRequest) -> HttpResponse:
    tag = request.GET.get("tag", "").strip().lower()[:30]
    context = my_programs_page(request.user, tag=tag)
    return render(request, "programs/my_programs.html", context)


@login_required
@require_POST
def my_program_save(request: AuthenticatedHttpRequest, acgme_id: str) -> HttpResponse:
    program = selectors.program_by_acgme_id(acgme_id)
    try:
        saved.saved_program_add(user=request.user, program=program)
    except ServiceError as exc:
        messages.error(request, exc.message)
        is_saved = False
    else:
        is_saved = True
    if request.htmx:
        context = {"program": program, "saved": is_saved}
        return render(request, "programs/search.html#save_button", context)
    if is_saved:
        messages.success(request, f"Saved {program.name} to your programs.")
    return _back(request, "programs:detail", acgme_id=acgme_id)


@login_required
@require_POST
def my_program_update(request: AuthenticatedHttpRequest, acgme_id: str) -> HttpResponse:
    item = list_selectors.saved_program_for(request.user, acgme_id)
    form = SavedProgramForm(request.POST)
    if form.is_valid():
        try:
            saved.saved_program_update(
                saved=item, note=form.cleaned_data["note"], tags=form.cleaned_data["tags"]
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Saved your note on {item.program.name}.")
    else:
        messages.error(request, "Notes are limited to 2000 characters.")
    return redirect("programs:my_programs")


@login_required
@require_POST
def my_program_remove(request: AuthenticatedHttpRequest, acgme_id: str) -> HttpResponse:
    item = list_selectors.saved_program_for(request.user, acgme_id)
    saved.saved_program_remove(saved=item)
    if request.htmx and request.POST.get("from") == "search":
        return render(
            request, "programs/search.html#save_button", {"program": item.program, "saved": False}
        )
    messages.success(request, f"Removed {item.program.name} from your programs.")
    return _back(request, "programs:my_programs")


def _back(request: HttpRequest, fallback: str, **kwargs) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback, **kwargs)


@login_required
@require_GET
def my_programs_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    today = timezone.localdate()
    stamp = today.strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="imgpath-my-programs-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(export_columns())
    items = list_selectors.saved_programs_for(request.user)
    for row in shortlist_rows(items, fit=UserFit(request.user, today=today)):
        writer.writerow([_cell(value) for value in row])
    return response


def _cell(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; make them text."""
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value
