"""The pages: who sees what, the no-JavaScript rank form, HTMX swaps, and refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from imgpath.accounts.tests.factories import ApplicantFactory
from imgpath.matching import services
from imgpath.matching.models import MatchCycle, Participant
from imgpath.matching.tests.factories import (
    join_and_rank,
    pass_deadline,
    program,
    rank_snapshot,
)

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true", "HX-Target": "rank-editor"}


def order(participant: Participant) -> list[str]:
    return list(participant.ranks.values_list("program__name", flat=True))


class TestCyclesPage:
    def test_signed_out_people_are_sent_to_sign_in(self, client, cycle):
        for url in (reverse("match_cycles"), reverse("match_cycle", args=[cycle.pk])):
            response = client.get(url)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_applicants_see_open_mock_matches_to_join(self, client_for, cycle, applicant):
        html = client_for(applicant).get(reverse("match_cycles")).content.decode()
        assert "Mock matches you can join" in html and cycle.title in html
        assert "New mock match" not in html

    def test_approved_hosts_and_staff_create_mock_matches(self, client_for, approved_host, host):
        client = client_for(approved_host)
        assert "New mock match" in client.get(reverse("match_cycles")).content.decode()
        response = client.post(
            reverse("match_cycle_create"),
            {"title": "IM practice", "rank_deadline": "2099-01-01T10:00"},
        )
        assert response.status_code == 422 and "within a year" in response.content.decode()
        response = client.post(
            reverse("match_cycle_create"),
            {"title": "IM practice", "description": "", "rank_deadline": _days_ahead(10)},
        )
        cycle = MatchCycle.objects.get(title="IM practice")
        assert response["Location"] == reverse("match_cycle", args=[cycle.pk])

    def test_unapproved_hosts_and_applicants_cannot_create(self, client_for, host, applicant):
        for user in (host, applicant):
            assert client_for(user).get(reverse("match_cycle_create")).status_code == 403


def _days_ahead(days: int) -> str:
    return (timezone.now() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


class TestCyclePage:
    def test_the_creator_adds_and_removes_programs(self, client_for, cycle, approved_host):
        client = client_for(approved_host)
        url = reverse("match_program_add", args=[cycle.pk])
        client.post(url, {"name": "Hill Hospital", "capacity": "2"})
        assert cycle.programs.filter(name="Hill Hospital", capacity=2).exists()
        response = client.post(url, {"name": "Hill Hospital", "capacity": "1"}, follow=True)
        assert "already has a program" in response.content.decode()
        hill = program(cycle, "Hill Hospital")
        client.post(reverse("match_program_remove", args=[cycle.pk, hill.pk]))
        assert not cycle.programs.filter(name="Hill Hospital").exists()

    def test_others_cannot_add_programs(self, client_for, cycle, applicant, other_host):
        url = reverse("match_program_add", args=[cycle.pk])
        assert client_for(applicant).post(url, {"name": "X", "capacity": 1}).status_code == 403
        assert client_for(other_host).post(url, {"name": "X", "capacity": 1}).status_code == 404
        assert cycle.programs.count() == 2

    def test_an_applicant_joins_then_ranks(self, client_for, cycle, applicant):
        client = client_for(applicant)
        assert (
            "Join this mock match"
            in client.get(reverse("match_cycle", args=[cycle.pk])).content.decode()
        )
        response = client.post(reverse("match_join", args=[cycle.pk]))
        assert response["Location"] == reverse("match_my_rank_list", args=[cycle.pk])
        assert Participant.objects.filter(cycle=cycle, user=applicant).exists()

    def test_a_finished_cycle_is_404_to_people_who_were_not_in_it(
        self, client_for, cycle, ranked, approved_host, other_host, mentor
    ):
        services.cycle_run(cycle=cycle, run_by=approved_host)
        for user in (ApplicantFactory(), other_host, mentor):
            response = client_for(user).get(reverse("match_cycle", args=[cycle.pk]))
            assert response.status_code == 404

    def test_each_applicant_sees_only_their_own_result(
        self, client_for, cycle, ranked, approved_host, applicant, other_applicant
    ):
        services.cycle_run(cycle=cycle, run_by=approved_host)
        mine = client_for(applicant).get(reverse("match_cycle", args=[cycle.pk])).content.decode()
        assert "You matched at <strong>Lake Clinic</strong>, your <strong>2nd choice" in mine
        assert "City Hospital</strong>, your" not in mine and "Omar" not in mine
        theirs = client_for(other_applicant).get(reverse("match_cycle", args=[cycle.pk]))
        assert "You matched at <strong>City Hospital</strong>, your <strong>1st choice" in (
            theirs.content.decode()
        )

    def test_the_host_sees_who_matched_with_their_programs(
        self, client_for, cycle, ranked, approved_host
    ):
        client = client_for(approved_host)
        client.post(reverse("match_run", args=[cycle.pk]))
        html = client.get(reverse("match_cycle", args=[cycle.pk])).content.decode()
        assert "Who matched with your programs" in html
        assert "Omar Other" in html and "Ana Applicant" in html

    def test_run_is_for_the_creator_once(
        self, client_for, cycle, ranked, approved_host, applicant, other_host
    ):
        url = reverse("match_run", args=[cycle.pk])
        assert client_for(applicant).post(url).status_code == 403
        assert client_for(other_host).post(url).status_code == 404
        assert MatchCycle.objects.get(pk=cycle.pk).status == "open"
        client = client_for(approved_host)
        first = client.post(url, follow=True).content.decode()
        assert "The Match ran: 2 of 2 applicants matched" in first
        second = client.post(url, follow=True).content.decode()
        assert "has already run" in second

    def test_the_run_button_warns_about_uncertified_lists(
        self, client_for, cycle, approved_host, applicant
    ):
        join_and_rank(cycle, applicant, ["City Hospital"], certify=False)
        html = client_for(approved_host).get(reverse("match_cycle", args=[cycle.pk])).content
        assert "1 applicant list and 2 program lists are not certified" in html.decode()

    def test_cancel(self, client_for, cycle, approved_host, applicant):
        assert (
            client_for(applicant).post(reverse("match_cancel", args=[cycle.pk])).status_code == 403
        )
        client_for(approved_host).post(reverse("match_cancel", args=[cycle.pk]))
        assert MatchCycle.objects.get(pk=cycle.pk).status == "cancelled"


class TestRankListPage:
    def test_only_my_own_list(self, client_for, cycle, ranked, other_host, approved_host, mentor):
        url = reverse("match_my_rank_list", args=[cycle.pk])
        before = rank_snapshot(cycle)
        for user in (other_host, approved_host, mentor):
            client = client_for(user)
            assert client.get(url).status_code == 404
            assert client.post(url, {"add": program(cycle, "City Hospital").pk}).status_code == 404
        assert rank_snapshot(cycle) == before

    def test_a_program_list_only_for_whoever_ranks_for_it(
        self, client_for, cycle, ranked, applicant, other_applicant, other_host
    ):
        city = program(cycle, "City Hospital")
        url = reverse("match_program_rank_list", args=[cycle.pk, city.pk])
        before = rank_snapshot(cycle)
        for user in (applicant, other_applicant, other_host):
            client = client_for(user)
            assert client.get(url).status_code == 404
            assert client.post(url, {"move": f"{ranked['ana'].pk}:up"}).status_code == 404
            certify = reverse("match_program_rank_list_certify", args=[cycle.pk, city.pk])
            assert client.post(certify).status_code == 404
        assert rank_snapshot(cycle) == before

    def test_add_move_remove_and_positions_without_javascript(self, client_for, cycle, applicant):
        me = services.participant_join(cycle=cycle, user=applicant)
        city, lake = program(cycle, "City Hospital"), program(cycle, "Lake Clinic")
        client = client_for(applicant)
        url = reverse("match_my_rank_list", args=[cycle.pk])

        assert client.post(url, {"add": city.pk}).status_code == 302
        client.post(url, {f"position-{city.pk}": "1", "add": lake.pk})
        assert order(me) == ["City Hospital", "Lake Clinic"]
        client.post(
            url, {f"position-{city.pk}": "1", f"position-{lake.pk}": "2", "move": f"{lake.pk}:up"}
        )
        assert order(me) == ["Lake Clinic", "City Hospital"]
        # Typing 1 for the second row makes it first.
        client.post(url, {f"position-{lake.pk}": "1", f"position-{city.pk}": "1", "save": "1"})
        assert order(me) == ["City Hospital", "Lake Clinic"]
        client.post(
            url, {f"position-{city.pk}": "1", f"position-{lake.pk}": "2", "remove": city.pk}
        )
        assert order(me) == ["Lake Clinic"]

    @pytest.mark.parametrize(
        "data",
        [
            {"position-{city}": "0"},
            {"position-{city}": "x"},
            {"add": "999999"},
            {"move": "{city}:sideways"},
        ],
    )
    def test_bad_input_changes_nothing(self, client_for, cycle, applicant, data):
        me = join_and_rank(cycle, applicant, ["City Hospital"], certify=False)
        city = program(cycle, "City Hospital").pk
        posted = {k.format(city=city): v.format(city=city) for k, v in data.items()}
        response = client_for(applicant).post(
            reverse("match_my_rank_list", args=[cycle.pk]), posted, follow=True
        )
        assert response.status_code == 200
        assert order(me) == ["City Hospital"]

    @pytest.mark.parametrize("htmx", [True, False])
    def test_saving_with_and_without_htmx(self, client_for, cycle, applicant, htmx):
        me = services.participant_join(cycle=cycle, user=applicant)
        city = program(cycle, "City Hospital")
        response = client_for(applicant).post(
            reverse("match_my_rank_list", args=[cycle.pk]),
            {"add": city.pk},
            headers=HTMX if htmx else {},
        )
        assert order(me) == ["City Hospital"]
        if htmx:
            html = response.content.decode()
            assert response.status_code == 200 and "<html" not in html
            assert "not certified yet" in html and 'name="position-' in html
        else:
            assert response.status_code == 302

    def test_certify(self, client_for, cycle, applicant):
        me = join_and_rank(cycle, applicant, ["Lake Clinic"], certify=False)
        client = client_for(applicant)
        response = client.post(reverse("match_my_rank_list_certify", args=[cycle.pk]), follow=True)
        me.refresh_from_db()
        assert me.certified_at is not None
        assert "Certified: this list will be used" in response.content.decode()

    @pytest.mark.parametrize("htmx", [True, False])
    def test_after_the_deadline_the_page_refuses_and_nothing_changes(
        self, client_for, cycle, applicant, htmx
    ):
        me = join_and_rank(cycle, applicant, ["City Hospital"], certify=False)
        pass_deadline(cycle)
        client = client_for(applicant)
        url = reverse("match_my_rank_list", args=[cycle.pk])
        before = rank_snapshot(cycle)
        response = client.post(
            url, {"add": program(cycle, "Lake Clinic").pk}, headers=HTMX if htmx else {}
        )
        certify = client.post(reverse("match_my_rank_list_certify", args=[cycle.pk]))
        assert rank_snapshot(cycle) == before and order(me) == ["City Hospital"]
        if htmx:
            assert response["HX-Redirect"] == url
        else:
            assert response["Location"] == url
        assert certify["Location"] == url
        page = client.get(url).content.decode()
        assert "closed on" in page and 'name="position-' not in page

    def test_after_the_run_my_list_shows_where_i_matched(
        self, client_for, cycle, ranked, approved_host, applicant
    ):
        services.cycle_run(cycle=cycle, run_by=approved_host)
        html = client_for(applicant).get(reverse("match_my_rank_list", args=[cycle.pk])).content
        assert "Matched: your 2nd choice" in html.decode()

    def test_the_host_ranks_applicants(self, client_for, cycle, ranked, approved_host):
        city = program(cycle, "City Hospital")
        client = client_for(approved_host)
        url = reverse("match_program_rank_list", args=[cycle.pk, city.pk])
        assert "Rank list for City Hospital" in client.get(url).content.decode()
        omar, ana = ranked["omar"], ranked["ana"]
        client.post(
            url, {f"position-{omar.pk}": "1", f"position-{ana.pk}": "2", "move": f"{ana.pk}:up"}
        )
        assert list(city.ranks.values_list("participant", flat=True)) == [ana.pk, omar.pk]
        city.refresh_from_db()
        assert city.certified_at is None


class TestPlacementPage:
    def test_applicants_cannot_open_rounds(self, client_for, applicant):
        assert client_for(applicant).get(reverse("match_round_create")).status_code == 403

    def test_a_host_without_pending_applications_is_told_so(self, client_for, host):
        html = client_for(host).get(reverse("match_round_create")).content.decode()
        assert "No upcoming session has pending applications" in html


def _every_page(cycle):
    city = program(cycle, "City Hospital")
    return {
        ("get", "match_cycle", (cycle.pk,)),
        ("get", "match_my_rank_list", (cycle.pk,)),
        ("get", "match_program_rank_list", (cycle.pk, city.pk)),
        ("post", "match_join", (cycle.pk,)),
        ("post", "match_leave", (cycle.pk,)),
        ("post", "match_run", (cycle.pk,)),
        ("post", "match_cancel", (cycle.pk,)),
        ("post", "match_program_add", (cycle.pk,)),
        ("post", "match_program_remove", (cycle.pk, city.pk)),
        ("post", "match_my_rank_list", (cycle.pk,)),
        ("post", "match_my_rank_list_certify", (cycle.pk,)),
        ("post", "match_program_rank_list", (cycle.pk, city.pk)),
        ("post", "match_program_rank_list_certify", (cycle.pk, city.pk)),
    }


def _state(cycle):
    return (
        rank_snapshot(cycle),
        cycle.programs.count(),
        list(cycle.participants.values_list("user", flat=True)),
    )


def test_people_outside_a_cycle_get_404_everywhere_and_nothing_changes(
    client_for, cycle, ranked, other_host, mentor
):
    before = _state(cycle)
    for user in (other_host, mentor):
        client = client_for(user)
        for method, name, args in _every_page(cycle):
            data = {"name": "X", "capacity": "1", "add": "1"} if method == "post" else None
            response = getattr(client, method)(reverse(name, args=args), data)
            assert response.status_code == 404, (user, name)
    assert _state(cycle) == before


def test_an_applicant_who_did_not_join_sees_the_cycle_but_nothing_private(
    client_for, cycle, ranked
):
    client = client_for(ApplicantFactory())
    before = _state(cycle)
    expected = {
        "match_cycle": 200,
        "match_join": None,  # joining is what this page is for
        "match_run": 403,
        "match_cancel": 403,
        "match_program_add": 403,
        "match_program_remove": 403,
    }
    for method, name, args in _every_page(cycle):
        if name == "match_join":
            continue
        response = getattr(client, method)(reverse(name, args=args), {"add": "1"})
        assert response.status_code == expected.get(name, 404), name
    assert _state(cycle) == before
