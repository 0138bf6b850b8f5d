from __future__ import annotations

import datetime as dt

import pytest

from imgpath.programs.models import CommunityReport, LedgerEntry, SavedProgram, SourceKind
from imgpath.programs.services import claims
from imgpath.programs.services.ledger import ledger_entry_create, policy_value_parse
from imgpath.programs.tests.conftest import CHICAGO_IM, MIAMI_IM
from imgpath.programs.tests.factories import SavedProgramFactory

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _state(program, field: str, raw: str) -> None:
    ledger_entry_create(
        program=program,
        field=field,
        value=policy_value_parse(field=field, raw=raw),
        source_kind=SourceKind.STAFF,
        verified_on=dt.date(2026, 1, 12),
        source_url="https://example.org/policy",
    )


def test_anyone_can_search_with_the_page_filters(client, miami, elmira):
    _state(elmira, "j1_sponsorship", "yes")

    body = client.get(
        f"{API}/programs", {"specialty": "140", "j1": "unknown", "per_page": 10}
    ).json()

    assert body["count"] == 5
    assert {r["acgme_id"] for r in body["results"]} == {
        MIAMI_IM, CHICAGO_IM, "1401121104", "1401100894", "1401621129"
    }  # fmt: skip
    first = body["results"][0]
    assert first["policy"]["j1_sponsorship"] == {"kind": "unknown", "value": None}
    assert first["fit"] is None and body["next"] is None


def test_results_page_with_links(client, directory):
    body = client.get(f"{API}/programs", {"per_page": 10, "sort": "name"}).json()

    assert (body["count"], body["pages"], len(body["results"])) == (10, 1, 10)
    small = client.get(f"{API}/programs", {"per_page": 10, "state": "FL", "page": 1}).json()
    assert small["next"] is None and small["previous"] is None


def test_distance_search_returns_miles(client, directory):
    body = client.get(
        f"{API}/programs", {"near": "Chicago, IL", "radius": 50, "sort": "distance"}
    ).json()

    assert [r["acgme_id"] for r in body["results"]] == [CHICAGO_IM, "1401621129"]
    assert body["results"][1]["distance_miles"] == pytest.approx(10.7, abs=0.5)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"j1": "maybe"}, "j1"),
        ({"per_page": 1000}, "per_page"),
        ({"radius": "far"}, "radius"),
        ({"state": "ZZ"}, "state"),
        ({"sort": "random"}, "sort"),
        ({"q": "mia\x00mi"}, "q"),
        ({"yog": "meets"}, "graduation_year"),
        ({"sort": "distance"}, "near"),
    ],
)
def test_bad_filter_values_get_422_naming_the_field(client, directory, params, field):
    response = client.get(f"{API}/programs", params)

    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("Invalid input. ")
    assert field in [error["field"] for error in body["errors"]]


def test_an_unknown_city_and_fit_without_profile_are_422_with_the_field(client, directory):
    city = client.get(f"{API}/programs", {"near": "Atlantis, ZZ"})
    fit = client.get(f"{API}/programs", {"sort": "fit"})

    assert (city.status_code, city.json()["field"]) == (422, "near")
    assert (fit.status_code, fit.json()["field"]) == (422, "sort")


def test_program_detail_has_ledger_with_provenance_codes_and_fill(client, miami):
    _state(miami, "h1b_sponsorship", "no")

    body = client.get(f"{API}/programs/{MIAMI_IM}").json()

    h1b = next(f for f in body["ledger"] if f["field"] == "h1b_sponsorship")
    assert h1b["current"]["source_kind"] == "staff"
    assert h1b["current"]["verified_on"] == "2026-01-12"
    assert h1b["current"]["source_url"] == "https://example.org/policy"
    assert {c["code"] for c in body["nrmp_codes"]} >= {"1104140C0", "1104140P0"}
    assert [f["match_year"] for f in body["fill_history"]] == [2024, 2025, 2026]
    assert body["links"]["acgme_search"].startswith("https://apps.acgme.org")


def test_program_detail_404_and_422(client, directory):
    assert client.get(f"{API}/programs/9999999999").status_code == 404
    assert client.get(f"{API}/programs/12ab").status_code == 422


def test_the_ledger_history_lists_every_statement(client, miami):
    _state(miami, "j1_sponsorship", "no")
    _state(miami, "j1_sponsorship", "yes")

    body = client.get(f"{API}/programs/{MIAMI_IM}/ledger").json()

    assert [e["display"] for e in body] == ["Yes", "No"]
    assert body[1]["superseded_at"] is not None


def test_a_signed_in_user_reports_through_the_api(client_for, applicant, miami):
    client = client_for(applicant)

    created = client.post(
        f"{API}/programs/{MIAMI_IM}/reports",
        {"field": "h1b_sponsorship", "value": "no", "note": "coordinator email"},
        content_type="application/json",
    )
    duplicate = client.post(
        f"{API}/programs/{MIAMI_IM}/reports",
        {"field": "h1b_sponsorship", "value": "yes", "note": "again"},
        content_type="application/json",
    )
    bad = client.post(
        f"{API}/programs/{MIAMI_IM}/reports",
        {"field": "visa", "value": "no", "note": "x"},
        content_type="application/json",
    )

    assert created.status_code == 201 and created.json()["status"] == "pending"
    assert duplicate.status_code == 409
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "field"
    assert CommunityReport.objects.count() == 1


def test_anonymous_cannot_report(client, miami):
    response = client.post(
        f"{API}/programs/{MIAMI_IM}/reports",
        {"field": "h1b_sponsorship", "value": "no", "note": "x"},
        content_type="application/json",
    )

    assert response.status_code == 401


def test_only_a_representative_writes_the_ledger_through_the_api(client_for, host, staff, miami):
    body = {"field": "j1_sponsorship", "value": "yes", "note": "GME office"}
    refused = client_for(host).post(
        f"{API}/programs/{MIAMI_IM}/ledger", body, content_type="application/json"
    )
    claim = claims.program_claim_request(program=miami, host=host, role_title="PD", evidence="x")
    claims.program_claim_approve(claim=claim, staff=staff)
    accepted = client_for(host).post(
        f"{API}/programs/{MIAMI_IM}/ledger", body, content_type="application/json"
    )

    assert refused.status_code == 403
    assert accepted.status_code == 201
    assert accepted.json()["source_kind"] == "program_representative"
    assert LedgerEntry.objects.count() == 1


def test_my_programs_list_add_update_remove(client_for, applicant, miami):
    client = client_for(applicant)

    added = client.post(
        f"{API}/my-programs",
        {"acgme_id": MIAMI_IM, "note": "first choice", "tags": ["Reach"]},
        content_type="application/json",
    )
    updated = client.patch(
        f"{API}/my-programs/{MIAMI_IM}", {"note": "still first"}, content_type="application/json"
    )
    listed = client.get(f"{API}/my-programs").json()
    removed = client.delete(f"{API}/my-programs/{MIAMI_IM}")

    assert added.status_code == 201 and added.json()["tags"] == ["reach"]
    assert updated.json()["note"] == "still first"
    assert [item["acgme_id"] for item in listed] == [MIAMI_IM]
    assert removed.status_code == 204
    assert not SavedProgram.objects.exists()


def test_my_programs_validation(client_for, applicant, miami):
    client = client_for(applicant)

    too_many = client.post(
        f"{API}/my-programs",
        {"acgme_id": MIAMI_IM, "tags": [f"t{i}" for i in range(11)]},
        content_type="application/json",
    )
    nul = client.post(
        f"{API}/my-programs",
        {"acgme_id": MIAMI_IM, "note": "a\x00b"},
        content_type="application/json",
    )
    missing = client.post(
        f"{API}/my-programs", {"acgme_id": "0000000000"}, content_type="application/json"
    )

    assert (too_many.status_code, nul.status_code, missing.status_code) == (422, 422, 404)
    assert not SavedProgram.objects.exists()


def test_another_user_cannot_see_or_change_my_programs_through_the_api(
    client_for, applicant, other_applicant, miami
):
    SavedProgramFactory(user=applicant, program=miami, note="mine")
    client = client_for(other_applicant)

    listed = client.get(f"{API}/my-programs").json()
    patched = client.patch(
        f"{API}/my-programs/{MIAMI_IM}", {"note": "x"}, content_type="application/json"
    )
    deleted = client.delete(f"{API}/my-programs/{MIAMI_IM}")

    assert listed == []
    assert (patched.status_code, deleted.status_code) == (404, 404)
    assert SavedProgram.objects.get().note == "mine"


def test_my_programs_need_authentication(client, directory):
    assert client.get(f"{API}/my-programs").status_code == 401


def test_an_applicant_gets_fit_in_results(client_for, applicant, miami):
    from imgpath.profiles.models import ApplicantProfile

    ApplicantProfile.objects.create(user=applicant, data={"us_status": "citizen"})
    body = client_for(applicant).get(f"{API}/programs", {"q": "jackson", "sort": "fit"}).json()

    assert body["results"][0]["fit"]["verdict"] == "check"
    assert body["results"][0]["fit"]["reasons"][0]["rule"] == "accepts_imgs"


def test_the_fit_says_what_is_missing_in_the_api(client_for, applicant, miami):
    from imgpath.profiles.models import ApplicantProfile

    ledger_entry_create(
        program=miami,
        field="min_step2ck",
        value=policy_value_parse(field="min_step2ck", raw="240"),
        source_kind="staff",
        verified_on=dt.date(2026, 1, 12),
        source_url="https://med.example.edu/im/eligibility",
    )
    ApplicantProfile.objects.create(
        user=applicant, data={"us_status": "citizen", "ecfmg_certified": True}
    )
    body = client_for(applicant).get(f"{API}/programs", {"q": "jackson"}).json()

    (result,) = [item for item in body["results"] if item["acgme_id"] == MIAMI_IM]
    assert result["fit"]["missing"] == [
        {
            "field": "exams.usmle_step2ck.score",
            "what": "Your Step 2 CK score",
            "changes": "A score of 240 or more meets this rule; a lower score fails it.",
        }
    ]
    schema = client_for(applicant).get(f"{API}/openapi.json").json()
    assert set(schema["components"]["schemas"]["FitMissingOut"]["properties"]) == {
        "field",
        "what",
        "changes",
    }


def test_the_openapi_schema_documents_the_filters_and_4xx(client, directory):
    schema = client.get(f"{API}/openapi.json").json()
    search = schema["paths"]["/api/v1/programs"]["get"]

    names = {p["name"] for p in search["parameters"]}
    assert {"j1", "h1b", "near", "radius", "yog", "graduation_year", "sort", "page"} <= names
    assert {"401", "404", "422"} <= set(search["responses"])
    assert "422" in schema["paths"]["/api/v1/my-programs"]["post"]["responses"]
