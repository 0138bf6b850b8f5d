"""Copying the season's final ranked list into a mock-match rank list: the ranked programs
the cycle has, in rank order, the rest skipped with the reason; only into one's own list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from imgpath.matching.models import Participant
from imgpath.matching.tests.factories import join_and_rank, mock_cycle, pass_deadline
from imgpath.season import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(applicant, programs):
    """Ranked: programs[2] first, programs[0] second, programs[1] third; programs[3] not ranked."""
    season = services.season_for(applicant)
    for program, rank in (
        (programs[0], 2),
        (programs[1], 3),
        (programs[2], 1),
        (programs[3], None),
    ):
        tracked = services.tracked_program_add(season, acgme_id=program.acgme_id)
        if rank:
            services.tracked_program_update(tracked, status="ranked", rank=rank)
    return season


@pytest.fixture
def cycle(staff, programs):
    """Has programs[0], programs[2] (spelled in other case and spacing), programs[3] and
    a program of its own; not programs[1]."""
    names = [programs[0].name, " " + _spelled(programs[2]), programs[3].name, "Harbor Clinic"]
    return mock_cycle(staff, programs=[(name, 1) for name in names])


def _spelled(program) -> str:
    return "  ".join(program.name.upper().split(" "))


def _copy(client, cycle):
    return client.post(reverse("season_copy_to_mock"), {"cycle": cycle.pk}, follow=True)


def _ranked_names(user, cycle) -> list[str]:
    participant = Participant.objects.get(cycle=cycle, user=user)
    return [r.program.name for r in participant.ranks.order_by("position")]


def test_the_ranked_programs_are_copied_in_order_and_the_rest_skipped(
    client_for, applicant, season, cycle, programs
):
    page = client_for(applicant).get(reverse("season_home")).content.decode()
    assert "Copy to a mock-match rank list" in page and cycle.title in page
    response = _copy(client_for(applicant), cycle)
    text = response.content.decode()
    assert _ranked_names(applicant, cycle) == [_spelled(programs[2]), programs[0].name]
    assert "Copied 2 ranked programs in order" in text
    assert f"Skipped {programs[1].name}: no program of this name in the mock match." in text
    assert programs[3].name not in _ranked_names(applicant, cycle)  # tracked, not ranked


def test_copying_again_replaces_the_draft_and_uncertifies_it(
    client_for, applicant, season, cycle, programs
):
    join_and_rank(cycle, applicant, ["Harbor Clinic"], certify=True)
    _copy(client_for(applicant), cycle)
    participant = Participant.objects.get(cycle=cycle, user=applicant)
    assert "Harbor Clinic" not in _ranked_names(applicant, cycle)
    assert len(_ranked_names(applicant, cycle)) == 2 and participant.certified_at is None


def test_nothing_in_common_changes_nothing(client_for, applicant, season, staff):
    elsewhere = mock_cycle(staff, programs=[("Harbor Clinic", 1)], title="Elsewhere")
    text = _copy(client_for(applicant), elsewhere).content.decode()
    assert "None of your ranked programs is in" in text
    assert not Participant.objects.filter(cycle=elsewhere).exists()


def test_a_closed_cycle_is_not_offered(client_for, applicant, season, cycle):
    pass_deadline(cycle)
    page = client_for(applicant).get(reverse("season_home")).content.decode()
    assert "No mock match is open now." in page
    assert "Choose an open mock match." in _copy(client_for(applicant), cycle).content.decode()
    assert not Participant.objects.filter(cycle=cycle).exists()


def test_another_applicant_copies_only_their_own_list(
    client_for, applicant, other_applicant, season, cycle
):
    join_and_rank(cycle, applicant, ["Harbor Clinic"], certify=True)
    text = _copy(client_for(other_applicant), cycle).content.decode()
    assert "No program in your tracker has the status Ranked yet." in text
    assert not Participant.objects.filter(cycle=cycle, user=other_applicant).exists()
    assert _ranked_names(applicant, cycle) == ["Harbor Clinic"]
    assert Participant.objects.get(cycle=cycle, user=applicant).certified_at is not None


def test_other_roles_and_anonymous_are_refused(client_for, host, mentor, applicant, season, cycle):
    for user in (host, mentor):
        assert (
            client_for(user).post(reverse("season_copy_to_mock"), {"cycle": cycle.pk}).status_code
            == 403
        )
    anonymous = client_for(None).post(reverse("season_copy_to_mock"), {"cycle": cycle.pk})
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert not Participant.objects.filter(cycle=cycle).exists()
