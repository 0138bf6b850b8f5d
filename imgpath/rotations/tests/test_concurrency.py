"""Seats and dates hold under concurrent writers (PostgreSQL, real threads and row locks).

SQLite serialises every writer with IMMEDIATE transactions, so the race cannot
happen there; these tests need PostgreSQL (DATABASE_URL=postgres://...).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from imgpath.accounts.tests.factories import ApplicantFactory
from imgpath.core.errors import ConflictError
from imgpath.core.testing import race, skip_unless_postgres
from imgpath.rotations import services
from imgpath.rotations.models import Booking
from imgpath.rotations.services import FULL_MESSAGE
from imgpath.rotations.tests.factories import (
    HostProfileFactory,
    OfferingFactory,
    SessionFactory,
    SiteFactory,
    apply,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    skip_unless_postgres()


def _accept(application, decided_by) -> Callable[[], object]:
    return lambda: services.application_decide(
        application=application, decision="accept", decided_by=decided_by
    )


@pytest.mark.parametrize("seats", [1, 3])
def test_concurrent_accepts_never_overbook(session, host, staff, seats):
    session.seats = seats
    session.save()
    applications = [apply(session, ApplicantFactory()) for _ in range(10)]
    # The host and IMGPath staff accept at the same moment.
    deciders = [host if i % 2 else staff for i in range(len(applications))]

    results = race([_accept(a, d) for a, d in zip(applications, deciders, strict=True)])

    winners = [r for r in results if isinstance(r, Booking)]
    losers = [r for r in results if not isinstance(r, Booking)]
    assert len(winners) == seats
    assert Booking.objects.filter(session=session, status="booked").count() == seats
    assert all(isinstance(r, ConflictError) and r.message == FULL_MESSAGE for r in losers), losers
    assert sorted(a.status for a in type(applications[0]).objects.all()).count("accepted") == seats


def test_concurrent_accepts_of_overlapping_sessions_book_only_one(applicant):
    sessions = []
    for _ in range(5):
        host = HostProfileFactory()
        sessions.append(SessionFactory(offering=OfferingFactory(site=SiteFactory(host=host))))
    applications = [apply(s, applicant) for s in sessions]

    results = race([_accept(a, a.session.offering.host.owner) for a in applications])

    assert sum(isinstance(r, Booking) for r in results) == 1
    assert Booking.objects.filter(applicant=applicant).count() == 1
    losers = [r for r in results if not isinstance(r, Booking)]
    assert all(isinstance(r, ConflictError) and "overlaps" in r.message for r in losers), losers


def test_a_cancel_racing_an_accept_still_respects_the_seats(session, host):
    session.seats = 1
    session.save()
    first, waiting, newcomer = (ApplicantFactory() for _ in range(3))
    booking = services.application_decide(
        application=apply(session, first), decision="accept", decided_by=host
    )
    services.application_decide(
        application=apply(session, waiting), decision="waitlist", decided_by=host
    )
    late = apply(session, newcomer)

    results = race(
        [
            lambda: services.booking_cancel(
                booking=booking, cancelled_by=first, reason="changed_plans"
            ),
            _accept(late, host),
        ]
    )

    assert not isinstance(results[0], Exception), results[0]
    assert Booking.objects.filter(session=session, status="booked").count() == 1
    if isinstance(results[1], Exception):
        assert isinstance(results[1], ConflictError) and results[1].message == FULL_MESSAGE


def test_many_applicants_applying_at_once_each_get_one_application(session):
    people = [ApplicantFactory() for _ in range(8)]
    documents = {
        p.pk: services.document_upload(owner=p, doc_type="cv", upload=_pdf()) for p in people
    }

    def applying(person):
        return lambda: services.application_create(
            session=session, applicant=person, statement="Hi", documents=[documents[person.pk]]
        )

    # Each person also double-submits.
    results = race([applying(p) for p in people] + [applying(p) for p in people])

    assert session.applications.count() == len(people)
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == len(people)
    assert all(isinstance(e, ConflictError) for e in errors), errors


def _pdf():
    from imgpath.rotations.tests.factories import upload

    return upload("cv.pdf")
