"""One run, even when two processes run a cycle at the same moment (PostgreSQL row locks)."""

from __future__ import annotations

import pytest

from imgpath.core.errors import ConflictError
from imgpath.core.testing import race, skip_unless_postgres
from imgpath.matching import services
from imgpath.matching.models import MatchCycle, Participant
from imgpath.matching.tests.factories import pass_deadline, program

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    skip_unless_postgres()


def test_concurrent_runs_run_once(cycle, ranked, approved_host, staff):
    pass_deadline(cycle)
    results = race(
        [
            lambda: services.cycle_run(cycle=cycle, run_by=None),
            lambda: services.cycle_run(cycle=cycle, run_by=approved_host),
            lambda: services.cycle_run(cycle=cycle, run_by=staff),
        ]
    )
    assert sum(isinstance(r, MatchCycle) for r in results) == 1
    assert all(isinstance(r, ConflictError) for r in results if not isinstance(r, MatchCycle))
    assert MatchCycle.objects.get(pk=cycle.pk).status == "completed"


def test_a_list_change_racing_the_run_lands_before_it_or_is_refused(
    cycle, ranked, approved_host, applicant
):
    ana = ranked["ana"]
    lake = program(cycle, "Lake Clinic")
    results = race(
        [
            lambda: services.cycle_run(cycle=cycle, run_by=approved_host),
            lambda: services.applicant_ranks_replace(
                participant=ana, program_ids=[lake.pk], by=applicant
            ),
        ]
    )
    ana = Participant.objects.get(pk=ana.pk)
    if isinstance(results[1], ConflictError):
        # Refused after the run: the list the run used is unchanged.
        assert list(ana.ranks.values_list("program__name", flat=True)) == [
            "City Hospital",
            "Lake Clinic",
        ]
        assert ana.list_used
    else:
        # Landed first: the changed list was uncertified, so the run did not use it.
        assert ana.certified_at is None and not ana.list_used
