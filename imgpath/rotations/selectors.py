"""Reads that are more than a lookup: search, what each person may see, seat counts."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db.models import Avg, Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from imgpath.accounts.models import User
from imgpath.rotations.choices import (
    ApplicationStatus,
    BookingStatus,
)
from imgpath.rotations.models import (
    Application,
    Booking,
    Document,
    HostProfile,
    Offering,
    Review,
    Session,
)
from imgpath.rotations.models.offerings import SessionQuerySet


@dataclass(frozen=True)
class SearchFilters:
    specialty: str = ""
    state: str = ""
    kind: str = ""
    month: date | None = None
    min_price: int | None = None
    max_price: int | None = None
    hands_on: bool = False
    letter: bool = False
    free: bool = False


def _bookable_sessions(filters: SearchFilters, today: date) -> SessionQuerySet:
    sessions = Session.objects.filter(is_open=True).upcoming(today)
    if filters.month:
        last = calendar.monthrange(filters.month.year, filters.month.month)[1]
        month_end = filters.month.replace(day=last)
        sessions = sessions.filter(start_date__lte=month_end, end_date__gte=filters.month)
    return sessions


def offering_search(*, filters: SearchFilters, today: date) -> QuerySet[Offering]:
    """Public offerings with a bookable session that matches, soonest first.

    Each offering carries `matching_sessions` (with `seats_left`), `next_start`
    and its verified-review summary.
    """
    sessions = _bookable_sessions(filters, today)
    offerings = _filter_offerings(
        Offering.objects.public().filter(pk__in=sessions.values("offering_id")), filters
    )
    first_start = sessions.filter(offering=OuterRef("pk")).order_by("start_date")
    return (
        with_review_summary(offerings)
        .annotate(next_start=Subquery(first_start.values("start_date")[:1]))
        .select_related("host", "site")
        .prefetch_related(
            Prefetch("sessions", queryset=sessions.with_seats(), to_attr="matching_sessions")
        )
        .order_by("next_start", "title", "pk")
    )


def _filter_offerings(offerings: QuerySet[Offering], f: SearchFilters) -> QuerySet[Offering]:
    exact = {"specialty": f.specialty, "site__state": f.state, "kind": f.kind}
    offerings = offerings.filter(**{k: v for k, v in exact.items() if v})
    if f.min_price is not None:
        offerings = offerings.filter(fee_usd__gte=f.min_price)
    if f.max_price is not None:
        offerings = offerings.filter(fee_usd__lte=f.max_price)
    if f.free:
        offerings = offerings.filter(fee_usd=0)
    if f.hands_on:
        offerings = offerings.filter(hands_on=True)
    if f.letter:
        offerings = offerings.filter(letter_possible=True)
    return offerings


def with_review_summary(offerings: QuerySet[Offering]) -> QuerySet[Offering]:
    reviews = (
        Review.objects.filter(booking__session__offering=OuterRef("pk"))
        .values("booking__session__offering")
        .annotate(avg=Avg("rating"), n=Count("pk"))
    )
    return offerings.annotate(
        review_avg=Subquery(reviews.values("avg")[:1]),
        review_count=Subquery(reviews.values("n")[:1]),
    )


def offering_visible_to(user: User | AnonymousUser, pk: int) -> Offering | None:
    """A public offering, or any offering of the viewer's own host profiles, or any for staff."""
    offerings = Offering.objects.select_related("host", "site", "host__verified_by")
    if user.is_staff:
        return offerings.filter(pk=pk).first()
    visible = Q(pk__in=Offering.objects.public().values("pk"))
    if user.is_authenticated:
        visible |= Q(host__owner=user)
    return offerings.filter(visible, pk=pk).first()


def offering_sessions(offering: Offering, *, today: date) -> QuerySet[Session]:
    return offering.sessions.upcoming(today).with_seats().order_by("start_date")


def offering_reviews(offering: Offering) -> QuerySet[Review]:
    return Review.objects.filter(booking__session__offering=offering).select_related(
        "booking__session"
    )


def applications_of_applicant(user: User) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related(
        "session__offering__host", "session__offering__site", "booking"
    )


def applications_for_host(user: User) -> QuerySet[Application]:
    """Applications to offerings of the host profiles this user owns, and nothing else."""
    return Application.objects.filter(session__offering__host__owner=user).select_related(
        "applicant", "session__offering__host", "session__offering__site", "booking"
    )


def upcoming_bookings_of_applicant(user: User, *, today: date) -> QuerySet[Booking]:
    return Booking.objects.filter(
        applicant=user, status=BookingStatus.BOOKED, session__end_date__gte=today
    ).select_related("session__offering__host", "session__offering__site", "application")


def host_profiles_of(user: User) -> QuerySet[HostProfile]:
    return HostProfile.objects.filter(owner=user).prefetch_related("sites")


def offerings_of_host_owner(user: User) -> QuerySet[Offering]:
    return Offering.objects.filter(host__owner=user).select_related("host", "site")


def pending_applications_for_host(user: User) -> QuerySet[Application]:
    """Applications waiting for this host's answer (the host home and the dashboard panel)."""
    return applications_for_host(user).filter(status=ApplicationStatus.SUBMITTED)


def document_visible_to(user: User | AnonymousUser, document: Document) -> bool:
    """The owner, staff, and the host of a session the document was sent to (not withdrawn)."""
    if not user.is_authenticated:
        return False
    if user.is_staff or document.owner_id == user.pk:
        return True
    return (
        document.applications.filter(session__offering__host__owner=user)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .exists()
    )
