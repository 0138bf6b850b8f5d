"""What the marketplace stores about a person, to export and to erase.

On erasure:
- documents are deleted, rows now and files from storage after commit;
- applications that never became a booking are deleted;
- bookings are what hosts rely on (payments, completion): future ones are
  cancelled (the seat goes to the waitlist), and every booking stays with the
  applicant's link, statement, notes and eligibility removed; reviews stay,
  shown as before without a name;
- a host's profile stays for applicants' history, without its owner and
  credentials: its offerings are archived, pending applications declined and
  upcoming bookings cancelled with a full refund due.
"""

from __future__ import annotations

from typing import Any

from imgpath.accounts.models import User
from imgpath.core.fragments import content_changed
from imgpath.rotations import services
from imgpath.rotations.choices import (
    PENDING_APPLICATION_STATUSES,
    BookingStatus,
    CancelReason,
    Decision,
    OfferingStatus,
)
from imgpath.rotations.models import (
    Application,
    ApplicationEvent,
    Booking,
    HostProfile,
    LetterRequest,
    Offering,
)
from imgpath.rotations.services.common import today
from imgpath.rotations.services.documents import delete_files_after_commit

HOST_GONE = "The host closed their IMGPath account."


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "host_profiles": [_export_profile(p) for p in HostProfile.objects.filter(owner=user)],
        "documents": [
            {
                "type": d.doc_type,
                "file_name": d.original_name,
                "content_type": d.content_type,
                "size": d.size,
                "uploaded_at": _iso(d.uploaded_at),
            }
            for d in user.rotation_documents.all()
        ],
        "applications": [
            _export_application(a)
            for a in Application.objects.filter(applicant=user).select_related(
                "session__offering__host"
            )
        ],
    }


def _export_profile(profile: HostProfile) -> dict[str, Any]:
    return {
        "name": profile.name,
        "kind": profile.kind,
        "about": profile.about,
        "credentials": profile.credentials,
        "website": profile.website,
        "specialties": profile.specialties,
        "verified_at": _iso(profile.verified_at),
        "sites": [{"name": s.name, "address": s.address} for s in profile.sites.all()],
        "offerings": [{"title": o.title, "status": o.status} for o in profile.offerings.all()],
    }


def _export_application(application: Application) -> dict[str, Any]:
    session = application.session
    booking = Booking.objects.filter(application=application).first()
    return {
        "offering": session.offering.title,
        "host": session.offering.host.name,
        "start_date": _iso(session.start_date),
        "end_date": _iso(session.end_date),
        "status": application.status,
        "statement": application.statement,
        "eligibility": application.eligibility,
        "host_message": application.host_message,
        "applied_at": _iso(application.created_at),
        "history": [
            {"event": e.kind, "at": _iso(e.created_at), "by": e.actor_role, "message": e.message}
            for e in application.events.all()
        ],
        "booking": _export_booking(booking) if booking else None,
    }


def _export_booking(booking: Booking) -> dict[str, Any]:
    review = getattr(booking, "review", None)
    letter = getattr(booking, "letter_request", None)
    return {
        "status": booking.status,
        "price_usd": booking.price_usd,
        "policy": booking.policy_text,
        "payment_status": booking.payment_status,
        "refund_due_usd": booking.refund_due_usd,
        "refunded_usd": booking.refunded_usd,
        "cancelled_at": _iso(booking.cancelled_at),
        "completed_at": _iso(booking.completed_at),
        "evaluation": booking.evaluation,
        "review": {"rating": review.rating, "text": review.text} if review else None,
        "letter_request": letter.status if letter else None,
    }


def erase_user_data(user: User) -> None:
    _close_hosting(user)
    _cancel_upcoming_bookings(user)
    Application.objects.filter(applicant=user, booking__isnull=True).delete()
    _anonymise_bookings(user)
    files = list(user.rotation_documents.values_list("file", flat=True))
    user.rotation_documents.all().delete()
    delete_files_after_commit(files)


def _cancel_upcoming_bookings(user: User) -> None:
    upcoming = Booking.objects.filter(
        applicant=user, status=BookingStatus.BOOKED, session__end_date__gte=today()
    )
    for booking in upcoming:
        services.booking_cancel(
            booking=booking, cancelled_by=None, reason=CancelReason.ACCOUNT_DELETED
        )


def _anonymise_bookings(user: User) -> None:
    applications = Application.objects.filter(applicant=user)
    for application in applications:
        application.documents.clear()
    ApplicationEvent.objects.filter(actor=user).update(message="")
    Booking.objects.filter(cancelled_by=user).update(cancel_note="")
    LetterRequest.objects.filter(booking__applicant=user).update(applicant_note="")
    Booking.objects.filter(applicant=user).update(applicant=None)
    applications.update(applicant=None, statement="", eligibility=[])


def _close_hosting(user: User) -> None:
    profiles = HostProfile.objects.filter(owner=user)
    if not profiles.exists():
        return
    for application in Application.objects.filter(
        session__offering__host__in=profiles, status__in=PENDING_APPLICATION_STATUSES
    ):
        services.application_decide(
            application=application, decision=Decision.DECLINE, decided_by=user, message=HOST_GONE
        )
    for booking in Booking.objects.filter(
        session__offering__host__in=profiles,
        status=BookingStatus.BOOKED,
        session__end_date__gte=today(),
    ):
        services.booking_cancel(
            booking=booking, cancelled_by=user, reason=CancelReason.HOST_CANCELLED, note=HOST_GONE
        )
    Offering.objects.filter(host__in=profiles).update(status=OfferingStatus.ARCHIVED)
    profiles.update(credentials="")
    content_changed("rotations")  # bulk updates send no signal
