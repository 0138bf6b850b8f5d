"""The signals page: the same wasted-signal warnings the API gives, beside each program, each
with its source and date; unknown eligibility is said to be unknown; private to its owner."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from imgpath.profiles.models import ApplicantProfile
from imgpath.programs.services.ledger import ledger_entry_create, policy_value_parse
from imgpath.programs.tests.factories import ProgramFactory
from imgpath.season import services

pytestmark = pytest.mark.django_db

PROFILE = {
    "us_status": "none",
    "medical_school": {"country": "IN", "graduated": True, "graduation_year": 2018},
    "exams": {"usmle_step1": {"status": "passed", "attempts": 1}},
    "ecfmg_certified": True,
    "visa_preference": "j1",
}
POLICY_URL = "https://med.example.edu/im/eligibility"


def _state(program, field: str, raw: str, verified_on: dt.date) -> None:
    ledger_entry_create(
        program=program,
        field=field,
        value=policy_value_parse(field=field, raw=raw),
        source_kind="staff",
        verified_on=verified_on,
        source_url=POLICY_URL,
    )


@pytest.fixture
def season(applicant, programs):
    """Program 0 sponsors no J-1 and takes graduates of 3 years only: a wasted gold signal.
    Program 1 has no ledger: its signal's worth is unknown. Program 3 is emergency medicine."""
    ApplicantProfile.objects.create(user=applicant, data=PROFILE)
    _state(programs[0], "j1_sponsorship", "no", dt.date(2026, 1, 12))
    _state(programs[0], "yog_limit_years", "3", dt.date(2026, 2, 3))
    season = services.season_for(applicant)
    for program in (programs[0], programs[1], programs[3]):
        tracked = services.tracked_program_add(season, acgme_id=program.acgme_id)
        services.tracked_program_update(tracked, signal="gold")
    return season


def test_a_wasted_signal_shows_each_reason_with_its_source_and_date(
    client_for, applicant, season, programs
):
    page = client_for(applicant).get(reverse("season_signals")).content.decode()
    assert programs[0].name in page
    assert "A wasted signal: you are not eligible. Does not sponsor the J-1 visa." in page
    assert "Graduates within 3 years only" in page
    assert POLICY_URL in page and "as of 12 Jan 2026" in page and "as of 3 Feb 2026" in page


def test_the_page_shows_what_the_api_returns(client_for, applicant, season, programs, api):
    for program in [programs[2], ProgramFactory(specialty=programs[0].specialty)]:
        tracked = services.tracked_program_add(season, acgme_id=program.acgme_id)
        services.tracked_program_update(tracked, signal="gold")  # 4 gold: last season allowed 3
    page = client_for(applicant).get(reverse("season_signals")).content.decode()
    body = api(applicant, "get", "/signals").json()
    for specialty in body:
        for reasons in specialty["program_warnings"].values():
            for reason in reasons:
                assert reason["message"].replace("'", "&#x27;") in page
        for reason in specialty["warnings"]:
            assert reason["message"].replace("'", "&#x27;") in page
    codes = {r["code"] for s in body for rs in s["program_warnings"].values() for r in rs}
    assert {"not_eligible", "other_service", "over_gold"} <= codes
    assert "one of 4 gold signals where last season allowed 3" in page


def test_unknown_eligibility_stays_unknown(client_for, applicant, season, programs):
    page = client_for(applicant).get(reverse("season_signals")).content.decode()
    row = page[page.index(programs[1].name) :]
    row = row[: row.index("</tr>")]
    assert "Eligibility: unknown" in row
    assert "Whether this signal is wasted is not known" in row
    assert "not eligible" not in row


def test_rules_not_published_and_another_service_are_said(client_for, applicant, season):
    page = client_for(applicant).get(reverse("season_signals")).content.decode()
    assert "signal counts are not published in our sources" in page
    assert "A wasted signal: this specialty applies through ResidencyCAS" in page
    assert "unconfirmed" in page  # the season facts are not yet confirmed at their source


def test_the_tracker_names_the_graduation_year_screen(client_for, applicant, season):
    page = client_for(applicant).get(reverse("season_home")).content.decode()
    assert "Graduates within 3 years only" in page


def test_placing_a_signal_from_the_planner_returns_to_it(client_for, applicant, season):
    tracked = season.programs.order_by("id").first()
    response = client_for(applicant).post(
        reverse("season_status", args=[tracked.pk]),
        {"status": tracked.status, "signal": "", "next": "signals"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("season_signals")
    tracked.refresh_from_db()
    assert tracked.signal == ""
    evil = client_for(applicant).post(
        reverse("season_status", args=[tracked.pk]),
        {"status": tracked.status, "next": "https://evil.example"},
    )
    assert evil["Location"] == reverse("season_home")


def test_nobody_else_sees_or_changes_the_signals(
    client_for, other_applicant, host, mentor, season, programs
):
    other = client_for(other_applicant).get(reverse("season_signals"))
    assert other.status_code == 200 and programs[0].name not in other.content.decode()
    tracked = season.programs.order_by("id").first()
    url = reverse("season_status", args=[tracked.pk])
    assert (
        client_for(other_applicant).post(url, {"status": tracked.status, "signal": ""}).status_code
        == 404
    )
    for user in (host, mentor):
        assert client_for(user).get(reverse("season_signals")).status_code == 403
    anonymous = client_for(None).get(reverse("season_signals"))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    tracked.refresh_from_db()
    assert tracked.signal == "gold"
