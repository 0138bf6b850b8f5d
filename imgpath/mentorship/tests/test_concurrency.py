"""Capacity holds under concurrent writers (PostgreSQL, real threads and row locks).

SQLite serialises every writer with IMMEDIATE transactions, so the race cannot
happen there; these tests need PostgreSQL (DATABASE_URL=postgres://...).
"""

from __future__ import annotations

import pytest

from imgpath.accounts.tests.factories import ApplicantFactory
from imgpath.core.errors import ConflictError
from imgpath.core.testing import race, skip_unless_postgres
from imgpath.mentorship import services
from imgpath.mentorship.models import Mentorship, OfficeHourBooking
from imgpath.mentorship.services import MAX_OPEN_REQUESTS, MENTOR_FULL, SLOT_FULL
from imgpath.mentorship.tests.factories import active_mentorship, approved_mentor, slot

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    skip_unless_postgres()


@pytest.mark.parametrize("capacity", [1, 3])
def test_concurrent_accepts_never_exceed_capacity(capacity):
    profile = approved_mentor(capacity=capacity)
    requests = [
        services.mentorship_request(mentee=ApplicantFactory(), profile=profile, goal="g")
        for _ in range(8)
    ]

    results = race(
        [lambda r=r: services.mentorship_accept(mentorship=r, by=profile.user) for r in requests]
    )

    winners = [r for r in results if isinstance(r, Mentorship)]
    losers = [r for r in results if not isinstance(r, Mentorship)]
    assert len(winners) == capacity
    assert Mentorship.objects.filter(mentor=profile.user, status="active").count() == capacity
    assert all(isinstance(r, ConflictError) and r.message == MENTOR_FULL for r in losers), losers


def test_concurrent_requests_respect_the_open_request_limit():
    applicant = ApplicantFactory()
    mentors = [approved_mentor() for _ in range(6)]

    results = race(
        [
            lambda p=p: services.mentorship_request(mentee=applicant, profile=p, goal="g")
            for p in mentors
        ]
    )

    assert sum(isinstance(r, Mentorship) for r in results) == MAX_OPEN_REQUESTS
    assert Mentorship.objects.filter(mentee=applicant).count() == MAX_OPEN_REQUESTS


@pytest.mark.parametrize("seats", [1, 4])
def test_concurrent_bookings_never_overbook_a_slot(seats):
    profile = approved_mentor(capacity=10)
    mentees = [ApplicantFactory() for _ in range(8)]
    for mentee in mentees:
        active_mentorship(profile, mentee)
    group = slot(profile.user, kind="group" if seats > 1 else "one_to_one", capacity=seats)

    results = race([lambda m=m: services.office_hour_book(slot=group, mentee=m) for m in mentees])

    winners = [r for r in results if isinstance(r, OfficeHourBooking)]
    losers = [r for r in results if not isinstance(r, OfficeHourBooking)]
    assert len(winners) == seats
    assert OfficeHourBooking.objects.filter(slot=group, status="booked").count() == seats
    assert all(isinstance(r, ConflictError) and r.message == SLOT_FULL for r in losers), losers
