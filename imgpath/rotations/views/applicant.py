"""The applicant's side: apply, follow applications, manage bookings."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.errors import ServiceError
from imgpath.core.refusals import add_service_error, refused
from imgpath.rotations import selectors, services
from imgpath.rotations.choices import PENDING_APPLICATION_STATUSES, BookingStatus, CancelReason
from imgpath.rotations.forms import ApplyForm, CancelForm, LetterRequestForm, ReviewForm
from imgpath.rotations.models import Application, Booking, Offering, Session
from imgpath.rotations.policy import refund_due
from imgpath.rotations.services.common import today
from imgpath.rotations.views.common import applicant_required


def _get_application_for_applicant(request: AuthenticatedHttpRequest, pk: int) -> Application:
    return get_object_or_404(selectors.applications_of_applicant(request.user), pk=pk)


def _get_booking_for_applicant(request: HttpRequest, pk: int) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("session__offering__host", "application"),
        pk=pk,
        applicant=request.user,
    )


def _get_open_session(pk: int) -> Session:
    return get_object_or_404(
        Session.objects.select_related("offering__host", "offering__site"),
        pk=pk,
        offering__in=Offering.objects.public(),
    )


@never_cache
@applicant_required
def application_apply(request: AuthenticatedHttpRequest, session_pk: int) -> HttpResponse:
    session = _get_open_session(session_pk)
    form = ApplyForm(
        request.POST or None,
        request.FILES or None,
        offering=session.offering,
        applicant=request.user,
    )
    if request.method == "POST" and form.is_valid():
        application = _submit(request, session, form)
        if application is not None:
            messages.success(request, "Application sent. The host will answer by email.")
            return redirect("application_detail", application.pk)
    status = 422 if request.method == "POST" else 200
    context = {"session": session, "offering": session.offering, "form": form}
    return render(request, "rotations/apply.html", context, status=status)


def _submit(
    request: AuthenticatedHttpRequest, session: Session, form: ApplyForm
) -> Application | None:
    uploads, documents = {}, []
    for code in form.required_codes:
        upload = form.cleaned_data.get(f"upload_{code}")
        if upload:
            uploads[code] = upload
        else:
            documents.append(form.cleaned_data[f"doc_{code}"])
    try:
        return services.application_submit(
            session=session,
            applicant=request.user,
            statement=form.cleaned_data["statement"],
            documents=documents,
            uploads=uploads,
        )
    except ServiceError as exc:
        add_service_error(form, exc)
        return None


@never_cache
@applicant_required
def my_rotations(request: AuthenticatedHttpRequest) -> HttpResponse:
    applications = selectors.applications_of_applicant(request.user)
    bookings = selectors.upcoming_bookings_of_applicant(request.user, today=today())
    context = {
        "bookings": bookings,
        "open_applications": applications.filter(status__in=PENDING_APPLICATION_STATUSES),
        "history": applications.exclude(status__in=PENDING_APPLICATION_STATUSES).exclude(
            pk__in=bookings.values("application_id")
        ),
    }
    return render(request, "rotations/my_rotations.html", context)


@never_cache
@applicant_required
def application_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = _get_application_for_applicant(request, pk)
    booking = getattr(application, "booking", None)
    context = {
        "application": application,
        "offering": application.session.offering,
        "events": application.events.select_related("actor"),
        "booking": booking,
        **_booking_context(booking),
    }
    return render(request, "rotations/application_detail.html", context)


def _booking_context(booking: Booking | None) -> dict[str, object]:
    if booking is None:
        return {}
    context: dict[str, object] = {"checklist": booking.checklist.select_related("done_by")}
    if booking.status == BookingStatus.BOOKED:
        context["cancel_form"] = CancelForm()
        context["refund_if_cancelled_today"] = refund_due(
            booking.terms,
            start=booking.session.start_date,
            cancelled_on=today(),
            reason=CancelReason.CHANGED_PLANS,
        )
    if booking.status == BookingStatus.COMPLETED:
        if not hasattr(booking, "review"):
            context["review_form"] = ReviewForm()
        if booking.session.offering.letter_possible and not hasattr(booking, "letter_request"):
            context["letter_form"] = LetterRequestForm()
    return context


@applicant_required
@require_POST
def application_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = _get_application_for_applicant(request, pk)
    try:
        services.application_withdraw(application=application, withdrawn_by=request.user)
    except ServiceError as exc:
        return refused(request, exc, "application_detail", pk)
    messages.success(request, "Application withdrawn. The host was told.")
    return redirect("application_detail", pk)


@applicant_required
@require_POST
def booking_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_applicant(request, pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose why you are cancelling.")
        return redirect("application_detail", booking.application_id)
    try:
        booking = services.booking_cancel(
            booking=booking, cancelled_by=request.user, **form.cleaned_data
        )
    except ServiceError as exc:
        return refused(request, exc, "application_detail", booking.application_id)
    messages.success(request, _cancelled_message(booking))
    return redirect("application_detail", booking.application_id)


def _cancelled_message(booking: Booking) -> str:
    if not booking.price_usd:
        return "Booking cancelled. Thank you for freeing the seat."
    return (
        f"Booking cancelled. Under the policy you booked with, the refund due is "
        f"${booking.refund_due_usd:,} of what you paid; the host records the refund."
    )


@applicant_required
@require_POST
def review_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_applicant(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give a rating and a few words.")
        return redirect("application_detail", booking.application_id)
    try:
        services.review_create(booking=booking, author=request.user, **form.cleaned_data)
    except ServiceError as exc:
        return refused(request, exc, "application_detail", booking.application_id)
    messages.success(request, "Thank you: your verified review is published.")
    return redirect("application_detail", booking.application_id)


@applicant_required
@require_POST
def letter_request_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_applicant(request, pk)
    form = LetterRequestForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.letter_request_create(booking=booking, requested_by=request.user, note=note)
    except ServiceError as exc:
        return refused(request, exc, "application_detail", booking.application_id)
    messages.success(request, "Letter requested. The host will answer here and by email.")
    return redirect("application_detail", booking.application_id)
