from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.changes.selectors import changed_since_last_visit
from imgpath.core.errors import ServiceError
from imgpath.core.permissions import require_applicant, staff_required
from imgpath.profiles.selectors import profile_data_for
from imgpath.roadmap import services
from imgpath.roadmap.forms import FactReviewForm
from imgpath.roadmap.ical import app_calendar_events, roadmap_calendar
from imgpath.roadmap.models import CalendarFeed
from imgpath.roadmap.pdf import roadmap_pdf
from imgpath.roadmap.presentation import calendar_strip, next_step, warning_groups
from imgpath.roadmap.selectors import facts_oldest_first, roadmap_for_user


@never_cache
@login_required
def roadmap(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_applicant(request)
    today = timezone.localdate()
    data = roadmap_for_user(request.user, today=today)
    context = {
        "roadmap": data,
        "changed_steps": changed_since_last_visit(request.user, data, now=timezone.now()),
        "warnings": warning_groups(data),
        "next_step": next_step(data),
        "months": calendar_strip(data, today=today),
        "profile_empty": not profile_data_for(request.user),
    }
    return render(request, "roadmap/roadmap.html", context)


@never_cache
@login_required
def roadmap_download_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_applicant(request)
    data = roadmap_for_user(request.user, today=timezone.localdate())
    response = HttpResponse(
        roadmap_pdf(data, person=request.user.name), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="imgpath-roadmap-{data["today"]}.pdf"'
    return response


@never_cache
@login_required
def calendar_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_applicant(request)
    feed = services.calendar_feed_for(user=request.user)
    feed_url = request.build_absolute_uri(reverse("roadmap_calendar_feed", args=[feed.token]))
    return render(request, "roadmap/calendar.html", {"feed_url": feed_url})


@login_required
@require_POST
def calendar_rotate(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_applicant(request)
    services.calendar_feed_rotate(user=request.user)
    messages.success(request, "New calendar link created. The old link no longer works.")
    return redirect("roadmap_calendar")


@never_cache
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Calendar apps fetch this without a session; the secret token is the credential."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token=token, user__is_active=True
    )
    data = roadmap_for_user(feed.user, today=timezone.localdate())
    body = roadmap_calendar(
        data,
        site_url=settings.SITE_URL,
        generated_at=timezone.now(),
        extra=app_calendar_events(feed.user),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="imgpath-roadmap.ics"'
    return response


@never_cache
@staff_required
def rules_review(request: HttpRequest) -> HttpResponse:
    facts = facts_oldest_first()
    context = {
        "facts": facts,
        "form": FactReviewForm(),
        "unverified_count": sum(not f.row.verified for f in facts),
    }
    return render(request, "roadmap/rules_review.html", context)


@staff_required
@require_POST
def fact_mark_rechecked(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = FactReviewForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(" ".join(map(str, e)) for e in form.errors.values())
        messages.error(request, f"Nothing recorded: {errors}")
        return redirect("rules_review")
    try:
        review = services.fact_review_record(reviewer=request.user, **form.cleaned_data)
    except ServiceError as exc:
        messages.error(request, f"Nothing recorded: {exc.message}")
    else:
        messages.success(
            request, f"Recorded: {review.fact_id} re-checked on {review.checked_on:%d %b %Y}."
        )
    return redirect(f"{reverse('rules_review')}#fact-{form.cleaned_data['fact_id']}")
