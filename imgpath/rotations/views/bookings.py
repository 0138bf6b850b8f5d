"""Booking pages both sides use: the onboarding checklist and the visa support letter."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.core.http import HtmxHttpRequest
from imgpath.core.refusals import refused
from imgpath.rotations import services
from imgpath.rotations.choices import BookingStatus
from imgpath.rotations.forms import ChecklistForm
from imgpath.rotations.models import Booking, ChecklistItem
from imgpath.rotations.views.common import private_download
from imgpath.rotations.visa_letter import visa_letter_pdf


def _party(request: HttpRequest, prefix: str = "") -> Q:
    """Rows whose booking has this user as applicant or as the host's owner."""
    return Q(**{f"{prefix}applicant": request.user}) | Q(
        **{f"{prefix}session__offering__host__owner": request.user}
    )


def _get_booking_for_party(request: HttpRequest, pk: int) -> Booking:
    bookings = Booking.objects.select_related(
        "applicant", "session__offering__host__owner", "session__offering__site"
    )
    return get_object_or_404(bookings.filter(_party(request)), pk=pk)


def _get_item_for_party(request: HttpRequest, pk: int) -> ChecklistItem:
    items = ChecklistItem.objects.select_related("booking__session__offering__host")
    return get_object_or_404(items.filter(_party(request, "booking__")), pk=pk)


def _detail_url_name(request: HttpRequest, booking: Booking) -> str:
    if booking.applicant_id == request.user.pk:
        return "application_detail"
    return "host_application_detail"


@login_required
@require_POST
def checklist_item_toggle(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _get_item_for_party(request, pk)
    booking = item.booking
    form = ChecklistForm(request.POST)
    done = form.is_valid() and form.cleaned_data["done"]
    try:
        services.checklist_item_set(item=item, done=done, by=request.user)
    except ServiceError as exc:
        if not request.htmx:
            return refused(request, exc, _detail_url_name(request, booking), booking.application_id)
    if request.htmx:
        context = {"booking": booking, "checklist": booking.checklist.select_related("done_by")}
        return render(request, "rotations/includes/checklist.html", context)
    return redirect(_detail_url_name(request, booking), booking.application_id)


@never_cache
@login_required
def visa_letter(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_party(request, pk)
    if booking.status != BookingStatus.BOOKED:
        exc = ConflictError("A visa support letter is available for an active booking only.")
        return refused(request, exc, _detail_url_name(request, booking), booking.application_id)
    response = HttpResponse(visa_letter_pdf(booking), content_type="application/pdf")
    return private_download(response, f"imgpath-visa-support-letter-{booking.pk}.pdf")
