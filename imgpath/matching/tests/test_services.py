"""Mock cycles through the services: who may do what, the deadline lock, one run, results."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from imgpath.accounts.tests.factories import ApplicantFactory, HostFactory
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.matching import services
from imgpath.matching.models import CycleStatus, MatchCycle, Participant
from imgpath.matching.services.running import build_market
from imgpath.matching.tests.factories import (
    in_days,
    join_and_rank,
    mock_cycle,
    pass_deadline,
    program,
    rank_applicants,
    rank_snapshot,
)

pytestmark = pytest.mark.django_db


class TestCreating:
    def test_staff_and_approved_hosts_create_mock_cycles(self, staff, approved_host):
        for user in (staff, approved_host):
            cycle = services.mock_cycle_create(
                created_by=user, title="  Practice  ", rank_deadline=in_days()
            )
            assert (cycle.title, cycle.status, cycle.kind) == ("Practice", "open", "mock")

    @pytest.mark.parametrize("who", ["host", "applicant", "mentor"])
    def test_unapproved_hosts_and_others_cannot(self, request, who):
        user = request.getfixturevalue(who)
        with pytest.raises(PermissionDenied):
            services.mock_cycle_create(created_by=user, title="X", rank_deadline=in_days())
        assert not MatchCycle.objects.exists()

    @pytest.mark.parametrize(
        ("deadline", "message"),
        [
            (timedelta(minutes=1), "at least 5 minutes"),
            (timedelta(days=-1), "at least 5 minutes"),
            (timedelta(days=400), "within a year"),
        ],
    )
    def test_deadline_bounds(self, staff, deadline, message):
        with pytest.raises(ServiceError, match=message):
            services.mock_cycle_create(
                created_by=staff, title="X", rank_deadline=timezone.now() + deadline
            )

    def test_programs_need_unique_names_and_bounded_positions(self, cycle, approved_host):
        with pytest.raises(ServiceError, match="already has a program"):
            services.program_add(cycle=cycle, by=approved_host, name="City Hospital", capacity=1)
        with pytest.raises(ServiceError, match="from 0 to 100"):
            services.program_add(cycle=cycle, by=approved_host, name="Big", capacity=101)
        assert cycle.programs.count() == 2

    def test_only_the_creator_or_staff_add_programs(self, cycle, other_host, staff):
        with pytest.raises(PermissionDenied):
            services.program_add(cycle=cycle, by=other_host, name="Mine", capacity=1)
        services.program_add(cycle=cycle, by=staff, name="Staff program", capacity=2)
        assert cycle.programs.count() == 3

    def test_an_invited_host_ranks_for_the_program_and_is_emailed(
        self, cycle, approved_host, other_host, applicant, django_capture_on_commit_callbacks
    ):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            invited = services.program_add(
                cycle=cycle,
                by=approved_host,
                name="Hill Hospital",
                capacity=1,
                owner_email=other_host.email.upper(),
            )
        assert invited.owner == other_host
        assert invited.managed_by(other_host) and not invited.managed_by(approved_host)
        assert [m.to for m in mail.outbox] == [[other_host.email]]
        with pytest.raises(ServiceError, match="No host account"):
            services.program_add(
                cycle=cycle, by=approved_host, name="X", capacity=1, owner_email=applicant.email
            )

    def test_a_ranked_program_cannot_be_removed(self, cycle, approved_host, applicant):
        join_and_rank(cycle, applicant, ["City Hospital"], certify=False)
        with pytest.raises(ConflictError, match="cannot be removed"):
            services.program_remove(program=program(cycle, "City Hospital"), by=approved_host)
        services.program_remove(program=program(cycle, "Lake Clinic"), by=approved_host)
        assert list(cycle.programs.values_list("name", flat=True)) == ["City Hospital"]


class TestJoiningAndRanking:
    def test_joining_twice_returns_the_same_participation(self, cycle, applicant):
        first = services.participant_join(cycle=cycle, user=applicant)
        assert services.participant_join(cycle=cycle, user=applicant) == first
        assert cycle.participants.count() == 1

    @pytest.mark.parametrize("who", ["host", "mentor", "staff"])
    def test_only_applicants_join(self, cycle, request, who):
        with pytest.raises(ServiceError, match="Only applicant accounts"):
            services.participant_join(cycle=cycle, user=request.getfixturevalue(who))

    def test_replace_keeps_the_order_and_refuses_repeats_and_strangers(self, cycle, applicant):
        me = services.participant_join(cycle=cycle, user=applicant)
        city, lake = program(cycle, "City Hospital"), program(cycle, "Lake Clinic")
        services.applicant_ranks_replace(
            participant=me, program_ids=[lake.pk, city.pk], by=applicant
        )
        assert list(me.ranks.values_list("program__name", "position")) == [
            ("Lake Clinic", 1),
            ("City Hospital", 2),
        ]
        other = mock_cycle(cycle.created_by, programs=[("Elsewhere", 1)])
        for ids, message in (
            ([city.pk, city.pk], "listed twice"),
            ([program(other, "Elsewhere").pk], "not one you can rank"),
        ):
            with pytest.raises(ServiceError, match=message):
                services.applicant_ranks_replace(participant=me, program_ids=ids, by=applicant)
        assert list(me.ranks.values_list("program__name", flat=True)) == [
            "Lake Clinic",
            "City Hospital",
        ]

    def test_nobody_else_changes_or_certifies_my_list(
        self, cycle, applicant, other_applicant, approved_host
    ):
        me = join_and_rank(cycle, applicant, ["City Hospital"], certify=False)
        before = rank_snapshot(cycle)
        for intruder in (other_applicant, approved_host):
            with pytest.raises(PermissionDenied):
                services.applicant_ranks_replace(participant=me, program_ids=[], by=intruder)
            with pytest.raises(PermissionDenied):
                services.applicant_ranks_certify(participant=me, by=intruder)
        with pytest.raises(PermissionDenied):
            services.program_ranks_replace(
                program=program(cycle, "City Hospital"), participant_ids=[me.pk], by=applicant
            )
        assert rank_snapshot(cycle) == before

    def test_changing_a_certified_list_uncertifies_it_saving_the_same_does_not(
        self, cycle, applicant
    ):
        me = join_and_rank(cycle, applicant, ["City Hospital", "Lake Clinic"])
        same = [program(cycle, "City Hospital").pk, program(cycle, "Lake Clinic").pk]
        services.applicant_ranks_replace(participant=me, program_ids=same, by=applicant)
        me.refresh_from_db()
        assert me.certified_at is not None
        services.applicant_ranks_replace(participant=me, program_ids=same[::-1], by=applicant)
        me.refresh_from_db()
        assert me.certified_at is None

    def test_an_empty_list_cannot_be_certified(self, cycle, applicant, approved_host):
        me = services.participant_join(cycle=cycle, user=applicant)
        with pytest.raises(ServiceError, match="Rank at least one program"):
            services.applicant_ranks_certify(participant=me, by=applicant)
        with pytest.raises(ServiceError, match="Rank at least one applicant"):
            services.program_ranks_certify(program=program(cycle, "Lake Clinic"), by=approved_host)

    def test_leaving_deletes_my_list_and_programs_ranks_of_me(
        self, ranked, cycle, applicant, other_applicant
    ):
        services.participant_leave(participant=ranked["ana"], by=applicant)
        assert not Participant.objects.filter(user=applicant).exists()
        assert list(program(cycle, "Lake Clinic").ranks.values_list("participant", flat=True)) == [
            ranked["omar"].pk
        ]
        with pytest.raises(PermissionDenied):
            services.participant_leave(participant=ranked["omar"], by=applicant)


class TestDeadlineLock:
    def _every_change(self, cycle, ranked, approved_host, applicant, other_applicant):
        ana, city = ranked["ana"], program(cycle, "City Hospital")
        return [
            lambda: services.applicant_ranks_replace(participant=ana, program_ids=[], by=applicant),
            lambda: services.applicant_ranks_certify(participant=ana, by=applicant),
            lambda: services.program_ranks_replace(
                program=city, participant_ids=[ana.pk], by=approved_host
            ),
            lambda: services.program_ranks_certify(program=city, by=approved_host),
            lambda: services.participant_join(cycle=cycle, user=ApplicantFactory()),
            lambda: services.participant_leave(participant=ana, by=applicant),
            lambda: services.program_add(cycle=cycle, by=approved_host, name="Late", capacity=1),
        ]

    def test_after_the_deadline_every_change_is_409_and_nothing_changes(
        self, cycle, ranked, approved_host, applicant, other_applicant
    ):
        pass_deadline(cycle)
        before = rank_snapshot(cycle)
        for change in self._every_change(cycle, ranked, approved_host, applicant, other_applicant):
            with pytest.raises(ConflictError, match="closed on"):
                change()
        assert rank_snapshot(cycle) == before
        assert cycle.participants.count() == 2 and cycle.programs.count() == 2

    def test_after_the_run_every_change_is_409_and_nothing_changes(
        self, cycle, ranked, approved_host, applicant, other_applicant
    ):
        services.cycle_run(cycle=cycle, run_by=approved_host)
        before = rank_snapshot(cycle)
        for change in self._every_change(cycle, ranked, approved_host, applicant, other_applicant):
            with pytest.raises(ConflictError, match="has run"):
                change()
        assert rank_snapshot(cycle) == before


class TestRunning:
    def test_results_are_stored_with_the_place_on_each_list(
        self, cycle, ranked, approved_host, django_capture_on_commit_callbacks
    ):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            cycle = services.cycle_run(cycle=cycle, run_by=approved_host)

        assert (cycle.status, cycle.ran_by) == (CycleStatus.COMPLETED, approved_host)
        ana, omar = (Participant.objects.get(pk=ranked[k].pk) for k in ("ana", "omar"))
        assert (omar.matched_program.name, omar.matched_choice) == ("City Hospital", 1)
        assert (ana.matched_program.name, ana.matched_choice) == ("Lake Clinic", 2)
        assert ana.list_used and omar.list_used
        assert cycle.stats["matched"] == 2 and cycle.stats["stable"] is True
        # Each participant and the host are told, one email each.
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [ana.user.email, omar.user.email, approved_host.email]
        )

    def test_a_cycle_runs_once(self, cycle, ranked, approved_host, staff):
        services.cycle_run(cycle=cycle, run_by=approved_host)
        results = list(Participant.objects.values_list("pk", "matched_program", "matched_choice"))
        with pytest.raises(ConflictError, match="already run"):
            services.cycle_run(cycle=cycle, run_by=staff)
        with pytest.raises(ConflictError, match="already run"):
            services.cycle_run(cycle=cycle, run_by=None)
        assert list(Participant.objects.values_list("pk", "matched_program", "matched_choice")) == (
            results
        )

    def test_only_the_creator_or_staff_run_it_and_the_scheduler_waits(
        self, cycle, ranked, other_host, applicant, staff
    ):
        for user in (other_host, applicant):
            with pytest.raises(PermissionDenied):
                services.cycle_run(cycle=cycle, run_by=user)
        with pytest.raises(ConflictError, match="not due"):
            services.cycle_run(cycle=cycle, run_by=None)
        assert MatchCycle.objects.get(pk=cycle.pk).status == "open"
        services.cycle_run(cycle=cycle, run_by=staff)
        assert MatchCycle.objects.get(pk=cycle.pk).status == "completed"

    def test_an_uncertified_applicant_list_is_not_used(self, cycle, approved_host, applicant):
        # Omar certified nothing: City Hospital goes to Ana although it ranks Omar first.
        ana = join_and_rank(cycle, applicant, ["City Hospital"])
        omar = join_and_rank(cycle, ApplicantFactory(), ["City Hospital"], certify=False)
        rank_applicants(program(cycle, "City Hospital"), approved_host, [omar, ana])

        market = build_market(cycle)
        assert {a.id: a.ranks for a in market.instance.applicants}[f"a{omar.pk}"] == ()
        services.cycle_run(cycle=cycle, run_by=approved_host)

        omar.refresh_from_db()
        ana.refresh_from_db()
        assert (omar.list_used, omar.matched_program) == (False, None)
        assert ana.matched_program.name == "City Hospital"

    def test_an_uncertified_program_list_is_not_used(self, cycle, approved_host, applicant):
        ana = join_and_rank(cycle, applicant, ["City Hospital", "Lake Clinic"])
        rank_applicants(program(cycle, "City Hospital"), approved_host, [ana], certify=False)
        rank_applicants(program(cycle, "Lake Clinic"), approved_host, [ana])
        services.cycle_run(cycle=cycle, run_by=approved_host)
        ana.refresh_from_db()
        assert (ana.matched_program.name, ana.matched_choice) == ("Lake Clinic", 2)

    def test_a_cancelled_cycle_never_runs(self, cycle, ranked, approved_host, other_host):
        with pytest.raises(PermissionDenied):
            services.cycle_cancel(cycle=cycle, by=other_host)
        services.cycle_cancel(cycle=cycle, by=approved_host)
        with pytest.raises(ConflictError, match="cancelled"):
            services.cycle_run(cycle=cycle, run_by=approved_host)
        with pytest.raises(ConflictError, match="already cancelled"):
            services.cycle_cancel(cycle=cycle, by=approved_host)

    def test_a_program_with_zero_positions_matches_nobody(self, approved_host, applicant):
        cycle = mock_cycle(approved_host, programs=[("Closed", 0), ("Open", 1)])
        ana = join_and_rank(cycle, applicant, ["Closed", "Open"])
        for name in ("Closed", "Open"):
            rank_applicants(program(cycle, name), approved_host, [ana])
        services.cycle_run(cycle=cycle, run_by=approved_host)
        ana.refresh_from_db()
        assert (ana.matched_program.name, ana.matched_choice) == ("Open", 2)

    def test_an_invited_hosts_program_is_ranked_by_them(self, cycle, approved_host, applicant):
        invited = HostFactory()
        hill = services.program_add(
            cycle=cycle, by=approved_host, name="Hill", capacity=1, owner_email=invited.email
        )
        ana = join_and_rank(cycle, applicant, ["Hill"])
        with pytest.raises(PermissionDenied):
            rank_applicants(hill, approved_host, [ana])
        rank_applicants(hill, invited, [ana])
        services.cycle_run(cycle=cycle, run_by=approved_host)
        assert Participant.objects.get(pk=ana.pk).matched_program == hill
