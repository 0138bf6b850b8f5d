"""The season API: what an applicant can do, and what nobody else can see or change."""

from __future__ import annotations

import pytest

from imgpath.season.models import Letter, StatementVersion, TrackedProgram

pytestmark = pytest.mark.django_db


def _add(api, user, program, track="categorical"):
    response = api(user, "post", "/programs", {"acgme_id": program.acgme_id, "track": track})
    assert response.status_code == 201, response.content
    return response.json()


def _letter(api, user, **extra):
    body = {
        "writer_name": "Dr. Lee",
        "writer_title": "Professor",
        "specialty": "internal_medicine",
        "us_physician": True,
        "us_clinical": False,
        "waived": True,
        **extra,
    }
    response = api(user, "post", "/letters", body)
    assert response.status_code == 201, response.content
    return response.json()


def test_tracking_a_program_keeps_status_history(api, applicant, programs):
    added = _add(api, applicant, programs[0])
    assert added["status"] == "considering" and len(added["history"]) == 1
    changed = api(applicant, "patch", f"/programs/{added['id']}", {"status": "applied"})
    assert changed.status_code == 200
    body = changed.json()
    assert [h["status"] for h in body["history"]] == ["considering", "applied"]
    listed = api(applicant, "get", "/programs").json()
    assert [p["id"] for p in listed] == [added["id"]]
    assert "No personal statement is assigned." in listed[0]["missing"]


def test_adding_the_same_program_twice_is_a_conflict(api, applicant, programs):
    _add(api, applicant, programs[0])
    again = api(applicant, "post", "/programs", {"acgme_id": programs[0].acgme_id})
    assert again.status_code == 409
    assert TrackedProgram.objects.count() == 1
    assert _add(api, applicant, programs[0], track="preliminary")["track"] == "preliminary"


def test_unknown_program_and_bad_status_are_422_and_change_nothing(api, applicant, programs):
    response = api(applicant, "post", "/programs", {"acgme_id": "0000000000"})
    assert response.status_code == 422 and response.json()["errors"]
    added = _add(api, applicant, programs[0])
    bad = api(applicant, "patch", f"/programs/{added['id']}", {"status": "married"})
    assert bad.status_code == 422 and bad.json()["errors"]
    assert TrackedProgram.objects.get().status == "considering"


def test_shortlist_bulk_add(api, applicant, programs):
    from imgpath.programs.tests.factories import SavedProgramFactory

    SavedProgramFactory(user=applicant, program=programs[1], tags=["reach"])
    SavedProgramFactory(user=applicant, program=programs[2])
    response = api(applicant, "post", "/programs/shortlist")
    assert response.status_code == 201
    assert sorted(p["acgme_id"] for p in response.json()) == sorted(
        [programs[1].acgme_id, programs[2].acgme_id]
    )
    assert api(applicant, "post", "/programs/shortlist").json() == []


def test_letter_assignment_refuses_more_than_the_maximum(api, applicant, programs):
    tracked = _add(api, applicant, programs[0])
    ids = [_letter(api, applicant, writer_name=f"Dr. {n}")["id"] for n in range(5)]
    refused = api(applicant, "put", f"/programs/{tracked['id']}/letters", {"letter_ids": ids})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "letter_ids"
    assert TrackedProgram.objects.get().letters.count() == 0
    ok = api(applicant, "put", f"/programs/{tracked['id']}/letters", {"letter_ids": ids[:4]})
    assert ok.status_code == 200 and ok.json()["letter_ids"] == ids[:4]


def test_a_sloe_is_missing_for_emergency_medicine(api, applicant, programs):
    tracked = _add(api, applicant, programs[3])
    letter = _letter(api, applicant)
    body = api(
        applicant, "put", f"/programs/{tracked['id']}/letters", {"letter_ids": [letter["id"]]}
    ).json()
    assert any("SLOE" in item for item in body["missing"])


def test_statement_versions_are_kept_and_diffed(api, applicant, programs):
    created = api(applicant, "post", "/statements", {"title": "IM", "text": "First line\nSecond"})
    assert created.status_code == 201
    statement = created.json()
    assert statement["limit"] == 28000 and statement["limit_source"]["verified"]
    second = api(
        applicant, "post", f"/statements/{statement['id']}/versions", {"text": "First line\nThird"}
    ).json()
    assert [v["number"] for v in second["versions"]] == [1, 2]
    assert StatementVersion.objects.filter(number=1).get().text == "First line\nSecond"
    diff = api(applicant, "get", f"/statements/{statement['id']}/diff?old=1&new=2").json()
    assert {"kind": "removed", "line": "Second"} in diff
    assert {"kind": "added", "line": "Third"} in diff
    missing = api(applicant, "get", f"/statements/{statement['id']}/diff?old=1&new=9")
    assert missing.status_code == 404
    tracked = _add(api, applicant, programs[0])
    assigned = api(
        applicant, "put", f"/programs/{tracked['id']}/statement", {"statement_id": statement["id"]}
    ).json()
    assert assigned["statement_id"] == statement["id"]
    assert api(applicant, "get", "/statements").json()[0]["program_ids"] == [tracked["id"]]


def test_a_long_statement_is_counted_over_the_limit(api, applicant):
    body = api(applicant, "post", "/statements", {"title": "Long", "text": "a" * 28001}).json()
    assert body["versions"][0]["over_limit"] is True


def test_interviews_in_utc_with_conflicts(api, applicant, programs):
    a = _add(api, applicant, programs[0])
    b = _add(api, applicant, programs[1])
    first = api(
        applicant,
        "post",
        "/interviews",
        {"program_id": a["id"], "starts_at": "2026-11-10T14:00:00+00:00", "virtual": True},
    )
    assert first.status_code == 201
    second = api(
        applicant,
        "post",
        "/interviews",
        {"program_id": b["id"], "starts_at": "2026-11-10T09:00:00-05:00"},
    ).json()
    assert second["starts_at"].startswith("2026-11-10T14:00:00")
    assert second["conflicts"] == [first.json()["id"]]
    naive = api(
        applicant,
        "post",
        "/interviews",
        {"program_id": b["id"], "starts_at": "2026-11-10T09:00:00"},
    )
    assert naive.status_code == 422
    thanked = api(applicant, "patch", f"/interviews/{second['id']}", {"thank_you_sent": True})
    assert thanked.json()["thank_you_sent_at"] is not None
    assert TrackedProgram.objects.get(pk=b["id"]).status == "interview_scheduled"


@pytest.mark.parametrize(
    "field", [{"respond_by": 0}, {"starts_at": 946684800}, {"offered": [946684800]}]
)
def test_numbers_are_not_read_as_dates(api, applicant, programs, field):
    program = _add(api, applicant, programs[0])["id"]
    response = api(applicant, "post", "/interviews", {"program_id": program, **field})
    assert response.status_code == 422 and response.json()["errors"]
    letter = api(applicant, "post", "/letters", {"writer_name": "Dr A", "requested_on": 0})
    assert letter.status_code == 422
    assert not TrackedProgram.objects.get(pk=program).interviews.exists()
    assert not Letter.objects.exists()


def test_signals_warn_that_counts_are_not_published(api, applicant, programs):
    a = _add(api, applicant, programs[0])
    em = _add(api, applicant, programs[3])
    body = {
        "signals": [
            {"program_id": a["id"], "level": "gold"},
            {"program_id": em["id"], "level": "single"},
        ]
    }
    response = api(applicant, "put", "/signals", body)
    assert response.status_code == 200
    by_specialty = {item["specialty"]: item for item in response.json()}
    im_codes = {w["code"] for w in by_specialty["internal_medicine"]["warnings"]}
    assert "not_published" in im_codes
    assert by_specialty["internal_medicine"]["used"]["gold"] == 1
    em_codes = {w["code"] for w in by_specialty["emergency_medicine"]["warnings"]}
    assert "other_service" in em_codes


def test_costs_read_the_fee_facts(api, applicant, programs):
    for program in programs[:3]:
        _add(api, applicant, program)
    body = api(applicant, "get", "/costs").json()
    eras = next(line for line in body["lines"] if line["label"].startswith("internal_medicine"))
    assert eras["amount_usd"] == 33 and eras["fact"]["id"] == "eras_residency_fees_2026"
    assert eras["fact"]["verified"] is False
    nrmp = next(line for line in body["lines"] if line["label"].startswith("NRMP"))
    assert nrmp["amount_usd"] == 75


# Privacy --------------------------------------------------------------------------------------


@pytest.fixture
def owned(api, applicant, programs):
    tracked = _add(api, applicant, programs[0])
    letter = _letter(api, applicant)
    statement = api(applicant, "post", "/statements", {"title": "Mine", "text": "x"}).json()
    interview = api(
        applicant,
        "post",
        "/interviews",
        {"program_id": tracked["id"], "starts_at": "2026-11-10T14:00:00+00:00"},
    ).json()
    return {"program": tracked, "letter": letter, "statement": statement, "interview": interview}


def test_another_applicant_sees_nothing_and_gets_404(api, owned, other_applicant):
    p, s, i, letter = (owned[k]["id"] for k in ("program", "statement", "interview", "letter"))
    for path in ("/programs", "/letters", "/statements", "/interviews"):
        assert api(other_applicant, "get", path).json() == []
    calls = [
        ("patch", f"/programs/{p}", {"status": "applied"}),
        ("delete", f"/programs/{p}", None),
        ("put", f"/programs/{p}/letters", {"letter_ids": []}),
        ("put", f"/programs/{p}/statement", {"statement_id": None}),
        ("post", f"/statements/{s}/versions", {"text": "stolen"}),
        ("get", f"/statements/{s}/diff?old=1&new=1", None),
        ("patch", f"/interviews/{i}", {"thank_you_sent": True}),
        ("post", "/interviews", {"program_id": p}),
    ]
    for method, path, body in calls:
        assert api(other_applicant, method, path, body).status_code == 404, path
    mine = api(other_applicant, "post", "/statements", {"title": "O", "text": "o"}).json()
    tracked = _add(api, other_applicant, TrackedProgram.objects.get(pk=p).program)
    refused = api(
        other_applicant, "put", f"/programs/{tracked['id']}/letters", {"letter_ids": [letter]}
    )
    assert refused.status_code == 422
    stolen = api(
        other_applicant, "put", f"/programs/{tracked['id']}/statement", {"statement_id": s}
    )
    assert stolen.status_code == 404
    assert mine["id"] != s
    signals = api(
        other_applicant, "put", "/signals", {"signals": [{"program_id": p, "level": "gold"}]}
    )
    assert signals.status_code == 422
    assert TrackedProgram.objects.get(pk=p).status == "interview_scheduled"
    assert Letter.objects.get(pk=letter).programs.count() == 0


@pytest.mark.parametrize("role", ["host", "mentor"])
def test_other_roles_are_refused(api, owned, role, request):
    user = request.getfixturevalue(role)
    for path in ("/programs", "/letters", "/statements", "/interviews", "/signals", "/costs"):
        assert api(user, "get", path).status_code == 403


def test_anonymous_is_asked_to_sign_in(api, owned):
    for path in ("/programs", "/letters", "/statements", "/interviews", "/signals", "/costs"):
        assert api(None, "get", path).status_code == 401


def test_export_and_erasure_include_the_season(owned, applicant):
    from imgpath.core.privacy import user_data_erase, user_data_export

    data = user_data_export(user=applicant)["data"]["season"]["seasons"][0]
    assert data["programs"][0]["interviews"][0]["starts_at"].startswith("2026-11-10")
    assert data["statements"][0]["versions"][0]["text"] == "x"
    assert data["letters"][0]["writer_name"] == "Dr. Lee"
    user_data_erase(user=applicant)
    assert not TrackedProgram.objects.exists() and not Letter.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"respond_by": 0},
        {"starts_at": 1_767_225_600},
        {"virtual": 0},
        {"duration_minutes": "240"},
        {"program_id": "1"},
    ],
)
def test_json_values_of_the_wrong_type_are_refused_not_coerced(api, applicant, programs, body):
    """0 is not 1 January 1970, nor false; "240" is not a number: each is a 422 naming the field."""
    tracked = _add(api, applicant, programs[0])
    response = api(applicant, "post", "/interviews", {"program_id": tracked["id"], **body})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].endswith(next(iter(body)))
    assert api(applicant, "get", "/interviews").json() == []


def test_thank_you_flag_must_be_true_or_false(api, applicant, programs):
    tracked = _add(api, applicant, programs[0])
    made = api(applicant, "post", "/interviews", {"program_id": tracked["id"]}).json()
    response = api(applicant, "patch", f"/interviews/{made['id']}", {"thank_you_sent": 0})
    assert response.status_code == 422
    assert api(applicant, "get", "/interviews").json()[0]["thank_you_sent_at"] is None
