from __future__ import annotations

import pytest

from imgpath.profiles.selectors import profile_data_for
from imgpath.profiles.services import profile_save

pytestmark = pytest.mark.django_db

DOC = {
    "citizenships": ["PK"],
    "us_status": "none",
    "exams": {"usmle_step2ck": {"status": "passed", "attempts": 1, "score": 241}},
    "experience": [{"kind": "externship", "months": 1.5, "country": "US"}],
    "visa_preference": "h1b",
}


def test_put_then_get_returns_the_normalised_document(client, applicant):
    client.force_login(applicant)

    put = client.put("/api/v1/profile", DOC, content_type="application/json")
    got = client.get("/api/v1/profile")

    assert put.status_code == 200
    assert got.json() == put.json()
    assert got.json()["exams"]["usmle_step2ck"]["score"] == 241
    assert got.json()["experience"][0]["months"] == 1.5


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"exams": {"oet": {"writing": 501}}}, "exams.oet.writing"),
        ({"us_status": "alien"}, "us_status"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
        ({"medical_school": {"graduation_year": 2023, "country": "ZZ"}}, "medical_school.country"),
        (
            {"exams": {"usmle_step1": {"status": "passed", "attempts": 0}}},
            "exams.usmle_step1.attempts",
        ),
        ({"exams": {"usmle_step1": {"date": "2023-02-30"}}}, "exams.usmle_step1.date"),
    ],
)
def test_bad_documents_get_422_naming_the_field_and_change_nothing(
    client, applicant, document, field
):
    profile_save(user=applicant, data=DOC)
    client.force_login(applicant)

    response = client.put("/api/v1/profile", document, content_type="application/json")

    assert response.status_code == 422
    body = response.json()
    assert field in (body.get("field") or "") + body["detail"]
    assert profile_data_for(applicant)["citizenships"] == ["PK"]


def test_profile_api_is_for_the_signed_in_applicant_only(client, applicant, other_applicant, host):
    profile_save(user=applicant, data=DOC)

    assert client.get("/api/v1/profile").status_code == 401
    client.force_login(other_applicant)
    assert client.get("/api/v1/profile").json() == {}
    client.force_login(host)
    assert client.get("/api/v1/profile").status_code == 403
    assert client.put("/api/v1/profile", DOC, content_type="application/json").status_code == 403


def test_session_writes_need_the_csrf_token_but_tokens_do_not(applicant):
    from django.test import Client

    from imgpath.accounts.services import api_token_create

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(applicant)
    refused = browser.put("/api/v1/profile", DOC, content_type="application/json")
    assert refused.status_code in {401, 403}
    assert profile_data_for(applicant) == {}

    _, secret = api_token_create(user=applicant, name="script")
    script = Client(enforce_csrf_checks=True)
    accepted = script.put(
        "/api/v1/profile",
        DOC,
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert accepted.status_code == 200
    assert profile_data_for(applicant)["citizenships"] == ["PK"]


def test_profile_enums_are_the_engines_under_prefixed_names(client):
    from imgpath.engines.profile import ExamStatus, UsStatus

    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    assert schemas["ProfileExamStatus"]["enum"] == [member.value for member in ExamStatus]
    assert schemas["ProfileUsStatus"]["enum"] == [member.value for member in UsStatus]
    assert "ExamStatus" not in schemas
