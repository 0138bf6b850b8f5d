"""The marketplace's rules, through the services that views and the API share."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from imgpath.accounts.tests.factories import ApplicantFactory
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.profiles.models import ApplicantProfile
from imgpath.rotations import services
from imgpath.rotations.models import Application, ApplicationEvent, Booking, HostProfile
from imgpath.rotations.tests.factories import (
    OfferingFactory,
    SessionFactory,
    SiteFactory,
    apply,
    book,
    document_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def emails(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the emails) as a committed transaction would."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def _events(application) -> list[tuple[str, str]]:
    return [(e.kind, e.actor_role) for e in application.events.all()]


class TestApplying:
    def test_applying_records_the_event_and_emails_both_sides(
        self, session, applicant, host, emails
    ):
        application = emails(lambda: apply(session, applicant))

        assert application.status == "submitted"
        assert _events(application) == [("applied", "applicant")]
        assert application.events.get().actor == applicant
        assert sorted(m.to[0] for m in mail.outbox) == sorted([applicant.email, host.email])
        assert "Applied" in mail.outbox[0].subject

    def test_a_missing_required_document_is_refused_and_nothing_changes(self, session, applicant):
        session.offering.required_documents = ["cv", "passport"]
        session.offering.save()

        with pytest.raises(ServiceError, match="requires: Passport"):
            services.application_create(
                session=session,
                applicant=applicant,
                statement="Hello",
                documents=[document_for(applicant, "cv")],
            )
        assert Application.objects.count() == 0

    def test_another_persons_document_is_refused(self, session, applicant, other_applicant):
        with pytest.raises(ServiceError, match="your own vault"):
            services.application_create(
                session=session,
                applicant=applicant,
                statement="Hello",
                documents=[document_for(other_applicant, "cv")],
            )

    def test_a_statement_is_required(self, session, applicant):
        with pytest.raises(ServiceError) as refused:
            services.application_create(
                session=session,
                applicant=applicant,
                statement="  ",
                documents=[document_for(applicant)],
            )
        assert refused.value.field == "statement"

    def test_a_requirement_the_profile_contradicts_is_refused(self, session, applicant):
        session.offering.kind, session.offering.hands_on = "externship", True
        session.offering.requires_step1, session.offering.audience = True, "graduates"
        session.offering.save()
        ApplicantProfile.objects.create(
            user=applicant,
            data={
                "medical_school": {"graduated": True},
                "exams": {"usmle_step1": {"status": "not_taken"}},
            },
        )

        with pytest.raises(ServiceError, match="USMLE Step 1 passed"):
            apply(session, applicant)
        assert Application.objects.count() == 0

    def test_an_unknown_requirement_lets_them_apply_and_tells_the_host(self, session, applicant):
        session.offering.requires_step1 = True
        session.offering.save()

        application = apply(session, applicant)

        assert [c["status"] for c in application.unconfirmed_checks] == ["unconfirmed"]

    def test_hosts_cannot_apply(self, session, other_host):
        with pytest.raises(ServiceError, match="Only applicant"):
            apply(session, other_host)

    @pytest.mark.parametrize("change", ["draft", "unverified", "closed", "started"])
    def test_only_open_public_future_sessions_take_applications(self, session, applicant, change):
        offering, host = session.offering, session.offering.host
        if change == "draft":
            offering.status = "draft"
            offering.save()
        elif change == "unverified":
            host.verified_at = None
            host.save()
        elif change == "closed":
            session.is_open = False
            session.save()
        else:
            session.start_date = timezone.localdate()
            session.save()

        with pytest.raises(ConflictError):
            apply(session, applicant)

    def test_one_open_application_per_session(self, session, applicant):
        apply(session, applicant)
        with pytest.raises(ConflictError, match="already have an open application"):
            apply(session, applicant)
        assert Application.objects.count() == 1

    def test_withdrawn_applicants_may_apply_again(self, session, applicant):
        first = apply(session, applicant)
        services.application_withdraw(application=first, withdrawn_by=applicant)

        again = apply(session, applicant)

        assert again.pk != first.pk
        assert _events(Application.objects.get(pk=first.pk)) == [
            ("applied", "applicant"),
            ("withdrawn", "applicant"),
        ]

    def test_only_the_applicant_withdraws_and_only_while_pending(
        self, session, applicant, other_applicant
    ):
        application = apply(session, applicant)
        with pytest.raises(PermissionDenied):
            services.application_withdraw(application=application, withdrawn_by=other_applicant)
        services.application_decide(
            application=application, decision="accept", decided_by=session.offering.host.owner
        )
        with pytest.raises(ConflictError, match="accepted"):
            services.application_withdraw(application=application, withdrawn_by=applicant)


class TestDeciding:
    def test_accepting_books_a_seat_with_a_snapshot_of_price_and_policy(
        self, session, applicant, host
    ):
        booking = book(session, applicant)

        assert isinstance(booking, Booking)
        assert booking.application.status == "accepted"
        assert booking.price_usd == 1000
        assert "Price: $1,000" in booking.policy_text
        assert booking.policy_terms["deposit_usd"] == 200
        assert booking.payment_status == "unpaid"
        assert session.seats_taken_now() == 1
        assert booking.application.decided_by == host
        assert booking.checklist.get(kind="document").is_done

    def test_later_edits_by_the_host_do_not_change_a_booking(self, session, applicant):
        booking = book(session, applicant)
        services.offering_update(
            offering=session.offering,
            fields={"fee_usd": 3000, "deposit_usd": 3000, "late_refund_percent": 0},
        )

        booking.refresh_from_db()
        assert booking.price_usd == 1000 and "$1,000" in booking.policy_text
        cancelled = services.booking_cancel(
            booking=booking, cancelled_by=applicant, reason="changed_plans"
        )
        assert cancelled.refund_due_usd == 800

    def test_a_full_session_refuses_with_a_conflict_and_nothing_changes(
        self, session, applicant, other_applicant
    ):
        session.seats = 1
        session.save()
        book(session, applicant)
        waiting = apply(session, other_applicant)

        with pytest.raises(ConflictError, match="full"):
            services.application_decide(
                application=waiting, decision="accept", decided_by=session.offering.host.owner
            )

        waiting.refresh_from_db()
        assert waiting.status == "submitted"
        assert Booking.objects.count() == 1
        assert _events(waiting) == [("applied", "applicant")]

    def test_an_overlapping_booking_is_refused(self, session, other_session, applicant):
        other_session.start_date = session.start_date + timedelta(days=7)
        other_session.end_date = session.end_date + timedelta(days=7)
        other_session.save()
        first = apply(session, applicant)
        second = apply(other_session, applicant)
        services.application_decide(
            application=first, decision="accept", decided_by=session.offering.host.owner
        )

        with pytest.raises(ConflictError, match="overlaps"):
            services.application_decide(
                application=second, decision="accept", decided_by=other_session.offering.host.owner
            )
        assert Booking.objects.filter(applicant=applicant).count() == 1

    def test_applying_while_holding_an_overlapping_booking_is_refused(
        self, session, other_session, applicant
    ):
        book(session, applicant)
        with pytest.raises(ConflictError, match="overlaps"):
            apply(other_session, applicant)

    def test_back_to_back_sessions_do_not_overlap(self, session, other_session, applicant):
        other_session.start_date = session.end_date + timedelta(days=1)
        other_session.end_date = other_session.start_date + timedelta(days=10)
        other_session.save()
        book(session, applicant)
        assert book(other_session, applicant).status == "booked"

    def test_only_the_owning_host_decides(self, session, applicant, other_host):
        application = apply(session, applicant)
        with pytest.raises(PermissionDenied):
            services.application_decide(
                application=application, decision="accept", decided_by=other_host
            )
        application.refresh_from_db()
        assert application.status == "submitted"

    def test_waitlist_then_decline_is_recorded_with_who_and_when(
        self, session, applicant, host, emails
    ):
        application = apply(session, applicant)
        emails(
            lambda: services.application_decide(
                application=application,
                decision="waitlist",
                decided_by=host,
                message="Full for now",
            )
        )
        services.application_decide(application=application, decision="decline", decided_by=host)

        application.refresh_from_db()
        assert application.status == "declined"
        assert _events(application) == [
            ("applied", "applicant"),
            ("waitlisted", "host"),
            ("declined", "host"),
        ]
        assert all(e.created_at for e in application.events.all())
        assert any("Full for now" in m.body for m in mail.outbox)

    def test_a_decided_application_cannot_be_decided_again(self, session, applicant, host):
        application = apply(session, applicant)
        services.application_decide(application=application, decision="decline", decided_by=host)
        with pytest.raises(ConflictError):
            services.application_decide(application=application, decision="accept", decided_by=host)
        assert not Booking.objects.exists()

    def test_unknown_decisions_are_refused(self, session, applicant, host):
        with pytest.raises(ServiceError):
            services.application_decide(
                application=apply(session, applicant), decision="maybe", decided_by=host
            )

    def test_booking_create_works_inside_a_callers_transaction(
        self, session, applicant, other_applicant
    ):
        """A placement round turns match results into bookings in one transaction."""
        first, second = apply(session, applicant), apply(session, other_applicant)
        with pytest.raises(RuntimeError), transaction.atomic():
            services.booking_create(application=first, decided_by=None)
            services.booking_create(application=second, decided_by=None)
            assert session.seats_taken_now() == 2
            raise RuntimeError("round aborted")
        assert not Booking.objects.exists()
        first.refresh_from_db()
        assert first.status == "submitted"


class TestCancellingAndTheWaitlist:
    @pytest.fixture
    def full_session(self, session, applicant, other_applicant, host):
        session.seats = 1
        session.save()
        booking = book(session, applicant)
        waiting = apply(session, other_applicant)
        services.application_decide(application=waiting, decision="waitlist", decided_by=host)
        return booking, waiting

    def test_cancelling_offers_the_seat_to_the_first_waitlisted(
        self, full_session, applicant, other_applicant, emails
    ):
        booking, waiting = full_session

        emails(
            lambda: services.booking_cancel(
                booking=booking, cancelled_by=applicant, reason="changed_plans"
            )
        )

        promoted = Booking.objects.get(applicant=other_applicant)
        assert promoted.status == "booked" and promoted.promoted_at is not None
        waiting.refresh_from_db()
        assert waiting.status == "accepted" and waiting.decided_by is None
        assert _events(waiting)[-1] == ("accepted", "system")
        assert any(other_applicant.email in m.to and "Accepted" in m.subject for m in mail.outbox)
        assert booking.session.seats_taken_now() == 1

    def test_a_waitlisted_applicant_whose_dates_clash_is_skipped(
        self, full_session, applicant, other_applicant, host
    ):
        booking, waiting = full_session
        clash = SessionFactory(
            offering=OfferingFactory(site=SiteFactory(host=booking.session.offering.host)),
            start_date=booking.session.start_date,
            end_date=booking.session.end_date,
        )
        book(clash, other_applicant)
        third = ApplicantFactory()
        later = apply(booking.session, third)
        services.application_decide(application=later, decision="waitlist", decided_by=host)

        services.booking_cancel(booking=booking, cancelled_by=applicant, reason="changed_plans")

        waiting.refresh_from_db()
        assert waiting.status == "waitlisted"
        assert Booking.objects.get(session=booking.session, status="booked").applicant == third

    def test_nobody_is_promoted_into_a_session_that_has_started(self, full_session, applicant):
        booking, waiting = full_session
        session = booking.session
        session.start_date = timezone.localdate() - timedelta(days=1)
        session.save()

        services.booking_cancel(booking=booking, cancelled_by=applicant, reason="changed_plans")

        waiting.refresh_from_db()
        assert waiting.status == "waitlisted"

    def test_visa_refusal_and_host_cancellation_refund_in_full(
        self, session, applicant, other_applicant, host
    ):
        mine = book(session, applicant)
        theirs = book(session, other_applicant)
        assert (
            services.booking_cancel(
                booking=mine, cancelled_by=applicant, reason="visa_denied"
            ).refund_due_usd
            == 1000
        )
        assert (
            services.booking_cancel(
                booking=theirs, cancelled_by=host, reason="host_cancelled", note="Clinic closed"
            ).refund_due_usd
            == 1000
        )

    def test_a_late_cancellation_refunds_per_the_policy(self, session, applicant):
        session.start_date = timezone.localdate() + timedelta(days=5)
        session.end_date = session.start_date + timedelta(days=20)
        session.save()
        booking = book(session, applicant)
        cancelled = services.booking_cancel(
            booking=booking, cancelled_by=applicant, reason="changed_plans"
        )
        assert cancelled.refund_due_usd == 400
        assert cancelled.application.status == "cancelled"
        assert _events(cancelled.application)[-1] == ("cancelled", "applicant")

    def test_only_the_right_people_cancel_and_only_once(
        self, session, applicant, other_applicant, other_host
    ):
        booking = book(session, applicant)
        with pytest.raises(PermissionDenied):
            services.booking_cancel(
                booking=booking, cancelled_by=other_applicant, reason="changed_plans"
            )
        with pytest.raises(PermissionDenied):
            services.booking_cancel(
                booking=booking, cancelled_by=other_host, reason="host_cancelled"
            )
        with pytest.raises(PermissionDenied):
            services.booking_cancel(
                booking=booking, cancelled_by=applicant, reason="host_cancelled"
            )
        services.booking_cancel(booking=booking, cancelled_by=applicant, reason="changed_plans")
        with pytest.raises(ConflictError, match="already cancelled"):
            services.booking_cancel(booking=booking, cancelled_by=applicant, reason="changed_plans")

    def test_adding_seats_promotes_the_waitlist(self, full_session, other_applicant):
        booking, _ = full_session
        services.session_update(session=booking.session, seats=2, is_open=True)
        assert Booking.objects.get(applicant=other_applicant).status == "booked"

    def test_seats_never_drop_below_bookings(self, full_session):
        booking, _ = full_session
        with pytest.raises(ConflictError, match="already booked"):
            services.session_update(session=booking.session, seats=0, is_open=True)
        booking.session.refresh_from_db()
        assert booking.session.seats == 1


class TestAfterTheRotation:
    @pytest.fixture
    def ended(self, session, applicant):
        booking = book(session, applicant)
        session.start_date = timezone.localdate() - timedelta(days=28)
        session.end_date = timezone.localdate()
        session.save()
        return Booking.objects.get(pk=booking.pk)

    def test_completion_waits_for_the_last_day(self, session, applicant, host):
        booking = book(session, applicant)
        with pytest.raises(ConflictError, match="last day"):
            services.booking_complete(booking=booking, completed_by=host, evaluation="Great")

    def test_completion_needs_an_evaluation_and_the_host(self, ended, host, other_host):
        with pytest.raises(ServiceError, match="evaluation"):
            services.booking_complete(booking=ended, completed_by=host, evaluation=" ")
        with pytest.raises(PermissionDenied):
            services.booking_complete(booking=ended, completed_by=other_host, evaluation="Great")
        done = services.booking_complete(booking=ended, completed_by=host, evaluation="Great")
        assert done.status == "completed" and done.completed_by == host
        assert _events(done.application)[-1] == ("completed", "host")

    def test_reviews_only_for_completed_bookings_once_by_the_applicant(
        self, ended, applicant, other_applicant, host
    ):
        with pytest.raises(ConflictError, match="completed"):
            services.review_create(booking=ended, author=applicant, rating=5, text="Good")
        done = services.booking_complete(booking=ended, completed_by=host, evaluation="Great")
        with pytest.raises(PermissionDenied):
            services.review_create(booking=done, author=other_applicant, rating=1, text="Bad")
        with pytest.raises(ValidationError):
            services.review_create(booking=done, author=applicant, rating=6, text="Off the scale")
        services.review_create(booking=done, author=applicant, rating=5, text="Good")
        with pytest.raises(ConflictError, match="already reviewed"):
            services.review_create(booking=done, author=applicant, rating=4, text="Again")

    def test_letter_requests_are_tracked_without_the_letter(self, ended, applicant, host):
        offering = ended.session.offering
        done = services.booking_complete(booking=ended, completed_by=host, evaluation="Great")
        with pytest.raises(ConflictError, match="does not offer"):
            services.letter_request_create(booking=done, requested_by=applicant)
        offering.letter_possible = True
        offering.save()
        done = Booking.objects.get(pk=done.pk)

        letter = services.letter_request_create(
            booking=done, requested_by=applicant, note="ERAS ID 123"
        )
        with pytest.raises(ConflictError):
            services.letter_request_update(letter=letter, status="submitted", updated_by=host)
        services.letter_request_update(letter=letter, status="agreed", updated_by=host)
        letter = services.letter_request_update(
            letter=letter, status="submitted", updated_by=host, note="Uploaded"
        )

        assert letter.status == "submitted"
        assert [k for k, _ in _events(done.application)][-3:] == [
            "letter_requested",
            "letter_agreed",
            "letter_submitted",
        ]

    def test_payments_are_recorded_by_the_host(self, session, applicant, host, other_host):
        booking = book(session, applicant)
        with pytest.raises(PermissionDenied):
            services.booking_record_payment(booking=booking, recorded_by=other_host, status="paid")
        with pytest.raises(ConflictError, match="Only a paid"):
            services.booking_record_payment(booking=booking, recorded_by=host, status="refunded")
        services.booking_record_payment(booking=booking, recorded_by=host, status="paid")
        cancelled = services.booking_cancel(
            booking=booking, cancelled_by=applicant, reason="changed_plans"
        )
        with pytest.raises(ServiceError):
            services.booking_record_payment(
                booking=cancelled, recorded_by=host, status="refunded", amount_usd=5000
            )
        refunded = services.booking_record_payment(
            booking=cancelled, recorded_by=host, status="refunded"
        )
        assert (refunded.payment_status, refunded.refunded_usd) == ("refunded", 800)

    def test_free_bookings_have_nothing_to_pay(self, session, applicant, host):
        session.offering.fee_usd = session.offering.deposit_usd = 0
        session.offering.save()
        booking = book(session, applicant)
        assert booking.payment_status == "not_due"
        with pytest.raises(ConflictError, match="free"):
            services.booking_record_payment(booking=booking, recorded_by=host, status="paid")

    def test_either_side_ticks_onboarding_steps(self, session, applicant, host, other_applicant):
        session.offering.onboarding_steps = "HIPAA training\nArrival time"
        session.offering.save()
        booking = book(session, applicant)
        step = booking.checklist.filter(kind="step").first()

        with pytest.raises(PermissionDenied):
            services.checklist_item_set(item=step, done=True, by=other_applicant)
        item = services.checklist_item_set(item=step, done=True, by=applicant)
        assert item.is_done and item.done_by == applicant
        assert not services.checklist_item_set(item=step, done=False, by=host).is_done


class TestHosts:
    def test_staff_verification_records_who_and_when(self, host_profile, staff, host):
        host_profile.verified_at = None
        host_profile.save()
        with pytest.raises(PermissionDenied):
            services.host_profile_verify(profile=host_profile, verified_by=host)
        verified = services.host_profile_verify(profile=host_profile, verified_by=staff)
        assert verified.verified_by == staff and verified.verified_at is not None

    def test_changing_who_the_host_is_sends_it_back_to_staff(self, host_profile):
        services.host_profile_update(profile=host_profile, fields={"about": "Now with more detail"})
        assert HostProfile.objects.get(pk=host_profile.pk).is_verified
        services.host_profile_update(profile=host_profile, fields={"name": "Someone else"})
        assert not HostProfile.objects.get(pk=host_profile.pk).is_verified

    def test_only_host_accounts_create_profiles(self, applicant):
        with pytest.raises(ServiceError):
            services.host_profile_create(owner=applicant, fields={"kind": "physician", "name": "X"})

    def test_sessions_start_in_the_future_with_a_seat(self, offering):
        today = timezone.localdate()
        with pytest.raises(ServiceError, match="future"):
            services.session_create(offering=offering, start_date=today, end_date=today, seats=1)
        with pytest.raises(ServiceError, match="seat"):
            services.session_create(
                offering=offering,
                start_date=today + timedelta(days=9),
                end_date=today + timedelta(days=20),
                seats=0,
            )
        with pytest.raises(ValidationError):
            services.session_create(
                offering=offering,
                start_date=today + timedelta(days=9),
                end_date=today + timedelta(days=2),
                seats=1,
            )

    def test_the_event_log_is_complete(self, session, applicant, host):
        booking = book(session, applicant)
        services.booking_cancel(
            booking=booking, cancelled_by=host, reason="host_cancelled", note="Sorry"
        )
        kinds = list(ApplicationEvent.objects.values_list("kind", "actor_role", "actor__email"))
        assert kinds == [
            ("applied", "applicant", applicant.email),
            ("accepted", "host", host.email),
            ("cancelled", "host", host.email),
        ]
