"""The staff review queue of proposed employer -> institution links (H-1B evidence)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.permissions import staff_required
from imgpath.programs.models import EmployerLink, LinkStatus
from imgpath.programs.services.evidence import employer_link_review

PER_PAGE = 50


@require_GET
@staff_required
def crosswalk_queue(request: HttpRequest) -> HttpResponse:
    pending = EmployerLink.objects.filter(status=LinkStatus.PENDING).select_related("institution")
    page = Paginator(pending.order_by("-confidence", "employer_name", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    counts = {
        status: EmployerLink.objects.filter(status=status).count() for status in LinkStatus.values
    }
    return render(
        request,
        "programs/crosswalk_queue.html",
        {"page": page, "counts": counts, "statuses": LinkStatus},
    )


@require_POST
@staff_required
def crosswalk_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    link = EmployerLink.objects.filter(pk=pk, status=LinkStatus.PENDING).first()
    decision = request.POST.get("decision")
    if link is None or decision not in ("confirm", "reject"):
        raise Http404("No such link waiting for review.")
    employer_link_review(link=link, staff=request.user, confirm=decision == "confirm")
    verb = "confirmed: its evidence now shows" if decision == "confirm" else "rejected"
    messages.success(request, f"{link.employer_name} \u2192 {link.institution.name} {verb}.")
    page = request.POST.get("page", "1")
    return redirect(f"{reverse('programs:crosswalk_queue')}?page={page if page.isdigit() else 1}")
