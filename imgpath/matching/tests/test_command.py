"""`run_due_cycles`: runs what is due, once, and is safe to run again and again."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from imgpath.matching import services
from imgpath.matching.models import MatchCycle, Participant
from imgpath.matching.tests.factories import mock_cycle, pass_deadline

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("run_due_cycles", *args, stdout=out)
    return out.getvalue()


def test_runs_due_cycles_only_and_a_second_call_does_nothing(cycle, ranked, approved_host):
    later = mock_cycle(approved_host, title="Not due yet")
    pass_deadline(cycle)

    assert "Due: " in run("--dry-run")
    assert MatchCycle.objects.get(pk=cycle.pk).status == "open"
    output = run()
    assert f"Ran {cycle.pk} Mock: 2 of 2 applicants matched." in output
    assert MatchCycle.objects.get(pk=cycle.pk).status == "completed"
    assert MatchCycle.objects.get(pk=later.pk).status == "open"
    results = list(Participant.objects.values_list("matched_program", "matched_choice"))

    assert run() == "No match cycle is due.\n"
    assert list(Participant.objects.values_list("matched_program", "matched_choice")) == results


def test_cancelled_and_finished_cycles_are_not_due(cycle, approved_host):
    services.cycle_cancel(cycle=cycle, by=approved_host)
    pass_deadline(cycle)
    assert run() == "No match cycle is due.\n"


def test_a_cycle_run_meanwhile_is_skipped(cycle, ranked, approved_host, monkeypatch):
    pass_deadline(cycle)
    due = list(MatchCycle.objects.due(cycle.rank_deadline.replace(year=3000)))
    services.cycle_run(cycle=cycle, run_by=approved_host)
    # As if another process ran it between listing and running.
    monkeypatch.setattr(MatchCycle.objects, "due", lambda now: _Listed(due))
    assert "Skipped" in run() and "already run" in run()


class _Listed(list):
    def order_by(self, *fields):
        return self
