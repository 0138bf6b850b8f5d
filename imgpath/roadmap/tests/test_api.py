from __future__ import annotations

import pytest

from imgpath.engines.rules import PHASE_IDS
from imgpath.roadmap.tests.conftest import PROFILE

pytestmark = pytest.mark.django_db


def test_my_roadmap_follows_the_contract(client, applicant_with_profile):
    client.force_login(applicant_with_profile)

    roadmap = client.get("/api/v1/roadmap").json()

    assert roadmap["match_year"] == 2027
    assert [phase["id"] for phase in roadmap["phases"]] == list(PHASE_IDS)
    step = roadmap["phases"][0]["steps"][0]
    assert {"id", "status", "reason", "due", "details", "sources"} <= set(step)
    assert {"title", "url", "as_of", "tier"} <= set(step["sources"][0])
    sources = [s for p in roadmap["phases"] for st in p["steps"] for s in st["sources"]]
    assert any(s["as_of"] is None and s["undated"] for s in sources)
    assert any(s["unconfirmed"] for s in sources) and any(not s["unconfirmed"] for s in sources)


def test_contested_facts_carry_their_standing_in_the_api(client, applicant):
    client.force_login(applicant)
    profile = {**PROFILE, "visa_preference": "h1b", "current_location": "abroad"}
    roadmap = client.post("/api/v1/roadmap/evaluate", profile, content_type="application/json")
    assert roadmap.status_code == 200
    payment = next(w for w in roadmap.json()["warnings"] if w["code"] == "h1b_payment_abroad")
    source = payment["sources"][0]
    assert (source["standing"], source["standing_as_of"]) == ("contested", "2026-06-12")
    assert source["known_until"] == "2026-06-30" and payment["unconfirmed"] is True


def test_the_roadmap_schema_documents_the_trust_fields(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert {"unconfirmed", "standing", "known_until", "as_of"} <= set(
        schemas["SourceOut"]["properties"]
    )
    assert "overdue" in schemas["StepOut"]["properties"]


def test_evaluate_any_profile_without_saving(client, applicant):
    client.force_login(applicant)

    response = client.post("/api/v1/roadmap/evaluate", PROFILE, content_type="application/json")

    assert response.status_code == 200
    steps = [s["id"] for phase in response.json()["phases"] for s in phase["steps"]]
    assert "state_license:TX" in steps
    assert client.get("/api/v1/profile").json() == {}


def test_evaluate_names_the_bad_field(client, applicant):
    client.force_login(applicant)

    response = client.post(
        "/api/v1/roadmap/evaluate", {"targets": {"states": ["ZZ"]}}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["field"] == "targets.states[0]"


def test_roadmap_api_needs_an_applicant(client, host):
    assert client.get("/api/v1/roadmap").status_code == 401
    client.force_login(host)
    assert client.get("/api/v1/roadmap").status_code == 403
