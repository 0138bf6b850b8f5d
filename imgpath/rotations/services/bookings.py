"""Bookings: taking a seat, cancelling, the waitlist, completion, payments, the checklist.

The seat rule (a session never has more bookings than seats) and the overlap
rule (an applicant never holds two bookings with overlapping dates) are checked
while holding row locks, in this order: the session, then the application,
then the applicant. PostgreSQL serialises competing accepts on those rows;
SQLite serialises every writer with IMMEDIATE transactions.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.rotations.choices import (
    APPLICANT_CANCEL_REASONS,
    PENDING_APPLICATION_STATUSES,
    SEAT_HOLDING_STATUSES,
    ApplicationStatus,
    BookingStatus,
    CancelReason,
    ChecklistKind,
    EventKind,
    PaymentStatus,
)
from imgpath.rotations.models import Application, Booking, ChecklistItem, Offering, Session
from imgpath.rotations.policy import refund_due
from imgpath.rotations.services.common import (
    ensure_host_owner,
    notify_both_sides,
    record_event,
    today,
)

FULL_MESSAGE = "This session is full: every seat is booked."
PROMOTED_MESSAGE = "A seat opened and you were first on the waitlist, so it is now yours."

# Sent under the locks before a seat is taken; a receiver may refuse by raising ConflictError
# (an open placement round does, so its sessions are not booked one by one).
booking_requested = Signal()


def _lock_session(pk: int) -> Session:
    return Session.objects.select_for_update(no_key=True).get(pk=pk)


def _lock_applicant(pk: int) -> None:
    user_model = get_user_model()
    list(user_model.objects.select_for_update(no_key=True).filter(pk=pk).values_list("pk"))


def overlapping_booking(*, applicant_id: int, session: Session) -> Booking | None:
    """The applicant's seat-holding booking whose dates overlap `session`, if any."""
    return (
        Booking.objects.filter(
            applicant_id=applicant_id,
            status__in=SEAT_HOLDING_STATUSES,
            session__start_date__lte=session.end_date,
            session__end_date__gte=session.start_date,
        )
        .exclude(session=session)
        .select_related("session")
        .first()
    )


def booking_create(
    *, application: Application, decided_by: User | None, message: str = "", promoted: bool = False
) -> Booking:
    """Accept an application into a seat. Callable inside a caller's own transaction.

    Raises ConflictError (and changes nothing) when the session is full, the
    applicant already holds an overlapping booking, or the application is no
    longer submitted or waitlisted. `decided_by=None` means IMGPath decided
    (the waitlist, or a placement round).
    """
    with transaction.atomic():
        session = _lock_session(application.session_id)
        application = Application.objects.select_for_update(no_key=True).get(pk=application.pk)
        application.session = session
        _check_acceptable(application)
        assert application.applicant_id is not None  # _check_acceptable refused otherwise
        booking_requested.send(sender=Application, application=application)
        _lock_applicant(application.applicant_id)
        if session.seats_taken_now() >= session.seats:
            raise ConflictError(FULL_MESSAGE)
        clash = overlapping_booking(applicant_id=application.applicant_id, session=session)
        if clash is not None:
            raise ConflictError(
                f"{application.applicant_name} already has a booking from "
                f"{clash.session.start_date:%d %b %Y} to {clash.session.end_date:%d %b %Y} "
                "that overlaps this session."
            )
        booking = _new_booking(application, session, promoted=promoted)
        _accept(application, decided_by, message)
        record_event(
            application=application, kind=EventKind.ACCEPTED, actor=decided_by, message=message
        )
        notify_both_sides(application=application, kind=EventKind.ACCEPTED, message=message)
    return booking


def _check_acceptable(application: Application) -> None:
    if application.status not in PENDING_APPLICATION_STATUSES:
        raise ConflictError(
            f"This application is {application.get_status_display().lower()}; only submitted "
            "or waitlisted applications can be accepted."
        )
    if application.applicant_id is None:
        raise ConflictError("The applicant deleted their account.")


def _new_booking(application: Application, session: Session, *, promoted: bool) -> Booking:
    offering: Offering = session.offering
    booking = Booking(
        application=application,
        session=session,
        applicant_id=application.applicant_id,
        price_usd=offering.fee_usd,
        fee_covers=offering.fee_covers,
        policy_terms=offering.terms.as_dict(),
        policy_text="\n".join(offering.policy_lines),
        payment_status=PaymentStatus.NOT_DUE if offering.is_free else PaymentStatus.UNPAID,
        promoted_at=timezone.now() if promoted else None,
    )
    booking.full_clean(exclude=["application"])
    booking.save()
    _create_checklist(booking, offering, application)
    return booking


def _create_checklist(booking: Booking, offering: Offering, application: Application) -> None:
    now = timezone.now()
    items = [
        ChecklistItem(
            booking=booking,
            kind=ChecklistKind.DOCUMENT,
            label=f"{label}: sent with the application",
            done_at=now,
            done_by_id=application.applicant_id,
        )
        for label in offering.required_document_labels
    ]
    items += [
        ChecklistItem(booking=booking, kind=ChecklistKind.STEP, label=step[:200])
        for step in offering.onboarding_step_list
    ]
    for position, item in enumerate(items, start=1):
        item.position = position
    ChecklistItem.objects.bulk_create(items)


def _accept(application: Application, decided_by: User | None, message: str) -> None:
    application.status = ApplicationStatus.ACCEPTED
    application.decided_by = decided_by
    application.decided_at = timezone.now()
    application.host_message = message or (PROMOTED_MESSAGE if decided_by is None else "")
    application.save(
        update_fields=["status", "decided_by", "decided_at", "host_message", "updated_at"]
    )


def waitlist_promote(*, session: Session) -> list[Booking]:
    """Offer free seats to the waitlist, first waitlisted first.

    The caller holds the session lock. A waitlisted applicant whose booking
    would overlap one they already hold is skipped and stays on the waitlist.
    Nobody is promoted into a session that has already started.
    """
    if session.start_date <= today():
        return []
    free = session.seats - session.seats_taken_now()
    promoted: list[Booking] = []
    waiting = session.applications.filter(status=ApplicationStatus.WAITLISTED).order_by(
        "waitlisted_at", "pk"
    )
    for application in waiting:
        if len(promoted) >= free:
            break
        try:
            booking = booking_create(
                application=application, decided_by=None, message=PROMOTED_MESSAGE, promoted=True
            )
        except ConflictError:
            continue
        promoted.append(booking)
    return promoted


def booking_cancel(
    *, booking: Booking, cancelled_by: User | None, reason: str, note: str = ""
) -> Booking:
    """Cancel under the policy copied at booking time, then offer the seat to the waitlist."""
    with transaction.atomic():
        session = _lock_session(booking.session_id)
        booking = Booking.objects.select_for_update(no_key=True).get(pk=booking.pk)
        booking.session = session
        _check_cancel(booking, cancelled_by, reason)
        now = timezone.now()
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.cancelled_by = cancelled_by
        booking.cancel_reason = reason
        booking.cancel_note = (note or "").strip()
        booking.refund_due_usd = refund_due(
            booking.terms,
            start=session.start_date,
            cancelled_on=today(),
            reason=reason,
            promoted_at=booking.promoted_at,
            cancelled_at=now,
        )
        booking.save(update_fields=[*_CANCEL_FIELDS, "updated_at"])
        _after_cancel(booking)
        waitlist_promote(session=session)
    return booking


_CANCEL_FIELDS = [
    "status",
    "cancelled_at",
    "cancelled_by",
    "cancel_reason",
    "cancel_note",
    "refund_due_usd",
]


def _check_cancel(booking: Booking, cancelled_by: User | None, reason: str) -> None:
    if reason in APPLICANT_CANCEL_REASONS:
        if cancelled_by is None or cancelled_by.pk != booking.applicant_id:
            raise PermissionDenied("Only the applicant can cancel for this reason.")
    elif reason == CancelReason.HOST_CANCELLED:
        ensure_host_owner(cancelled_by, booking.session.offering.host)
    elif reason != CancelReason.ACCOUNT_DELETED or cancelled_by is not None:
        raise ServiceError("Choose a reason for cancelling.", field="reason")
    if booking.status != BookingStatus.BOOKED:
        raise ConflictError(f"This booking is already {booking.get_status_display().lower()}.")
    if today() > booking.session.end_date:
        raise ConflictError("This session has ended; it can no longer be cancelled.")


def _after_cancel(booking: Booking) -> None:
    application = booking.application
    application.status = ApplicationStatus.CANCELLED
    application.save(update_fields=["status", "updated_at"])
    message = CancelReason(booking.cancel_reason).label
    if booking.cancel_note:
        message += f". {booking.cancel_note}"
    record_event(
        application=application,
        kind=EventKind.CANCELLED,
        actor=booking.cancelled_by,
        message=message,
    )
    notify_both_sides(application=application, kind=EventKind.CANCELLED, message=message)


@transaction.atomic
def booking_complete(*, booking: Booking, completed_by: User, evaluation: str) -> Booking:
    """The host records that the rotation took place, with an evaluation of the applicant."""
    ensure_host_owner(completed_by, booking.session.offering.host)
    booking = Booking.objects.select_for_update(no_key=True).get(pk=booking.pk)
    evaluation = (evaluation or "").strip()
    if booking.status != BookingStatus.BOOKED:
        raise ConflictError(f"This booking is {booking.get_status_display().lower()}.")
    if today() < booking.session.end_date:
        raise ConflictError("Record completion from the session's last day.")
    if not evaluation:
        raise ServiceError("Write a short evaluation for the applicant.", field="evaluation")
    booking.status = BookingStatus.COMPLETED
    booking.completed_at = timezone.now()
    booking.completed_by = completed_by
    booking.evaluation = evaluation
    booking.save(
        update_fields=["status", "completed_at", "completed_by", "evaluation", "updated_at"]
    )
    record_event(application=booking.application, kind=EventKind.COMPLETED, actor=completed_by)
    notify_both_sides(application=booking.application, kind=EventKind.COMPLETED)
    return booking


@transaction.atomic
def booking_record_payment(
    *, booking: Booking, recorded_by: User, status: str, amount_usd: int | None = None
) -> Booking:
    """Payments happen outside IMGPath; the host records what was paid or refunded."""
    ensure_host_owner(recorded_by, booking.session.offering.host)
    booking = Booking.objects.select_for_update(no_key=True).get(pk=booking.pk)
    if booking.price_usd == 0:
        raise ConflictError("This booking is free; there is nothing to pay.")
    if status == PaymentStatus.PAID:
        kind, message = _record_paid(booking)
    elif status == PaymentStatus.REFUNDED:
        kind, message = _record_refund(booking, amount_usd)
    else:
        raise ServiceError("Record a payment or a refund.", field="status")
    booking.save(update_fields=["payment_status", "refunded_usd", "updated_at"])
    record_event(application=booking.application, kind=kind, actor=recorded_by, message=message)
    notify_both_sides(application=booking.application, kind=kind, message=message)
    return booking


def _record_paid(booking: Booking) -> tuple[str, str]:
    if booking.payment_status != PaymentStatus.UNPAID:
        raise ConflictError(
            f"Payment is already recorded as {booking.get_payment_status_display().lower()}."
        )
    booking.payment_status = PaymentStatus.PAID
    return EventKind.PAYMENT_RECORDED, f"${booking.price_usd:,} received."


def _record_refund(booking: Booking, amount_usd: int | None) -> tuple[str, str]:
    if booking.payment_status != PaymentStatus.PAID:
        raise ConflictError("Only a paid booking can be refunded.")
    default = booking.refund_due_usd if booking.refund_due_usd is not None else booking.price_usd
    amount = default if amount_usd is None else amount_usd
    if not 0 < amount <= booking.price_usd:
        raise ServiceError(
            f"A refund is between $1 and the price paid (${booking.price_usd:,}).",
            field="amount_usd",
        )
    booking.payment_status = PaymentStatus.REFUNDED
    booking.refunded_usd = amount
    return EventKind.REFUND_RECORDED, f"${amount:,} refunded."


@transaction.atomic
def checklist_item_set(*, item: ChecklistItem, done: bool, by: User | None) -> ChecklistItem:
    """Either side ticks an onboarding step; the record keeps who and when."""
    booking = item.booking
    if by is None or (by.pk != booking.applicant_id and not _is_host_of(by, booking)):
        raise PermissionDenied("Only the applicant or the host can update this checklist.")
    if booking.status != BookingStatus.BOOKED:
        raise ConflictError("The checklist is closed: the booking is no longer active.")
    item = ChecklistItem.objects.select_for_update(no_key=True).get(pk=item.pk)
    item.done_at = timezone.now() if done else None
    item.done_by = by if done else None
    item.save(update_fields=["done_at", "done_by"])
    return item


def _is_host_of(user: User | None, booking: Booking) -> bool:
    try:
        ensure_host_owner(user, booking.session.offering.host)
    except PermissionDenied:
        return False
    return True
