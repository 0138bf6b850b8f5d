"""The database itself refuses bad rows; clean() explains the same rules in words."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from imgpath.rotations.models import Application, Booking, Review, Session
from imgpath.rotations.tests.factories import SessionFactory, book

pytestmark = pytest.mark.django_db


def _refused(action) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


def test_sessions_end_on_or_after_their_start(offering):
    today = timezone.localdate()
    _refused(
        lambda: Session.objects.create(
            offering=offering, start_date=today, end_date=today - timedelta(days=1), seats=1
        )
    )


def test_seats_are_never_negative(session):
    _refused(lambda: Session.objects.filter(pk=session.pk).update(seats=-1))


@pytest.mark.parametrize(
    "fields",
    [
        {"fee_usd": -1},
        {"deposit_usd": 2000},
        {"late_refund_percent": 101},
        {"hands_on": True, "requires_step1": True},
        {"kind": "externship", "hands_on": True, "requires_step1": False, "audience": "graduates"},
        {"kind": "clerkship", "audience": "graduates"},
        {"kind": "externship", "audience": "students"},
    ],
)
def test_offering_constraints(offering, fields):
    _refused(lambda: type(offering).objects.filter(pk=offering.pk).update(**fields))


def test_one_active_application_per_applicant_and_session(session, applicant):
    Application.objects.create(session=session, applicant=applicant, statement="a")
    _refused(
        lambda: Application.objects.create(session=session, applicant=applicant, statement="b")
    )
    Application.objects.create(
        session=session, applicant=applicant, statement="c", status="withdrawn"
    )


def test_one_booking_per_application_and_one_review_per_booking(session, applicant):
    booking = book(session, applicant)
    _refused(
        lambda: Booking.objects.create(
            application=booking.application,
            session=session,
            price_usd=0,
            policy_text="x",
            payment_status="not_due",
        )
    )
    Review.objects.create(booking=booking, rating=5, text="Good")
    _refused(lambda: Review.objects.create(booking=booking, rating=4, text="Again"))


def test_ratings_are_one_to_five(session, applicant):
    booking = book(session, applicant)
    _refused(lambda: Review.objects.create(booking=booking, rating=6, text="Too good"))


def test_a_nonprofit_observership_charges_nothing_or_itemized_actual_costs(offering):
    offering.kind, offering.fee_usd, offering.deposit_usd = "nonprofit_observership", 150, 0
    with pytest.raises(ValidationError) as invalid:
        offering.full_clean()
    assert "itemized actual costs" in str(invalid.value)
    assert "preceptor" in invalid.value.message_dict

    offering.preceptor = "Dr. Lee, licensed in Ohio"
    offering.cost_items = [{"label": "Badge", "usd": 50}, {"label": "Titers", "usd": 90}]
    with pytest.raises(ValidationError, match="add up to \\$140"):
        offering.full_clean()

    offering.cost_items[1]["usd"] = 100
    offering.full_clean()
    offering.fee_usd, offering.cost_items = 0, []
    offering.full_clean()


def test_observerships_are_never_hands_on(offering):
    offering.hands_on = True
    offering.requires_step1 = True
    with pytest.raises(ValidationError) as invalid:
        offering.full_clean()
    assert "observation only" in str(invalid.value)


def test_a_site_must_belong_to_the_offering_host(offering, other_offering):
    offering.site = other_offering.site
    with pytest.raises(ValidationError) as invalid:
        offering.full_clean()
    assert "site" in invalid.value.message_dict


def test_seats_left_counts_bookings_that_hold_a_seat(session, applicant, other_applicant):
    book(session, applicant)
    cancelled = book(session, other_applicant)
    cancelled.status = "cancelled"
    cancelled.save()
    annotated = Session.objects.with_seats().get(pk=session.pk)
    assert (annotated.seats_taken, annotated.seats_left) == (1, 1)


def test_weeks_of_a_session():
    assert (
        SessionFactory.build(
            start_date=timezone.localdate(), end_date=timezone.localdate() + timedelta(days=27)
        ).weeks
        == 4
    )
