"""After the rotation: verified reviews and letter-of-recommendation requests."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from imgpath.accounts.models import User
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.rotations.choices import BookingStatus, EventKind, LetterStatus
from imgpath.rotations.models import Booking, LetterRequest, Review
from imgpath.rotations.services.common import ensure_host_owner, notify_both_sides, record_event

# The host moves a request along these steps only.
LETTER_STEPS: dict[str, set[str]] = {
    LetterStatus.REQUESTED: {LetterStatus.AGREED, LetterStatus.DECLINED},
    LetterStatus.AGREED: {LetterStatus.SUBMITTED, LetterStatus.DECLINED},
}
LETTER_EVENTS = {
    LetterStatus.AGREED: EventKind.LETTER_AGREED,
    LetterStatus.DECLINED: EventKind.LETTER_DECLINED,
    LetterStatus.SUBMITTED: EventKind.LETTER_SUBMITTED,
}


def _ensure_applicant(user: User | None, booking: Booking) -> None:
    if user is None or booking.applicant_id != user.pk:
        raise PermissionDenied("Only the applicant can do that.")


def review_create(*, booking: Booking, author: User, rating: int, text: str) -> Review:
    """Only the applicant of a completed booking reviews it, once."""
    _ensure_applicant(author, booking)
    if booking.status != BookingStatus.COMPLETED:
        raise ConflictError("You can review a rotation once the host records it as completed.")
    text = (text or "").strip()
    if not text:
        raise ServiceError("Say a few words about the rotation.", field="text")
    review = Review(booking=booking, rating=rating, text=text)
    review.full_clean(exclude=["booking"])
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError as exc:
        raise ConflictError("You already reviewed this rotation.") from exc
    return review


@transaction.atomic
def letter_request_create(*, booking: Booking, requested_by: User, note: str = "") -> LetterRequest:
    _ensure_applicant(requested_by, booking)
    if not booking.session.offering.letter_possible:
        raise ConflictError("This host does not offer letters of recommendation.")
    if booking.status != BookingStatus.COMPLETED:
        raise ConflictError("Ask for a letter once the host records the rotation as completed.")
    if LetterRequest.objects.filter(booking=booking).exists():
        raise ConflictError("You already asked this host for a letter.")
    letter = LetterRequest.objects.create(booking=booking, applicant_note=(note or "").strip())
    _log(booking, EventKind.LETTER_REQUESTED, requested_by, letter.applicant_note)
    return letter


@transaction.atomic
def letter_request_update(
    *, letter: LetterRequest, status: str, updated_by: User, note: str = ""
) -> LetterRequest:
    """The host agrees, declines, or records that the letter was submitted (e.g. to ERAS)."""
    ensure_host_owner(updated_by, letter.booking.session.offering.host)
    letter = LetterRequest.objects.select_for_update(no_key=True).get(pk=letter.pk)
    if status not in LETTER_STEPS.get(letter.status, set()):
        raise ConflictError(
            f"The request is {letter.get_status_display().lower()}; it cannot become {status}."
        )
    letter.status = status
    letter.host_note = (note or "").strip()
    letter.save(update_fields=["status", "host_note", "updated_at"])
    _log(letter.booking, LETTER_EVENTS[LetterStatus(status)], updated_by, letter.host_note)
    return letter


def _log(booking: Booking, kind: str, actor: User, message: str) -> None:
    record_event(application=booking.application, kind=kind, actor=actor, message=message)
    notify_both_sides(application=booking.application, kind=kind, message=message)
