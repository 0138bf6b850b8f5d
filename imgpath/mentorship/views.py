"""Mentorship pages: find a mentor, ask, answer, and office hours. Thin: services decide."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.errors import ServiceError
from imgpath.core.permissions import require_applicant
from imgpath.core.refusals import add_service_error
from imgpath.mentorship import selectors, services
from imgpath.mentorship.forms import (
    AnswerForm,
    MenteeSettingsForm,
    MentorFilterForm,
    MentorProfileForm,
    OfficeHourForm,
    RequestForm,
)
from imgpath.mentorship.ical import calendar_of
from imgpath.mentorship.models import CalendarFeed
from imgpath.mentorship.presentation import profile_facts


def mentors(request: HttpRequest) -> HttpResponse:
    """Everyone can browse approved mentors; a signed-in applicant sees suggestions first."""
    form = MentorFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.MentorFilters(
        **{k: data.get(k) or "" for k in ("specialty", "country", "language", "topic")}
    )
    visible = selectors.visible_mentors(request.user)
    suggestions = [] if filters.any else selectors.suggestions_for(request.user, visible)[:6]
    reasons = selectors.reasons_by_mentor(request.user, visible)
    listed = selectors.filter_mentors(visible, filters)
    context = {
        "form": form,
        "suggestions": [{"profile": p, "reasons": s.reasons} for p, s in suggestions],
        "mentors": [
            {"profile": p, "reasons": reasons.get(p.pk, ()), "facts": profile_facts(p)}
            for p in listed
        ],
        "filtered": filters.any,
    }
    return render(request, "mentorship/mentors.html", context)


def mentor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = selectors.public_mentor(pk)
    if profile.user_id in selectors.blocked_user_ids(request.user):
        raise Http404
    reasons = selectors.reasons_by_mentor(request.user, [profile]).get(profile.pk, ())
    form = RequestForm()
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        require_applicant(request)
        form = RequestForm(request.POST)
        if form.is_valid():
            try:
                services.mentorship_request(
                    mentee=request.user, profile=profile, goal=form.cleaned_data["goal"]
                )
            except ServiceError as exc:
                form.add_error("goal", exc.message)
            else:
                flash.success(request, f"Request sent to {profile.user.name}.")
                return redirect("mentorship:home")
    context = {
        "profile": profile,
        "facts": profile_facts(profile),
        "reasons": reasons,
        "form": form,
        "has_room": selectors.has_room(profile),
        "program": selectors.training_program(profile),
    }
    return render(
        request, "mentorship/mentor_detail.html", context, status=422 if form.errors else 200
    )


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not (request.user.is_applicant or request.user.is_mentor):
        raise Http404
    context = {
        **selectors.dashboard_of(request.user),
        "answer_form": AnswerForm(),
        "profile": getattr(request.user, "mentor_profile", None)
        if request.user.is_mentor
        else None,
    }
    return render(request, "mentorship/home.html", context)


def _decide(request: AuthenticatedHttpRequest, pk: int, action) -> HttpResponse:
    mentorship = selectors.mentorship_for_participant(request.user, pk)
    form = AnswerForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        action(mentorship, message)
    except ServiceError as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, "Done.")
    return redirect("mentorship:home")


@login_required
@require_POST
def accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        lambda m, msg: services.mentorship_accept(mentorship=m, by=request.user, message=msg),
    )


@login_required
@require_POST
def decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        lambda m, msg: services.mentorship_decline(mentorship=m, by=request.user, message=msg),
    )


@login_required
@require_POST
def end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request, pk, lambda m, _msg: services.mentorship_end(mentorship=m, by=request.user)
    )


@login_required
def edit_profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = services.mentor_profile_for(request.user)
    form = MentorProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        flash.success(request, "Mentor profile saved.")
        return redirect("mentorship:home")
    status = 422 if form.errors else 200
    context = {"form": form, "profile": profile}
    return render(request, "mentorship/edit_profile.html", context, status=status)


@login_required
def mentee_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_applicant(request)
    prefs = services.mentee_settings_for(request.user)
    form = MenteeSettingsForm(
        request.POST or None, initial={"languages": prefs.languages, "time_zone": prefs.time_zone}
    )
    if request.method == "POST" and form.is_valid():
        services.mentee_settings_update(user=request.user, **form.cleaned_data)
        flash.success(request, "Saved.")
        return redirect("mentorship:mentors")
    return render(
        request, "mentorship/settings.html", {"form": form}, status=422 if form.errors else 200
    )


# Office hours -------------------------------------------------------------------------


@login_required
def office_hours(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not (user.is_applicant or user.is_mentor):
        raise Http404
    zone = selectors.viewer_time_zone(user)
    form = OfficeHourForm()
    if request.method == "POST" and user.is_mentor:
        form = OfficeHourForm(request.POST)
        if form.is_valid():
            start = form.localised_start(zone)
            try:
                services.office_hour_create(
                    mentor=user,
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                    starts_at=start,
                    ends_at=start + timedelta(minutes=form.cleaned_data["duration_minutes"]),
                    capacity=form.cleaned_data["capacity"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                flash.success(request, "Office hour published to your mentees.")
                return redirect("mentorship:office_hours")
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    context = {
        "zone": zone,
        "form": form,
        "own_slots": selectors.slots_of_mentor(user) if user.is_mentor else [],
        "open_slots": selectors.open_slots_for_mentee(user) if user.is_applicant else [],
        "bookings": selectors.bookings_of(user).filter(status="booked")
        if user.is_applicant
        else [],
        "booked_slot_ids": set(
            selectors.bookings_of(user).filter(status="booked").values_list("slot_id", flat=True)
        ),
        "feed_url": request.build_absolute_uri(f"/office-hours/feed/{feed.token}.ics"),
    }
    return render(
        request, "mentorship/office_hours.html", context, status=422 if form.errors else 200
    )


@login_required
@require_POST
def book(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    slot = selectors.slot_visible_to(request.user, pk)
    try:
        services.office_hour_book(slot=slot, mentee=request.user)
    except ServiceError as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, "Booked. An invitation is on its way to your email.")
    return redirect("mentorship:office_hours")


@login_required
@require_POST
def cancel_booking(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_for_participant(request.user, pk)
    try:
        services.booking_cancel(booking=booking, by=request.user)
    except ServiceError as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, "Booking cancelled; the seat is free again.")
    return redirect("mentorship:office_hours")


@login_required
def booking_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_for_participant(request.user, pk)
    body = calendar_of(
        [booking.slot],
        site_url=request.build_absolute_uri("/").rstrip("/"),
        name="IMGPath office hour",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="office-hour-{booking.slot_id}.ics"'
    return response


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: whoever has the secret address sees that person's office hours."""
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404
    body = calendar_of(
        selectors.feed_slots(feed.user),
        site_url=request.build_absolute_uri("/").rstrip("/"),
        name="IMGPath office hours",
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
