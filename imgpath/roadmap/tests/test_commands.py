from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from imgpath.engines.rules import PHASE_IDS
from imgpath.roadmap.models import FactReview
from imgpath.roadmap.tests.conftest import PROFILE


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(PROFILE))
    return path


def test_roadmap_command_prints_the_contract(profile_file):
    # No django_db mark: any database access would fail this test.
    output = _run("roadmap", str(profile_file), "--format", "json", "--today", "2026-11-22")

    roadmap = json.loads(output)
    assert roadmap["today"] == "2026-11-22"
    assert [p["id"] for p in roadmap["phases"]] == list(PHASE_IDS)
    assert any(w["code"] == "j1_home_residency" for w in roadmap["warnings"])


def test_roadmap_command_is_deterministic(profile_file):
    args = ("roadmap", str(profile_file), "--today", "2026-11-22")
    assert _run(*args) == _run(*args)


def test_roadmap_command_text_format(profile_file):
    output = _run("roadmap", str(profile_file), "--format", "text", "--today", "2026-11-22")
    assert "ECFMG Certification" in output and "[Done]" in output
    # The warnings are kept, and every unconfirmed step and source says so.
    assert "! [warning]" in output
    assert "Unconfirmed rules behind this roadmap (" in output
    assert "[unconfirmed]" in output and "— unconfirmed" in output
    assert "date unknown" in output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{oops", "not valid JSON"),
        ('{"us_status": "martian"}', "us_status"),
        ('{"exams": {"oet": {"date": "2024-02-30"}}}', "exams.oet.date"),
        ("[1, 2]", "must be a JSON object"),
    ],
)
def test_unreadable_profile_exits_non_zero_naming_the_field(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        _run("roadmap", str(path), "--today", "2026-11-22")


def test_bad_today_is_refused(profile_file):
    with pytest.raises(CommandError, match="--today"):
        _run("roadmap", str(profile_file), "--today", "22/11/2026")


@pytest.mark.django_db
def test_rules_report_lists_stale_facts_and_a_recheck_removes_one(staff):
    before = _run(
        "rules_report", "--older-than", "180", "--today", "2026-11-22", "--format", "json"
    )
    stale = json.loads(before)
    # Undated facts first (their age is unknown), then oldest first.
    assert stale and stale == sorted(stale, key=lambda f: f["as_of"] or "")
    assert stale[0]["as_of"] is None and stale[0]["age_days"] is None
    dated = [f for f in stale if f["as_of"]]
    assert dated[-1]["age_days"] > 180
    oldest = stale[0]["id"]

    FactReview.objects.create(fact_id=oldest, checked_on="2026-11-21", checked_by=staff)
    after = json.loads(
        _run("rules_report", "--older-than", "180", "--today", "2026-11-22", "--format", "json")
    )

    assert oldest not in {f["id"] for f in after}
    assert len(after) == len(stale) - 1
    text = _run("rules_report", "--older-than", "180", "--today", "2026-11-22")
    assert f"{len(after)} fact(s) undated or not confirmed" in text
    assert "Open warnings:" in text and "tier C" in text
    only_c = json.loads(
        _run("rules_report", "--tier", "C", "--today", "2026-11-22", "--format", "json")
    )
    assert only_c and {f["tier"] for f in only_c} == {"C"}
    flagged = json.loads(
        _run("rules_report", "--flagged", "--today", "2026-11-22", "--format", "json")
    )
    assert flagged and all(f["flags"] for f in flagged)


BAD_PROFILES = [
    ({"medical_school": {"name": "Kasturba\u0000Medical"}}, "medical_school.name"),
    ({"citizenships": ["IN"], "favourite_colour": "blue"}, "favourite_colour"),
    ({"exams": {"usmle_step2ck": {"score": 301}}}, "exams.usmle_step2ck.score"),
    ({"ecfmg_certified_date": "0000-00-00"}, "ecfmg_certified_date"),
    ({"ecfmg_certified_date": "2026-02-30"}, "ecfmg_certified_date"),
    ({"experience": [{"kind": "observership", "months": -1}]}, "experience.0.months"),
    ({"targets": {"match_year": 1800}}, "targets.match_year"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("document", "field"), BAD_PROFILES)
def test_the_command_refuses_what_the_api_refuses_naming_the_same_field(
    tmp_path, client_for, applicant, document, field
):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(document))
    api = client_for(applicant).put("/api/v1/profile", document, content_type="application/json")

    with pytest.raises(CommandError) as refused:
        _run("roadmap", str(path), "--today", "2026-11-22")

    assert api.status_code == 422
    assert api.json()["errors"][0]["field"] == field
    assert f"{field}: " in str(refused.value)
