"""Program directory pages: search, a program, compare, and my programs."""

from __future__ import annotations

import csv
import uuid
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from imgpath.accounts.models import Role
from imgpath.core.errors import ServiceError
from imgpath.core.fragments import content_version
from imgpath.core.http import HtmxHttpRequest
from imgpath.core.refusals import add_service_error
from imgpath.programs import selectors
from imgpath.programs.caching import PROGRAM_FRAGMENT_SECONDS, cached, directory_version
from imgpath.programs.charts import dot_map, dots_path, fill_chart, tile_map
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
from imgpath.programs.geo import STATE_NAMES
from imgpath.programs.models import (
    ACGME_SEARCH_URL,
    NRMP_DIRECTORY_URL,
    ProgramClaim,
    SavedProgram,
)
from imgpath.programs.outcome_selectors import outcome_section
from imgpath.programs.policy import SPECS
from imgpath.programs.profile_fill import profile_fill_query
from imgpath.programs.services import claims, reports, saved
from imgpath.programs.services.claims import is_representative
from imgpath.programs.services.curation import program_view_record
from imgpath.programs.shortlist_export import export_columns, shortlist_rows
from imgpath.programs.unknowns import unknown_help_for_page

MAX_COMPARE = 4


# Search -------------------------------------------------------------------------------------


@require_GET
def program_search(request: HtmxHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    facts = facts_for_user(request.user, today=today)
    specialties = cached("specialties", selectors.specialty_choices)
    form = SimpleLazyObject(lambda: ProgramSearchForm(request.GET or None, specialties=specialties))
    # Everything below is lazy: a page served from the fragment cache runs no search at all.
    bundle = SimpleLazyObject(
        lambda: {
            **_search_context(request, form, _run_search(request, form, facts, today), facts),
            "city_options": _city_options(),
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


RECORD_FILTERS = ("graduation_year", "yog", "my_attempts", "attempts", "my_step2ck", "step2ck")


def _search_context(request: HttpRequest, form, page, facts) -> dict[str, object]:
    context = {
        "form": form,
        "page": page,
        "facts": facts,
        "profile_query": profile_fill_query(facts, request.GET),
        "record_open": bool(facts) or any(request.GET.get(n) for n in (*RECORD_FILTERS, "usce")),
    }
    if page is not None:
        top = sorted(page.state_counts.items(), key=lambda item: (-item[1], item[0]))
        context["map"] = tile_map(page.state_counts)
        context["top_states"] = [(code, STATE_NAMES[code], n) for code, n in top[:6]]
    return context


def _city_options() -> str:
    """The <option>s of every program city for the "near" picker, built once and cached."""
    options = cached(
        "city-options",
        lambda: str(
            format_html_join(
                "", '<option value="{}">', ((label,) for label in selectors.city_labels())
            )
        ),
    )
    return mark_safe(options)  # noqa: S308 - built by format_html_join, which escapes each label


# One program --------------------------------------------------------------------------------


@require_GET
def program_detail(request: HttpRequest, acgme_id: str) -> HttpResponse:
    program = selectors.program_by_acgme_id(acgme_id)
    program_view_record(program=program, user=request.user)
    return render(request, "programs/detail.html", _detail_context(request, program))


def _detail_context(request: HttpRequest, program, **forms) -> dict[str, object]:
    fit = UserFit(request.user, today=timezone.localdate())
    page = selectors.program_page(program=program)
    user = request.user
    return {
        "program": program,
        "page": page,
        "fit": fit.of(program),
        "evidence_note": fit.note(program),
        "unknown_help": unknown_help_for_page(program, page, program.outcome_evidence),
        "outcomes": outcome_section(user, program, form=forms.get("outcome_form")),
        "facts": fit.facts,
        "map": tile_map(highlight=program.state),
        "dots": dot_map(_dots_path(), program.latitude, program.longitude),
        "chart": fill_chart(page.fill_years) if page.fill_years else None,
        "saved": user.is_authenticated
        and SavedProgram.objects.filter(user=user, program=program).exists(),
        "is_representative": is_representative(user=user, program=program),
        "my_claim": _my_claim(user, program),
        "acgme_search_url": ACGME_SEARCH_URL,
        "nrmp_directory_url": NRMP_DIRECTORY_URL,
        "report_form": forms.get("report_form") or CommunityReportForm(),
        "claim_form": forms.get("claim_form") or ClaimForm(),
    }


def _dots_path() -> str:
    """The dots of every program city, drawn once per set of cities and then cached."""
    return cached("dots", lambda: dots_path(selectors.city_points()))


def _my_claim(user, program) -> ProgramClaim | None:
    if not user.is_authenticated or user.role != Role.HOST:
        return None
    return ProgramClaim.objects.filter(program=program, host=user).order_by("-created_at").first()


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
    context = _detail_context(request, program, report_form=form)
    return render(request, "programs/detail.html", context, status=422)


@login_required
@require_POST
def program_claim_create(request: HttpRequest, acgme_id: str) -> HttpResponse:
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
    context = _detail_context(request, program, claim_form=form)
    return render(request, "programs/detail.html", context, status=422)


@login_required
def program_ledger_edit(request: HttpRequest, acgme_id: str) -> HttpResponse:
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
    fit = UserFit(request.user, today=timezone.localdate())
    columns = [
        {
            "program": program,
            "page": selectors.program_page(program=program),
            "fit": fit.of(program),
        }
        for program in selectors.programs_for_compare(ids[:MAX_COMPARE])
    ]
    context = {
        "columns": columns,
        "ledger_rows": _side_by_side(columns),
        "too_many": len(ids) > MAX_COMPARE,
        "max": MAX_COMPARE,
        "facts": fit.facts,
    }
    return render(request, "programs/compare.html", context)


def _side_by_side(columns: list[dict]) -> list[tuple]:
    """(field spec, that field's ledger row in each program), one pair per ledger field."""
    if not columns:
        return []
    return [
        (spec, [column["page"].ledger[index] for column in columns])
        for index, spec in enumerate(SPECS.values())
    ]


# My programs --------------------------------------------------------------------------------


@login_required
@require_GET
def my_programs(request: HttpRequest) -> HttpResponse:
    tag = request.GET.get("tag", "").strip().lower()[:30]
    everything = selectors.saved_programs_for(request.user)
    items = [item for item in everything if not tag or tag in item.tags]
    all_tags = sorted({t for item in everything for t in item.tags})
    fit = UserFit(request.user, today=timezone.localdate())
    fits = {i.pk: fit.of(i.program) for i in items} if fit.facts else {}
    context = {"items": items, "fits": fits, "tag": tag, "all_tags": all_tags, "max": MAX_COMPARE}
    return render(request, "programs/my_programs.html", context)


@login_required
@require_POST
def my_program_save(request: HtmxHttpRequest, acgme_id: str) -> HttpResponse:
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
def my_program_update(request: HttpRequest, acgme_id: str) -> HttpResponse:
    item = selectors.saved_program_for(request.user, acgme_id)
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
def my_program_remove(request: HtmxHttpRequest, acgme_id: str) -> HttpResponse:
    item = selectors.saved_program_for(request.user, acgme_id)
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
def my_programs_export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    today = timezone.localdate()
    stamp = today.strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="imgpath-my-programs-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(export_columns())
    items = selectors.saved_programs_for(request.user)
    facts = facts_for_user(request.user, today=today)
    for row in shortlist_rows(items, facts=facts, today=today):
        writer.writerow([_cell(value) for value in row])
    return response


def _cell(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; make them text."""
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value
