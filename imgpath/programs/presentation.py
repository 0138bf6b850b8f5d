"""What the program pages show to the person looking: search results, one program, a
comparison and their own saved list.

The views parse the request and render; this module puts together what the page shows from
the selectors' reads and the viewer's fit (`fit.UserFit`), so no view queries or judges itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.forms import Form
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from imgpath.engines.fit import ApplicantFacts
from imgpath.programs import list_selectors, selectors
from imgpath.programs.caching import cached
from imgpath.programs.charts import dot_map, dots_path, fill_chart, tile_map
from imgpath.programs.fit import UserFit
from imgpath.programs.forms import ClaimForm, CommunityReportForm
from imgpath.programs.geo import STATE_NAMES
from imgpath.programs.models import ACGME_SEARCH_URL, NRMP_DIRECTORY_URL, Program
from imgpath.programs.outcome_selectors import outcome_section
from imgpath.programs.policy import SPECS
from imgpath.programs.profile_fill import profile_fill_query
from imgpath.programs.services.claims import is_representative
from imgpath.programs.unknowns import unknown_help_for_page

MAX_COMPARE = 4
RECORD_FILTERS = ("graduation_year", "yog", "my_attempts", "attempts", "my_step2ck", "step2ck")


# Search -------------------------------------------------------------------------------------


def search_results(
    form: Form,
    page: selectors.SearchPage | None,
    facts: ApplicantFacts | None,
    query: Mapping[str, str],
) -> dict[str, Any]:
    """The results part of the search page; `page` is None when the filters were refused."""
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "facts": facts,
        "profile_query": profile_fill_query(facts, query),
        "record_open": bool(facts) or any(query.get(n) for n in (*RECORD_FILTERS, "usce")),
    }
    if page is not None:
        top = sorted(page.state_counts.items(), key=lambda item: (-item[1], item[0]))
        context["map"] = tile_map(page.state_counts)
        context["top_states"] = [(code, STATE_NAMES[code], n) for code, n in top[:6]]
    return context


def city_options() -> SafeString:
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


def detail_page(user: Any, program: Program, **forms: Form) -> dict[str, Any]:
    """A program's page for this viewer; `forms` carries any form sent back with its errors
    (report_form, claim_form, outcome_form)."""
    fit = UserFit(user, today=timezone.localdate())
    page = selectors.program_page(program=program)
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
        "saved": list_selectors.is_saved_by(user, program),
        "is_representative": is_representative(user=user, program=program),
        "my_claim": list_selectors.latest_claim_of(user, program),
        "acgme_search_url": ACGME_SEARCH_URL,
        "nrmp_directory_url": NRMP_DIRECTORY_URL,
        "report_form": forms.get("report_form") or CommunityReportForm(),
        "claim_form": forms.get("claim_form") or ClaimForm(),
    }


def _dots_path() -> str:
    """The dots of every program city, drawn once per set of cities and then cached."""
    return cached("dots", lambda: dots_path(selectors.city_points()))


# Compare ------------------------------------------------------------------------------------


def compare_page(user: Any, acgme_ids: list[str]) -> dict[str, Any]:
    """Up to MAX_COMPARE programs side by side, each with the viewer's fit."""
    fit = UserFit(user, today=timezone.localdate())
    columns = [
        {
            "program": program,
            "page": selectors.program_page(program=program),
            "fit": fit.of(program),
        }
        for program in selectors.programs_for_compare(acgme_ids[:MAX_COMPARE])
    ]
    return {
        "columns": columns,
        "ledger_rows": _side_by_side(columns),
        "too_many": len(acgme_ids) > MAX_COMPARE,
        "max": MAX_COMPARE,
        "facts": fit.facts,
    }


def _side_by_side(columns: list[dict[str, Any]]) -> list[tuple[Any, list[Any]]]:
    """(field spec, that field's ledger row in each program), one pair per ledger field."""
    if not columns:
        return []
    return [
        (spec, [column["page"].ledger[index] for column in columns])
        for index, spec in enumerate(SPECS.values())
    ]


# My programs --------------------------------------------------------------------------------


def my_programs_page(user: Any, *, tag: str) -> dict[str, Any]:
    """The person's own saved programs, only those tagged `tag` when given, with their fit."""
    items = list_selectors.saved_programs_for(user, tag=tag)
    fit = UserFit(user, today=timezone.localdate())
    return {
        "items": items,
        "fits": {item.pk: fit.of(item.program) for item in items} if fit.facts else {},
        "tag": tag,
        "all_tags": list_selectors.saved_program_tags(user),
        "max": MAX_COMPARE,
    }
