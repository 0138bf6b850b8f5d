"""Finding clinical experience: search and the offering page (public)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from imgpath.core.fragments import FRAGMENT_SECONDS, content_version
from imgpath.core.http import HtmxHttpRequest
from imgpath.profiles.selectors import profile_for
from imgpath.rotations import eligibility, selectors
from imgpath.rotations.choices import ACTIVE_APPLICATION_STATUSES
from imgpath.rotations.forms import SearchForm
from imgpath.rotations.models import Application
from imgpath.rotations.selectors import SearchFilters
from imgpath.rotations.services.common import today

PAGE_SIZE = 10
AMA_GUIDANCE_URL = (
    "https://www.ama-assn.org/member-groups-sections/international-medical-graduates/"
    "establish-observership-international-medical"
)


def rotation_search(request: HtmxHttpRequest) -> HttpResponse:
    """Public search. The form and results are the same for every visitor, so they are cached
    per content version; everything below is lazy and runs only when the cache misses."""
    form = SimpleLazyObject(lambda: SearchForm(request.GET or None))

    def results_page():
        filters = SearchFilters(**form.filters())
        results = selectors.offering_search(filters=filters, today=today())
        return Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))

    context = {
        "form": form,
        "page": SimpleLazyObject(results_page),
        "filtered": SimpleLazyObject(lambda: bool(form.filters())),
        "fragment_key": f"{content_version('rotations')}:{today()}",
        "fragment_seconds": FRAGMENT_SECONDS,
    }
    template = "rotations/search.html#results" if request.htmx else "rotations/search.html"
    return render(request, template, context)


def offering_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    offering = selectors.offering_visible_to(request.user, pk)
    if offering is None:
        raise Http404
    context = {
        "offering": offering,
        "sessions": selectors.offering_sessions(offering, today=today()),
        "reviews": selectors.offering_reviews(offering),
        "my_applications": _my_applications(request, offering),
        "can_apply": offering.is_public,
        "checks": _eligibility_preview(request, offering),
        "ama_url": AMA_GUIDANCE_URL,
        "is_owner": offering.host.owner_id == request.user.pk,
    }
    return render(request, "rotations/offering_detail.html", context)


def _my_applications(request: HtmxHttpRequest, offering) -> dict[int, Application]:
    """The viewer's open application per session of this offering."""
    if not request.user.is_authenticated:
        return {}
    applications = Application.objects.filter(
        applicant=request.user,
        session__offering=offering,
        status__in=ACTIVE_APPLICATION_STATUSES,
    )
    return {a.session_id: a for a in applications}


def _eligibility_preview(request: HttpRequest, offering) -> list[eligibility.Check]:
    if not request.user.is_authenticated or not request.user.is_applicant:
        return []
    return eligibility.assess(
        audience=offering.audience,
        requires_step1=offering.requires_step1,
        profile=profile_for(request.user),
    )
