"""Outcome reports from the program page: send one, withdraw one of mine."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from imgpath.core.errors import ServiceError
from imgpath.core.refusals import add_service_error
from imgpath.programs import selectors
from imgpath.programs.forms_outcomes import OutcomeReportForm
from imgpath.programs.outcome_selectors import outcome_report_for
from imgpath.programs.presentation import detail_page
from imgpath.programs.services.outcomes import outcome_report_create, outcome_report_delete


@login_required
@require_POST
def outcome_report_create_view(request: HttpRequest, acgme_id: str) -> HttpResponse:
    program = selectors.program_by_acgme_id(acgme_id)
    form = OutcomeReportForm(request.POST)
    if form.is_valid():
        try:
            outcome_report_create(program=program, author=request.user, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                "Thank you. Your report stays private; it counts once at least three "
                "reports say the same.",
            )
            return redirect(f"{program_url_detail(acgme_id)}#outcomes")
    context = detail_page(request.user, program, outcome_form=form)
    return render(request, "programs/detail.html", context, status=422)


@login_required
@require_POST
def outcome_report_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = outcome_report_for(request.user, pk)
    acgme_id = report.program.acgme_id
    outcome_report_delete(report=report)
    messages.success(request, "Your outcome report is deleted.")
    return redirect(f"{program_url_detail(acgme_id)}#outcomes")


def program_url_detail(acgme_id: str) -> str:
    from imgpath.programs.links import program_url

    return program_url(acgme_id)
