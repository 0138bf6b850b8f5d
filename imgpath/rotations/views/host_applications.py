"""The host's side of applications and bookings: decide, record payment, complete, letters."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.errors import ServiceError
from imgpath.core.refusals import refused
from imgpath.rotations import selectors, services
from imgpath.rotations.choices import (
    PENDING_APPLICATION_STATUSES,
    ApplicationStatus,
    BookingStatus,
    LetterStatus,
    PaymentStatus,
)
from imgpath.rotations.forms import (
    CompleteForm,
    DecisionForm,
    HostCancelForm,
    LetterUpdateForm,
    PaymentForm,
)
from imgpath.rotations.models import Application, Booking, LetterRequest
from imgpath.rotations.services.common import today
from imgpath.rotations.views.common import host_required

DETAIL = "host_application_detail"


def _get_application_for_host(request: AuthenticatedHttpRequest, pk: int) -> Application:
    return get_object_or_404(selectors.applications_for_host(request.user), pk=pk)


def _get_booking_for_host(request: HttpRequest, pk: int) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("session__offering__host", "application"),
        pk=pk,
        session__offering__host__owner=request.user,
    )


def _get_letter_for_host(request: HttpRequest, pk: int) -> LetterRequest:
    return get_object_or_404(
        LetterRequest.objects.select_related("booking__session__offering__host"),
        pk=pk,
        booking__session__offering__host__owner=request.user,
    )


@never_cache
@host_required
def host_applications(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    applications = selectors.applications_for_host(request.user).order_by(
        "session__start_date", "created_at"
    )
    if status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    context = {
        "applications": applications,
        "status": status,
        "statuses": ApplicationStatus.choices,
    }
    return render(request, "rotations/host/applications.html", context)


@never_cache
@host_required
def host_application_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = _get_application_for_host(request, pk)
    booking = getattr(application, "booking", None)
    context = {
        "application": application,
        "offering": application.session.offering,
        "events": application.events.select_related("actor"),
        "documents": application.documents.all(),
        "booking": booking,
        "decision_form": DecisionForm()
        if application.status in PENDING_APPLICATION_STATUSES
        else None,
        "seats_left": application.session.seats - application.session.seats_taken_now(),
        **_booking_forms(booking),
    }
    return render(request, "rotations/host/application_detail.html", context)


def _booking_forms(booking: Booking | None) -> dict[str, object]:
    if booking is None:
        return {"checklist": []}
    active = booking.status == BookingStatus.BOOKED
    letter = getattr(booking, "letter_request", None)
    return {
        "checklist": booking.checklist.select_related("done_by"),
        "cancel_form": HostCancelForm() if active else None,
        "complete_form": CompleteForm() if active and today() >= booking.session.end_date else None,
        "can_record_paid": booking.payment_status == PaymentStatus.UNPAID,
        "refund_form": PaymentForm(
            initial={
                "status": PaymentStatus.REFUNDED,
                "amount_usd": booking.refund_due_usd or booking.price_usd,
            }
        )
        if booking.payment_status == PaymentStatus.PAID
        else None,
        "letter": letter,
        "letter_form": LetterUpdateForm()
        if letter and letter.status in (LetterStatus.REQUESTED, LetterStatus.AGREED)
        else None,
    }


@host_required
@require_POST
def application_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = _get_application_for_host(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose accept, waitlist or decline.")
        return redirect(DETAIL, pk)
    try:
        services.application_decide(
            application=application, decided_by=request.user, **form.cleaned_data
        )
    except ServiceError as exc:
        return refused(request, exc, DETAIL, pk)
    messages.success(request, "Decision saved; the applicant was emailed.")
    return redirect(DETAIL, pk)


@host_required
@require_POST
def host_booking_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_host(request, pk)
    form = HostCancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tell the applicant why you are cancelling.")
        return redirect(DETAIL, booking.application_id)
    try:
        services.booking_cancel(
            booking=booking,
            cancelled_by=request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
    except ServiceError as exc:
        return refused(request, exc, DETAIL, booking.application_id)
    messages.success(request, "Booking cancelled. A full refund of anything paid is due.")
    return redirect(DETAIL, booking.application_id)


@host_required
@require_POST
def booking_complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_host(request, pk)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write a short evaluation to record completion.")
        return redirect(DETAIL, booking.application_id)
    try:
        services.booking_complete(
            booking=booking, completed_by=request.user, evaluation=form.cleaned_data["evaluation"]
        )
    except ServiceError as exc:
        return refused(request, exc, DETAIL, booking.application_id)
    messages.success(
        request, "Completion recorded. The applicant can now review and ask for a letter."
    )
    return redirect(DETAIL, booking.application_id)


@host_required
@require_POST
def booking_record_payment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_host(request, pk)
    form = PaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter the amount as a whole number of dollars.")
        return redirect(DETAIL, booking.application_id)
    try:
        services.booking_record_payment(
            booking=booking, recorded_by=request.user, **form.cleaned_data
        )
    except ServiceError as exc:
        return refused(request, exc, DETAIL, booking.application_id)
    messages.success(request, "Payment record saved.")
    return redirect(DETAIL, booking.application_id)


@host_required
@require_POST
def letter_request_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    letter = _get_letter_for_host(request, pk)
    form = LetterUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose the letter's status.")
        return redirect(DETAIL, letter.booking.application_id)
    try:
        services.letter_request_update(letter=letter, updated_by=request.user, **form.cleaned_data)
    except ServiceError as exc:
        return refused(request, exc, DETAIL, letter.booking.application_id)
    messages.success(request, "Letter status saved; the applicant was emailed.")
    return redirect(DETAIL, letter.booking.application_id)
