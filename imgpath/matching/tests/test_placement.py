"""Placement rounds: rotation seats by mutual preference, booked through the marketplace."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from imgpath.accounts.tests.factories import ApplicantFactory
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.matching import services
from imgpath.matching.models import CycleStatus, MatchCycle, MatchProgram, Participant
from imgpath.matching.tests.factories import in_days, pass_deadline
from imgpath.rotations import services as rotations
from imgpath.rotations.models import Application, Booking
from imgpath.rotations.services.bookings import booking_requested
from imgpath.rotations.tests.factories import (
    HostProfileFactory,
    OfferingFactory,
    SessionFactory,
    SiteFactory,
    apply,
    book,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def offering(host):
    profile = HostProfileFactory(owner=host, name="Hana Host Clinic")
    return OfferingFactory(site=SiteFactory(host=profile), title="IM observership")


@pytest.fixture
def early(offering):
    return SessionFactory(
        offering=offering, seats=1, start_date=timezone.localdate() + timedelta(30)
    )


@pytest.fixture
def late(offering):
    return SessionFactory(
        offering=offering, seats=1, start_date=timezone.localdate() + timedelta(90)
    )


@pytest.fixture
def people(early, late, applicant, other_applicant):
    """Three applicants; Ana and Omar applied to both sessions, Pia only to the late one."""
    pia = ApplicantFactory(name="Pia Third")
    apps = {
        ("ana", "early"): apply(early, applicant),
        ("ana", "late"): apply(late, applicant),
        ("omar", "early"): apply(early, other_applicant),
        ("omar", "late"): apply(late, other_applicant),
        ("pia", "late"): apply(late, pia),
    }
    return {"ana": applicant, "omar": other_applicant, "pia": pia, "apps": apps}


def open_round(host, sessions, **extra):
    return services.placement_round_open(
        host_user=host,
        sessions=sessions,
        title="Spring placement",
        rank_deadline=in_days(7),
        **extra,
    )


def participant(cycle, user):
    return Participant.objects.get(cycle=cycle, user=user)


def session_program(cycle, session):
    return MatchProgram.objects.get(cycle=cycle, session=session)


def rank(cycle, user, sessions, *, certify=True):
    me = participant(cycle, user)
    ids = [session_program(cycle, s).pk for s in sessions]
    services.applicant_ranks_replace(participant=me, program_ids=ids, by=user)
    if certify:
        services.applicant_ranks_certify(participant=me, by=user)


def host_ranks(cycle, host, session, users):
    prog = session_program(cycle, session)
    ids = [participant(cycle, u).pk for u in users]
    services.program_ranks_replace(program=prog, participant_ids=ids, by=host)
    services.program_ranks_certify(program=prog, by=host)


class TestOpening:
    def test_opening_invites_the_pending_applicants(
        self, host, early, late, people, django_capture_on_commit_callbacks
    ):
        rotations.application_withdraw(
            application=people["apps"][("pia", "late")], withdrawn_by=people["pia"]
        )
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            cycle = open_round(host, [early, late])
        assert cycle.kind == "placement" and cycle.created_by == host
        assert sorted(cycle.programs.values_list("session_id", "capacity")) == [
            (early.pk, 1),
            (late.pk, 1),
        ]
        assert set(cycle.participants.values_list("user__name", flat=True)) == {
            people["ana"].name,
            people["omar"].name,
        }
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [people["ana"].email, people["omar"].email]
        )

    def test_only_the_sessions_host(self, other_host, early, people):
        with pytest.raises(PermissionDenied):
            open_round(other_host, [early])

    def test_a_session_is_in_one_open_round_at_a_time(self, host, early, late, people):
        first = open_round(host, [early])
        with pytest.raises(ConflictError, match="already in the open round"):
            open_round(host, [early, late])
        services.cycle_cancel(cycle=first, by=host)
        open_round(host, [early, late])

    def test_the_deadline_comes_before_the_first_session(self, host, early, people):
        with pytest.raises(ServiceError, match="before the first session starts"):
            services.placement_round_open(
                host_user=host,
                sessions=[early],
                title="Too late",
                rank_deadline=timezone.now() + timedelta(days=45),
            )

    def test_nothing_to_place_without_pending_applications(self, host, early):
        with pytest.raises(ConflictError, match="nobody to place"):
            open_round(host, [early])

    def test_late_applicants_join_and_only_rank_their_sessions(self, host, early, late, people):
        cycle = open_round(host, [early, late])
        newcomer = ApplicantFactory()
        with pytest.raises(ConflictError, match="no pending application"):
            services.participant_join(cycle=cycle, user=newcomer)
        apply(late, newcomer)
        me = services.participant_join(cycle=cycle, user=newcomer)
        with pytest.raises(ServiceError, match="not one you can rank"):
            services.applicant_ranks_replace(
                participant=me, program_ids=[session_program(cycle, early).pk], by=newcomer
            )
        # The host ranks, per session, only that session's applicants.
        pia = participant(cycle, people["pia"])
        with pytest.raises(ServiceError, match="not one you can rank"):
            services.program_ranks_replace(
                program=session_program(cycle, early), participant_ids=[pia.pk], by=host
            )


class TestOneByOneIsPaused:
    def test_the_host_cannot_accept_while_the_round_is_open(self, host, early, late, people):
        cycle = open_round(host, [early, late])
        application = people["apps"][("ana", "early")]
        with pytest.raises(ConflictError, match="placement round “Spring placement”"):
            rotations.application_decide(
                application=application, decision="accept", decided_by=host
            )
        application.refresh_from_db()
        assert application.status == "submitted" and not Booking.objects.exists()
        # Declining still works: that applicant simply leaves the round.
        rotations.application_decide(application=application, decision="decline", decided_by=host)
        services.cycle_cancel(cycle=cycle, by=host)
        other = people["apps"][("omar", "early")]
        assert isinstance(
            rotations.application_decide(application=other, decision="accept", decided_by=host),
            Booking,
        )

    def test_a_freed_seat_waits_for_the_round_not_the_waitlist(self, host, offering, people):
        session = SessionFactory(offering=offering, seats=1)
        booking = book(session, ApplicantFactory())
        waiting = apply(session, people["pia"])
        rotations.application_decide(application=waiting, decision="waitlist", decided_by=host)
        open_round(host, [session])
        rotations.booking_cancel(booking=booking, cancelled_by=host, reason="host_cancelled")
        waiting.refresh_from_db()
        assert waiting.status == "waitlisted"


class TestRunning:
    def test_placements_become_bookings_within_the_seats(self, host, early, late, people):
        cycle = open_round(host, [early, late])
        for who in ("ana", "omar"):
            rank(cycle, people[who], [early, late])
        rank(cycle, people["pia"], [late])
        host_ranks(cycle, host, early, [people["omar"], people["ana"]])
        host_ranks(cycle, host, late, [people["pia"], people["ana"], people["omar"]])

        cycle = services.cycle_run(cycle=pass_deadline(cycle), run_by=None)

        booked = {(b.applicant.name, b.session_id) for b in Booking.objects.all()}
        assert booked == {(people["omar"].name, early.pk), (people["pia"].name, late.pk)}
        ana = participant(cycle, people["ana"])
        assert ana.matched_program is None and ana.list_used
        assert (
            people["apps"][("ana", "early")]
            .__class__.objects.get(pk=people["apps"][("ana", "early")].pk)
            .status
            == "submitted"
        )
        assert cycle.stats["booked"] == 2 and cycle.stats["not_booked"] == 0
        omar = participant(cycle, people["omar"])
        assert omar.booking.application.status == "accepted"
        assert "Placed by the round" in omar.booking.application.host_message

    def test_capacity_is_the_seats_left_when_it_runs(self, host, late, people):
        rotations.session_update(session=late, seats=2, is_open=True)
        book(late, ApplicantFactory())
        cycle = open_round(host, [late])
        assert session_program(cycle, late).capacity == 1
        # The host adds a seat during the round: the waitlist does not take it, the round does.
        rotations.session_update(session=late, seats=3, is_open=True)
        for who in ("ana", "omar", "pia"):
            rank(cycle, people[who], [late])
        host_ranks(cycle, host, late, [people["pia"], people["omar"], people["ana"]])

        services.cycle_run(cycle=cycle, run_by=host)

        assert Booking.objects.filter(session=late, status="booked").count() == 3
        assert session_program(cycle, late).capacity == 2  # the seats the run had
        placed = {p.user for p in cycle.participants.filter(booking__isnull=False)}
        assert placed == {people["pia"], people["omar"]}
        assert participant(cycle, people["ana"]).matched_program is None

    def test_overlapping_bookings_are_never_made(self, host, early, late, people, other_host):
        # Ana meanwhile got a booking elsewhere that overlaps the early session.
        other_profile = HostProfileFactory(owner=other_host)
        elsewhere = SessionFactory(
            offering=OfferingFactory(site=SiteFactory(host=other_profile)),
            start_date=early.start_date + timedelta(days=3),
        )
        cycle = open_round(host, [early, late])
        book(elsewhere, people["ana"])
        rank(cycle, people["ana"], [early, late])
        rank(cycle, people["omar"], [late])
        host_ranks(cycle, host, early, [people["ana"], people["omar"]])
        host_ranks(cycle, host, late, [people["omar"], people["ana"]])

        services.cycle_run(cycle=cycle, run_by=host)

        ana = participant(cycle, people["ana"])
        assert ana.matched_program is None
        assert not Booking.objects.filter(applicant=people["ana"], session=early).exists()
        assert Booking.objects.filter(session=late, applicant=people["omar"]).exists()

    def test_a_refused_booking_is_skipped_and_reported(self, host, early, late, people):
        cycle = open_round(host, [early, late])
        rank(cycle, people["ana"], [early])
        rank(cycle, people["pia"], [late])
        host_ranks(cycle, host, early, [people["ana"]])
        host_ranks(cycle, host, late, [people["pia"]])

        # The marketplace refuses Ana's seat inside booking_create, under its locks (as a
        # booking made elsewhere a moment earlier would).
        def refuse_ana(sender, *, application, **kwargs):
            if application.applicant_id == people["ana"].pk:
                raise ConflictError("Ana Applicant already has a booking that overlaps.")

        booking_requested.connect(refuse_ana, dispatch_uid="test-refuse-ana")
        try:
            cycle = services.cycle_run(cycle=cycle, run_by=host)
        finally:
            booking_requested.disconnect(dispatch_uid="test-refuse-ana")

        ana, pia = participant(cycle, people["ana"]), participant(cycle, people["pia"])
        assert ana.matched_program.session == early and ana.booking is None
        assert "overlaps" in ana.placement_note
        assert pia.booking.session == late
        assert cycle.status == CycleStatus.COMPLETED
        assert (cycle.stats["booked"], cycle.stats["not_booked"]) == (1, 1)
        application = Application.objects.get(pk=people["apps"][("ana", "early")].pk)
        assert application.status == "submitted"
        assert not application.events.filter(kind="accepted").exists()
        assert not Booking.objects.filter(applicant=people["ana"]).exists()


class TestPages:
    def test_a_host_opens_a_round_from_the_page(self, client_for, host, early, late, people):
        client = client_for(host)
        page = client.get(reverse("match_round_create")).content.decode()
        assert "2 pending applications for 1 seat left" in page
        deadline = (timezone.now() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
        response = client.post(
            reverse("match_round_create"),
            {"title": "Spring", "rank_deadline": deadline, "sessions": [early.pk, late.pk]},
        )
        cycle = MatchCycle.objects.get(title="Spring")
        assert response["Location"] == reverse("match_cycle", args=[cycle.pk])
        assert cycle.programs.count() == 2

    def test_accepting_during_a_round_explains_why_on_the_host_page(
        self, client_for, host, early, people
    ):
        open_round(host, [early])
        application = people["apps"][("ana", "early")]
        response = client_for(host).post(
            reverse("application_decide", args=[application.pk]),
            {"decision": "accept", "message": ""},
            follow=True,
        )
        assert "is in the placement round “Spring placement”" in response.content.decode()
        application.refresh_from_db()
        assert application.status == "submitted"

    def test_results_pages_and_the_placements_endpoint(
        self, client_for, host, early, late, people, other_host
    ):
        cycle = open_round(host, [early, late])
        rank(cycle, people["ana"], [early, late])
        host_ranks(cycle, host, early, [people["ana"]])
        services.cycle_run(cycle=cycle, run_by=host)
        booking = Booking.objects.get()

        ana_page = client_for(people["ana"]).get(reverse("match_cycle", args=[cycle.pk]))
        assert reverse("application_detail", args=[booking.application_id]) in (
            ana_page.content.decode()
        )
        host_page = client_for(host).get(reverse("match_cycle", args=[cycle.pk])).content.decode()
        assert reverse("host_application_detail", args=[booking.application_id]) in host_page

        url = f"/api/v1/match-cycles/{cycle.pk}/placements"
        (placed,) = client_for(host).get(url).json()
        assert (placed["applicant"]["name"], placed["booking_id"], placed["booked"]) == (
            people["ana"].name,
            booking.pk,
            True,
        )
        assert client_for(people["ana"]).get(url).status_code == 403
        assert client_for(other_host).get(url).status_code == 404
        assert client_for(people["pia"]).get(url).status_code == 403  # in the round
        assert client_for(ApplicantFactory()).get(url).status_code == 404
