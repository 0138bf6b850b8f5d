"""Offerings and their sessions, as hosts create and change them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from imgpath.core.errors import ConflictError, ServiceError
from imgpath.rotations.choices import OfferingStatus
from imgpath.rotations.models import HostProfile, Offering, Session
from imgpath.rotations.services.common import today
from imgpath.rotations.services.hosts import _assign

OFFERING_FIELDS = (
    "site",
    "kind",
    "specialty",
    "title",
    "description",
    "typical_day",
    "hands_on",
    "letter_possible",
    "audience",
    "requires_step1",
    "required_documents",
    "onboarding_steps",
    "preceptor",
    "fee_usd",
    "fee_covers",
    "cost_items",
    "deposit_usd",
    "full_refund_days_before",
    "late_refund_percent",
    "visa_denial_full_refund",
    "policy_notes",
)


@transaction.atomic
def offering_create(*, host: HostProfile, fields: Mapping[str, Any]) -> Offering:
    """A new offering starts as a draft; bookings made later copy its price and policy."""
    offering = Offering(host=host, status=OfferingStatus.DRAFT)
    _assign(offering, fields, OFFERING_FIELDS)
    offering.full_clean()
    offering.save()
    return offering


@transaction.atomic
def offering_update(*, offering: Offering, fields: Mapping[str, Any]) -> Offering:
    changed = _assign(offering, fields, OFFERING_FIELDS)
    offering.full_clean()
    if changed:
        offering.save(update_fields=[*changed, "updated_at"])
    return offering


@transaction.atomic
def offering_publish(*, offering: Offering) -> Offering:
    """Published offerings appear in search once staff have verified the host."""
    if offering.status != OfferingStatus.PUBLISHED:
        offering.full_clean()
        offering.status = OfferingStatus.PUBLISHED
        offering.published_at = timezone.now()
        offering.save(update_fields=["status", "published_at", "updated_at"])
    return offering


@transaction.atomic
def offering_archive(*, offering: Offering) -> Offering:
    """No new applications; existing bookings are kept and honoured."""
    offering.status = OfferingStatus.ARCHIVED
    offering.save(update_fields=["status", "updated_at"])
    return offering


@transaction.atomic
def session_create(*, offering: Offering, start_date: date, end_date: date, seats: int) -> Session:
    if start_date <= today():
        raise ServiceError(
            "Sessions start in the future: choose a later start date.", field="start_date"
        )
    if seats < 1:
        raise ServiceError("A session needs at least one seat.", field="seats")
    if offering.status == OfferingStatus.ARCHIVED:
        raise ConflictError("This offering is archived; publish it again to add sessions.")
    session = Session(offering=offering, start_date=start_date, end_date=end_date, seats=seats)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def session_update(*, session: Session, seats: int, is_open: bool) -> Session:
    """Change seats or close applications; never below the seats already booked."""
    from imgpath.rotations.services.bookings import waitlist_promote

    session = Session.objects.select_for_update().get(pk=session.pk)
    taken = session.seats_taken_now()
    if seats < taken:
        raise ConflictError(
            f"{taken} seat(s) are already booked; the session cannot have fewer.", field="seats"
        )
    grew = seats > session.seats
    session.seats = seats
    session.is_open = is_open
    session.full_clean()
    session.save(update_fields=["seats", "is_open"])
    if grew:
        waitlist_promote(session=session)
    return session
