"""Export and erasure, the demo data, and the dashboard panel."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from imgpath.core.privacy import user_data_erase, user_data_export
from imgpath.matching.models import MatchCycle, MatchProgram, Participant

pytestmark = pytest.mark.django_db


def test_export_has_my_list_and_result_only(cycle, ranked, applicant):
    data = user_data_export(user=applicant)["data"]["matching"]
    (mine,) = data["participations"]
    assert mine["rank_list"] == ["City Hospital", "Lake Clinic"]
    assert data["cycles_created"] == [] and data["programs_ranked"] == []


def test_erasing_an_applicant_removes_their_lists(cycle, ranked, applicant, other_applicant):
    user_data_erase(user=applicant)
    assert list(Participant.objects.values_list("user", flat=True)) == [other_applicant.pk]
    assert all(
        list(p.ranks.values_list("participant", flat=True)) == [ranked["omar"].pk]
        for p in cycle.programs.all()
    )


def test_erasing_a_creator_cancels_their_open_cycles(cycle, ranked, approved_host):
    user_data_erase(user=approved_host)
    cycle = MatchCycle.objects.get(pk=cycle.pk)
    assert (cycle.status, cycle.created_by) == ("cancelled", None)
    assert MatchProgram.objects.filter(cycle=cycle).count() == 2


def test_demo_is_idempotent_and_has_an_open_and_a_finished_cycle(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=StringIO())
    counts = (MatchCycle.objects.count(), Participant.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (MatchCycle.objects.count(), Participant.objects.count()) == counts

    open_cycle = MatchCycle.objects.get(status="open")
    assert open_cycle.created_by.email == "host@demo.imgpath.org"
    assert open_cycle.participants.count() == 2 and open_cycle.programs.count() == 4
    assert open_cycle.participants.filter(certified_at__isnull=True).exists()
    finished = MatchCycle.objects.get(status="completed")
    priya = finished.participants.get(user__email="applicant@demo.imgpath.org")
    assert (priya.matched_program.name, priya.matched_choice) == ("Bayview Hospital", 2)


def test_dashboard_panel(client_for, cycle, ranked, applicant, mentor):
    html = client_for(applicant).get(reverse("dashboard")).content.decode()
    assert "The Match" in html and "lists close" in html
    assert "lists close" not in client_for(mentor).get(reverse("dashboard")).content.decode()
