"""The host's side: profile, sites, offerings and sessions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.errors import ServiceError
from imgpath.core.refusals import add_service_error, refused
from imgpath.rotations import selectors, services
from imgpath.rotations.forms import (
    HostProfileForm,
    OfferingForm,
    SessionForm,
    SessionUpdateForm,
    SiteForm,
)
from imgpath.rotations.models import HostProfile, Offering, Session, Site
from imgpath.rotations.services.common import today
from imgpath.rotations.views.common import host_required

FORM_TEMPLATE = "rotations/host/form.html"


def _get_profile_for_host(request: HttpRequest, pk: int) -> HostProfile:
    return get_object_or_404(HostProfile, pk=pk, owner=request.user)


def _get_site_for_host(request: HttpRequest, pk: int) -> Site:
    return get_object_or_404(Site.objects.select_related("host"), pk=pk, host__owner=request.user)


def _get_offering_for_host(request: AuthenticatedHttpRequest, pk: int) -> Offering:
    return get_object_or_404(selectors.offerings_of_host_owner(request.user), pk=pk)


def _get_session_for_host(request: HttpRequest, pk: int) -> Session:
    return get_object_or_404(
        Session.objects.select_related("offering"), pk=pk, offering__host__owner=request.user
    )


def _form_page(
    request: HttpRequest, form, *, title: str, submit: str, back: str, **extra
) -> HttpResponse:
    context = {"form": form, "title": title, "submit": submit, "back": back, **extra}
    status = 422 if request.method == "POST" else 200
    return render(request, FORM_TEMPLATE, context, status=status)


@never_cache
@host_required
def host_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    pending = selectors.pending_applications_for_host(request.user)
    context = {
        "profiles": selectors.host_profiles_of(request.user),
        "offerings": selectors.offerings_of_host_owner(request.user).order_by("status", "title"),
        "pending": pending[:10],
        "pending_count": pending.count(),
    }
    return render(request, "rotations/host/home.html", context)


@never_cache
@host_required
def host_profile_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = HostProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.host_profile_create(owner=request.user, fields=form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Profile saved. Add a site, then your first offering.")
            return redirect("host_site_create", profile.pk)
    return _form_page(
        request, form, title="Your host profile", submit="Save profile", back="host_home"
    )


@never_cache
@host_required
def host_profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _get_profile_for_host(request, pk)
    was_verified = profile.is_verified
    form = HostProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile = services.host_profile_update(profile=profile, fields=form.cleaned_data)
        if was_verified and not profile.is_verified:
            messages.warning(request, "Saved. Staff will verify the changed details again.")
        else:
            messages.success(request, "Profile saved.")
        return redirect("host_home")
    return _form_page(request, form, title=f"Edit {profile.name}", submit="Save", back="host_home")


@never_cache
@host_required
def host_site_create(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _get_profile_for_host(request, pk)
    form = SiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.site_create(host=profile, fields=form.cleaned_data)
        messages.success(request, "Site added.")
        return redirect("host_home")
    return _form_page(
        request, form, title=f"Add a site for {profile.name}", submit="Add site", back="host_home"
    )


@never_cache
@host_required
def host_site_edit(request: HttpRequest, pk: int) -> HttpResponse:
    site = _get_site_for_host(request, pk)
    form = SiteForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        services.site_update(site=site, fields=form.cleaned_data)
        messages.success(request, "Site saved.")
        return redirect("host_home")
    return _form_page(request, form, title=f"Edit {site.name}", submit="Save", back="host_home")


@never_cache
@host_required
def offering_create(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _get_profile_for_host(request, pk)
    if not profile.sites.exists():
        messages.info(request, "Add the site where the rotation takes place first.")
        return redirect("host_site_create", profile.pk)
    form = OfferingForm(request.POST or None, host=profile, instance=Offering(host=profile))
    if request.method == "POST" and form.is_valid():
        offering = services.offering_create(host=profile, fields=form.cleaned_data)
        messages.success(request, "Draft saved. Add sessions, then publish it.")
        return redirect("host_offering_detail", offering.pk)
    return _form_page(
        request, form, title="New offering", submit="Save draft", back="host_home", grouped=True
    )


@never_cache
@host_required
def offering_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offering = _get_offering_for_host(request, pk)
    form = OfferingForm(request.POST or None, host=offering.host, instance=offering)
    if request.method == "POST" and form.is_valid():
        services.offering_update(offering=offering, fields=form.cleaned_data)
        messages.success(request, "Saved. Existing bookings keep the price and policy they booked.")
        return redirect("host_offering_detail", offering.pk)
    return _form_page(
        request, form, title=f"Edit {offering.title}", submit="Save", back="host_home", grouped=True
    )


@never_cache
@host_required
def host_offering_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offering = _get_offering_for_host(request, pk)
    sessions = offering.sessions.with_seats().order_by("-start_date")
    context = {
        "offering": offering,
        "sessions": [
            (s, SessionUpdateForm(initial={"seats": s.seats, "is_open": s.is_open}))
            for s in sessions
        ],
        "session_form": SessionForm(),
        "today": today(),
    }
    return render(request, "rotations/host/offering_detail.html", context)


@host_required
@require_POST
def offering_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offering = _get_offering_for_host(request, pk)
    services.offering_publish(offering=offering)
    if offering.host.is_verified:
        messages.success(request, "Published: applicants can find it now.")
    else:
        messages.warning(request, "Published. It becomes public once staff verify your profile.")
    return redirect("host_offering_detail", pk)


@host_required
@require_POST
def offering_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offering = _get_offering_for_host(request, pk)
    services.offering_archive(offering=offering)
    messages.success(request, "Archived: no new applications. Existing bookings stand.")
    return redirect("host_offering_detail", pk)


@host_required
@require_POST
def session_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offering = _get_offering_for_host(request, pk)
    form = SessionForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(
            f"{k.replace('_', ' ')}: {' '.join(map(str, v))}" for k, v in form.errors.items()
        )
        messages.error(request, f"The session was not added. {errors}")
        return redirect("host_offering_detail", pk)
    try:
        services.session_create(offering=offering, **form.cleaned_data)
    except ServiceError as exc:
        return refused(request, exc, "host_offering_detail", pk)
    except ValidationError as exc:
        return refused(request, ServiceError(" ".join(exc.messages)), "host_offering_detail", pk)
    messages.success(request, "Session added.")
    return redirect("host_offering_detail", pk)


@host_required
@require_POST
def session_update(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session_for_host(request, pk)
    form = SessionUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Seats must be a whole number from 0 to 100.")
        return redirect("host_offering_detail", session.offering_id)
    try:
        services.session_update(session=session, **form.cleaned_data)
    except ServiceError as exc:
        return refused(request, exc, "host_offering_detail", session.offering_id)
    messages.success(request, "Session updated.")
    return redirect("host_offering_detail", session.offering_id)
