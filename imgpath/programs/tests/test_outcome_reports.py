"""IMG outcome reports: private to the reporter, shown only as counts of three or more."""

from __future__ import annotations

import pytest
from django.urls import reverse

from imgpath.accounts.tests.factories import ApplicantFactory
from imgpath.core.privacy import user_data_erase, user_data_export
from imgpath.programs.models import OutcomeReport, OutcomeStatus, Program
from imgpath.programs.services.outcomes import (
    MAX_PER_DAY,
    outcome_report_create,
    outcome_report_moderate,
)
from imgpath.programs.tests.conftest import ELMIRA_IM, MIAMI_IM
from imgpath.programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db
REPORT = {"season": 2026, "outcome": "matched", "applicant_kind": "non_us_img", "visa": "j1"}
SUMMARY = "non-US IMGs reported matching here on a J-1 in 2026 (self-reported)."


def _report(program, author=None, **extra) -> OutcomeReport:
    return outcome_report_create(
        program=program, author=author or ApplicantFactory(), **{**REPORT, **extra}
    )


def _refresh(program) -> Program:
    return Program.objects.get(pk=program.pk)


# Threshold ------------------------------------------------------------------------------------


def test_no_count_shows_below_three_reports(miami, client):
    _report(miami, step2ck_band="240_259")
    _report(miami, step2ck_band="240_259")

    page = client.get(reverse("programs:detail", args=[MIAMI_IM])).content.decode()
    body = client.get(f"/api/v1/programs/{MIAMI_IM}/outcomes").json()
    detail = client.get(f"/api/v1/programs/{MIAMI_IM}").json()

    assert "reported matching" not in page and "Not enough reports yet" in page
    assert body["groups"] == [] and body["min_group"] == 3
    assert [e for e in detail["evidence"] if e["kind"] == "outcome_reports"] == []


def test_three_reports_show_as_a_count_on_the_page_and_in_the_api(miami, client):
    for band in ("240_259", "240_259", "240_259", "260_up"):
        _report(miami, step2ck_band=band)
    _report(miami, visa="h1b")  # a group of one: never shown

    page = client.get(reverse("programs:detail", args=[MIAMI_IM])).content.decode()
    groups = client.get(f"/api/v1/programs/{MIAMI_IM}/outcomes").json()["groups"]
    listed = client.get("/api/v1/programs", {"q": "miami jackson", "specialty": "140"}).json()

    assert f"4 {SUMMARY}" in page
    assert "on an H-1B" not in page
    assert len(groups) == 1 and groups[0]["count"] == 4
    assert groups[0]["step2ck_bands"] == {"240 to 259": 3}  # the band of one stays hidden
    item = next(e for e in listed["results"][0]["evidence"] if e["kind"] == "outcome_reports")
    assert item["summary"] == f"4 {SUMMARY}" and item["period"] == "2026 Match"
    assert item["limits"] and item["source_url"].endswith("#outcomes")


def test_a_rejected_report_stops_counting(miami, staff):
    reports = [_report(miami) for _ in range(3)]
    assert _refresh(miami).outcome_evidence[0]["count"] == 3

    outcome_report_moderate(report=reports[0], staff=staff, approve=False)

    assert _refresh(miami).outcome_evidence == []


def test_the_unknown_j1_field_names_the_outcome_count_instead(miami, client):
    for _ in range(3):
        _report(miami)

    page = client.get(reverse("programs:detail", args=[MIAMI_IM])).content.decode()

    assert f"Known instead:</span> 3 {SUMMARY}" in page


# Rules ----------------------------------------------------------------------------------------


def test_one_report_per_program_and_season(client_for, applicant, miami):
    client = client_for(applicant)
    url = f"/api/v1/programs/{MIAMI_IM}/outcome-reports"

    first = client.post(url, REPORT, content_type="application/json")
    again = client.post(url, {**REPORT, "outcome": "interviewed"}, content_type="application/json")
    other_season = client.post(url, {**REPORT, "season": 2025}, content_type="application/json")

    assert (first.status_code, again.status_code, other_season.status_code) == (201, 409, 201)
    assert OutcomeReport.objects.filter(author=applicant).count() == 2


def test_reports_are_rate_limited(client_for, applicant):
    programs = ProgramFactory.create_batch(MAX_PER_DAY + 1)
    client = client_for(applicant)
    codes = [
        client.post(
            f"/api/v1/programs/{p.acgme_id}/outcome-reports",
            REPORT,
            content_type="application/json",
        ).status_code
        for p in programs
    ]
    assert codes == [201] * MAX_PER_DAY + [422]


@pytest.mark.parametrize(
    "payload",
    [
        {**REPORT, "outcome": "ranked"},
        {**REPORT, "visa": "f1"},
        {**REPORT, "season": 1999},
        {**REPORT, "season": 2099},
        {k: v for k, v in REPORT.items() if k != "visa"},
    ],
)
def test_bad_reports_are_422_naming_the_field(client_for, applicant, miami, payload):
    response = client_for(applicant).post(
        f"/api/v1/programs/{MIAMI_IM}/outcome-reports", payload, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"]
    assert not OutcomeReport.objects.exists()


@pytest.mark.parametrize("who", ["host", "mentor", None])
def test_only_applicants_report(request, client_for, miami, who):
    user = request.getfixturevalue(who) if who else None
    client = client_for(user)
    api = client.post(
        f"/api/v1/programs/{MIAMI_IM}/outcome-reports", REPORT, content_type="application/json"
    )
    page = client.post(reverse("programs:outcome_create", args=[MIAMI_IM]), REPORT)
    assert api.status_code in (401, 403)
    assert page.status_code in (302, 403) if user is None else page.status_code in (403, 422)
    assert not OutcomeReport.objects.exists()


# Privacy -----------------------------------------------------------------------------------------


def test_a_report_is_seen_only_by_its_author(
    client_for, applicant, other_applicant, host, mentor, miami
):
    mine = _report(miami, author=applicant)
    own = client_for(applicant)

    assert [r["id"] for r in own.get("/api/v1/my-outcome-reports").json()] == [mine.pk]
    assert (
        "Your reports on this program"
        in own.get(reverse("programs:detail", args=[MIAMI_IM])).content.decode()
    )
    for outsider in (other_applicant, host, mentor, None):
        client = client_for(outsider)
        listed = client.get("/api/v1/my-outcome-reports")
        page = client.get(reverse("programs:detail", args=[MIAMI_IM])).content.decode()
        deleted = client.delete(f"/api/v1/my-outcome-reports/{mine.pk}")
        form_delete = client.post(reverse("programs:outcome_delete", args=[mine.pk]))
        assert listed.status_code == 401 or listed.json() == []
        assert "Your reports on this program" not in page
        assert deleted.status_code in (401, 404)
        assert form_delete.status_code in (302, 404)
        if outsider is not None:
            assert form_delete.status_code == 404
    assert OutcomeReport.objects.filter(pk=mine.pk).exists()


def test_the_author_deletes_a_report_and_the_count_follows(client_for, applicant, miami):
    mine = _report(miami, author=applicant)
    _report(miami), _report(miami)
    assert _refresh(miami).outcome_evidence[0]["count"] == 3

    response = client_for(applicant).post(reverse("programs:outcome_delete", args=[mine.pk]))

    assert response.status_code == 302
    assert _refresh(miami).outcome_evidence == []


def test_reports_are_in_the_export_and_go_with_the_account(applicant, miami, elmira):
    _report(miami, author=applicant, step2ck_band="260_up")
    _report(miami), _report(miami)
    _report(elmira, author=applicant)

    exported = user_data_export(user=applicant)["data"]["programs"]["outcome_reports"]
    user_data_erase(user=applicant)

    assert {r["acgme_id"] for r in exported} == {MIAMI_IM, ELMIRA_IM}
    assert exported[0]["step2ck_band"] in ("260_up", "")
    assert not OutcomeReport.objects.filter(program__acgme_id=ELMIRA_IM).exists()
    assert _refresh(miami).outcome_evidence == []  # two left: below the threshold


def test_the_page_form_sends_a_private_report(client_for, applicant, miami):
    response = client_for(applicant).post(
        reverse("programs:outcome_create", args=[MIAMI_IM]), {**REPORT, "step2ck_band": ""}
    )

    assert response.status_code == 302 and response["Location"].endswith("#outcomes")
    report = OutcomeReport.objects.get(author=applicant)
    assert report.status == OutcomeStatus.PENDING and report.step2ck_band == ""
