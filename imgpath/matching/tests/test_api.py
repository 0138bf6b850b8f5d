"""The JSON API: the same services, 404 for other people's lists and results, 409 when closed."""

from __future__ import annotations

import pytest

from imgpath.matching import services
from imgpath.matching.tests.factories import pass_deadline, program, rank_snapshot

pytestmark = pytest.mark.django_db
API = "/api/v1/match-cycles"


def put(client, url, ids):
    return client.put(url, {"ids": ids}, content_type="application/json")


class TestCycles:
    def test_needs_authentication(self, client, cycle):
        assert client.get(API).status_code == 401

    def test_applicants_see_joinable_cycles_and_join(self, client_for, cycle, applicant):
        client = client_for(applicant)
        (item,) = client.get(API).json()
        assert (item["id"], item["joined"], item["can_join"], item["manages"]) == (
            cycle.pk,
            False,
            True,
            False,
        )
        assert [p["name"] for p in item["programs"]] == ["City Hospital", "Lake Clinic"]
        joined = client.post(f"{API}/{cycle.pk}/join").json()
        assert joined["joined"] and not joined["can_join"]
        assert client.post(f"{API}/{cycle.pk}/join").status_code == 200

    def test_other_hosts_do_not_see_a_cycle(self, client_for, cycle, other_host):
        client = client_for(other_host)
        assert client.get(API).json() == []
        assert client.get(f"{API}/{cycle.pk}").status_code == 404

    @pytest.mark.parametrize("cycle_id", ["0", "-1", str(2**63), "abc"])
    def test_ids_are_bounded(self, client_for, applicant, cycle_id):
        response = client_for(applicant).get(f"{API}/{cycle_id}")
        assert response.status_code == 422
        assert response.json()["detail"].startswith("Invalid input.")


class TestRankLists:
    def test_get_replace_certify(self, client_for, cycle, applicant):
        client = client_for(applicant)
        client.post(f"{API}/{cycle.pk}/join")
        city, lake = program(cycle, "City Hospital"), program(cycle, "Lake Clinic")
        body = put(client, f"{API}/{cycle.pk}/rank-list", [lake.pk, city.pk]).json()
        assert [i["name"] for i in body["items"]] == ["Lake Clinic", "City Hospital"]
        assert body["certified_at"] is None and not body["lists_closed"]
        certified = client.post(f"{API}/{cycle.pk}/rank-list/certify").json()
        assert certified["certified_at"] is not None
        assert client.get(f"{API}/{cycle.pk}/rank-list").json()["items"] == body["items"]

    @pytest.mark.parametrize(
        ("ids", "message"), [([1, 1], "listed twice"), ([987654], "not one you can rank")]
    )
    def test_bad_lists_are_422_and_nothing_changes(
        self, client_for, cycle, applicant, ids, message
    ):
        client = client_for(applicant)
        client.post(f"{API}/{cycle.pk}/join")
        ids = [program(cycle, "City Hospital").pk] * 2 if message == "listed twice" else ids
        response = put(client, f"{API}/{cycle.pk}/rank-list", ids)
        assert response.status_code == 422 and message in response.json()["detail"]
        assert client.get(f"{API}/{cycle.pk}/rank-list").json()["items"] == []

    def test_lists_are_bounded(self, client_for, cycle, applicant):
        client = client_for(applicant)
        client.post(f"{API}/{cycle.pk}/join")
        for ids in ([0], [2**63], list(range(1, 502))):
            assert put(client, f"{API}/{cycle.pk}/rank-list", ids).status_code == 422

    def test_empty_list_cannot_be_certified(self, client_for, cycle, applicant):
        client = client_for(applicant)
        client.post(f"{API}/{cycle.pk}/join")
        response = client.post(f"{API}/{cycle.pk}/rank-list/certify")
        assert response.status_code == 422
        message = "Rank at least one program before certifying your list."
        assert response.json() == {
            "detail": message,
            "errors": [{"field": "__all__", "message": message}],
        }

    def test_nobody_sees_or_changes_another_persons_list(
        self, client_for, cycle, ranked, other_host, approved_host, mentor
    ):
        before = rank_snapshot(cycle)
        city = program(cycle, "City Hospital")
        for user in (other_host, approved_host, mentor):
            client = client_for(user)
            assert client.get(f"{API}/{cycle.pk}/rank-list").status_code == 404
            assert put(client, f"{API}/{cycle.pk}/rank-list", [city.pk]).status_code == 404
            assert client.get(f"{API}/{cycle.pk}/result").status_code == 404
        assert rank_snapshot(cycle) == before

    def test_program_lists_are_for_whoever_ranks_for_them(
        self, client_for, cycle, ranked, approved_host, applicant, other_applicant, other_host
    ):
        city = program(cycle, "City Hospital")
        url = f"{API}/{cycle.pk}/programs/{city.pk}/rank-list"
        before = rank_snapshot(cycle)
        for user in (applicant, other_applicant, other_host):
            client = client_for(user)
            assert client.get(url).status_code == 404
            assert put(client, url, [ranked["ana"].pk]).status_code == 404
            assert client.post(f"{url}/certify").status_code == 404
            assert client.get(f"{API}/{cycle.pk}/programs/{city.pk}/result").status_code == 404
        assert rank_snapshot(cycle) == before
        host = client_for(approved_host)
        body = put(host, url, [ranked["ana"].pk, ranked["omar"].pk]).json()
        assert [i["name"] for i in body["items"]] == ["Ana Applicant", "Omar Other"]
        assert {c["name"] for c in body["choices"]} == {"Ana Applicant", "Omar Other"}

    @pytest.mark.parametrize("closed_by", ["deadline", "run"])
    def test_closed_lists_are_409_and_nothing_changes(
        self, client_for, cycle, ranked, approved_host, applicant, closed_by
    ):
        if closed_by == "deadline":
            pass_deadline(cycle)
        else:
            services.cycle_run(cycle=cycle, run_by=approved_host)
        before = rank_snapshot(cycle)
        client = client_for(applicant)
        city = program(cycle, "City Hospital")
        for response in (
            put(client, f"{API}/{cycle.pk}/rank-list", [city.pk]),
            client.post(f"{API}/{cycle.pk}/rank-list/certify"),
            put(
                client_for(approved_host),
                f"{API}/{cycle.pk}/programs/{city.pk}/rank-list",
                [ranked["ana"].pk],
            ),
        ):
            assert response.status_code == 409
            assert "can no longer change" in response.json()["detail"]
        assert rank_snapshot(cycle) == before


class TestRunAndResults:
    def test_result_waits_for_the_run(self, client_for, cycle, ranked, applicant):
        response = client_for(applicant).get(f"{API}/{cycle.pk}/result")
        assert response.status_code == 409

    def test_run_then_each_sees_their_own_result(
        self, client_for, cycle, ranked, approved_host, applicant, other_applicant
    ):
        assert client_for(applicant).post(f"{API}/{cycle.pk}/run").status_code == 403
        body = client_for(approved_host).post(f"{API}/{cycle.pk}/run").json()
        assert body["status"] == "completed" and body["stats"]["matched"] == 2
        assert client_for(approved_host).post(f"{API}/{cycle.pk}/run").status_code == 409

        mine = client_for(applicant).get(f"{API}/{cycle.pk}/result").json()
        assert (mine["matched"]["name"], mine["choice"], mine["list_used"]) == (
            "Lake Clinic",
            2,
            True,
        )
        theirs = client_for(other_applicant).get(f"{API}/{cycle.pk}/result").json()
        assert (theirs["matched"]["name"], theirs["choice"]) == ("City Hospital", 1)
        assert client_for(applicant).get(f"{API}/{cycle.pk}").json()["stats"] is None

        city = program(cycle, "City Hospital")
        result = client_for(approved_host).get(f"{API}/{cycle.pk}/programs/{city.pk}/result")
        assert [m["name"] for m in result.json()["matched"]] == ["Omar Other"]

    def test_placements_are_only_for_placement_rounds(self, client_for, cycle, approved_host):
        assert client_for(approved_host).get(f"{API}/{cycle.pk}/placements").status_code == 404

    def test_the_schema_documents_the_errors(self, client):
        schema = client.get("/api/v1/openapi.json").json()
        put_op = schema["paths"]["/api/v1/match-cycles/{cycle_id}/rank-list"]["put"]
        assert {"404", "409", "422"} <= set(put_op["responses"])


def _every_endpoint(cycle):
    city = program(cycle, "City Hospital").pk
    base = f"{API}/{cycle.pk}"
    return [
        ("get", base),
        ("post", f"{base}/join"),
        ("get", f"{base}/rank-list"),
        ("put", f"{base}/rank-list"),
        ("post", f"{base}/rank-list/certify"),
        ("get", f"{base}/programs/{city}/rank-list"),
        ("put", f"{base}/programs/{city}/rank-list"),
        ("post", f"{base}/programs/{city}/rank-list/certify"),
        ("post", f"{base}/run"),
        ("get", f"{base}/result"),
        ("get", f"{base}/programs/{city}/result"),
        ("get", f"{base}/placements"),
    ]


def test_every_endpoint_is_404_to_people_outside_the_cycle(
    client_for, cycle, ranked, other_host, mentor
):
    before = rank_snapshot(cycle)
    for user in (other_host, mentor):
        client = client_for(user)
        for method, url in _every_endpoint(cycle):
            response = getattr(client, method)(
                url, {"ids": [ranked["ana"].pk]}, content_type="application/json"
            )
            assert response.status_code == 404, (user, method, url)
            assert response.json() == {"detail": "Not found."}
    assert rank_snapshot(cycle) == before
