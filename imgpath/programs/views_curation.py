"""The staff curation workbench: a queue, a one-step value form, second-person checks."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.errors import ServiceError
from imgpath.core.permissions import staff_required
from imgpath.core.refusals import add_service_error
from imgpath.programs import selectors
from imgpath.programs.caching import cached
from imgpath.programs.coverage import SPECIALTY_FIELDS, directory_coverage
from imgpath.programs.curation_selectors import awaiting_checks, curation_history, curation_queue
from imgpath.programs.forms_curation import CurationValueForm
from imgpath.programs.models import CurationValue
from imgpath.programs.policy import SPECS
from imgpath.programs.services.curation import curation_value_check, curation_value_record

PER_PAGE = 50


@require_GET
@staff_required
def curation_workbench(request: HttpRequest) -> HttpResponse:
    specialty = request.GET.get("specialty", "")
    specialty = specialty if specialty.isdigit() and len(specialty) == 3 else ""
    page = Paginator(curation_queue(specialty=specialty), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "specialty": specialty,
        "specialties": cached("specialties", selectors.specialty_choices),
        "coverage": directory_coverage(),
        "specialty_fields": [SPECS[key] for key in SPECIALTY_FIELDS],
        "awaiting": awaiting_checks().count(),
    }
    return render(request, "programs/curation_workbench.html", context)


@staff_required
def curation_program(request: AuthenticatedHttpRequest, acgme_id: str) -> HttpResponse:
    program = selectors.program_by_acgme_id(acgme_id)
    form = CurationValueForm(request.POST or None, initial={"field": request.GET.get("field")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = curation_value_record(
                program=program,
                staff=request.user,
                field=data["field"],
                raw_value=data["value"],
                source_url=data["source_url"],
                read_on=data["read_on"],
                verified=data["verified"],
                note=data["note"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            verb = "waits for a second check" if item.verified else "is in the ledger"
            messages.success(request, f"{SPECS[item.field].label}: {item.display_value} {verb}.")
            return redirect("programs:curation_program", acgme_id=acgme_id)
    context = {
        "program": program,
        "form": form,
        "page": selectors.program_page(program=program),
        "history": curation_history(program),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "programs/curation_program.html", context, status=status)


@require_GET
@staff_required
def curation_checks(request: HttpRequest) -> HttpResponse:
    return render(request, "programs/curation_checks.html", {"items": awaiting_checks()[:200]})


@require_POST
@staff_required
def curation_check_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = CurationValue.objects.filter(pk=pk).select_related("program").first()
    decision = request.POST.get("decision")
    if item is None or decision not in ("confirm", "reject"):
        raise Http404("No such value waiting for a check.")
    try:
        curation_value_check(item=item, staff=request.user, confirm=decision == "confirm")
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{item.program.name}: {item.get_status_display().lower()}.")
    return redirect(reverse("programs:curation_checks"))
