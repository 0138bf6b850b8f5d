"""Federal H-1B evidence: importers, crosswalk, review queue, pages, search and API."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from imgpath.programs.models import (
    EmployerLink,
    LcaFiling,
    LinkStatus,
    Program,
    SponsoringInstitution,
    UscisApproval,
)
from imgpath.programs.services.crosswalk import COLUMNS, crosswalk_load
from imgpath.programs.services.evidence import evidence_refresh, institutions_refresh
from imgpath.programs.tests.conftest import ELMIRA_IM, MIAMI_ANESTHESIA, MIAMI_IM

API = "/api/v1"
MIAMI = "University of Miami/Jackson Health System"
# The shipped copy's columns (DOL's, without CASE_STATUS, plus Year/Quarter/IS_TRAINEE_TITLE).
COPY_HEADER = (
    "CASE_NUMBER,JOB_TITLE,SOC_CODE,SOC_TITLE,FULL_TIME_POSITION,BEGIN_DATE,END_DATE,"
    "EMPLOYER_NAME,TRADE_NAME_DBA,WORKSITE_ADDRESS1,WORKSITE_CITY,WORKSITE_COUNTY,WORKSITE_STATE,"
    "WORKSITE_POSTAL_CODE,WAGE_RATE_OF_PAY_FROM,WAGE_RATE_OF_PAY_TO,WAGE_UNIT_OF_PAY,"
    "PW_WAGE_LEVEL,Year,Quarter,IS_TRAINEE_TITLE"
)
# DOL's official disclosure columns (a subset, in DOL's order; the rest are ignored).
OFFICIAL_HEADER = (
    "CASE_NUMBER,CASE_STATUS,RECEIVED_DATE,DECISION_DATE,VISA_CLASS,JOB_TITLE,SOC_CODE,"
    "SOC_TITLE,EMPLOYER_NAME,WORKSITE_CITY,WORKSITE_STATE"
)


def _copy_row(case, title, soc, employer, city, state):
    return (
        f'{case},{title},{soc},"physicians",Y,2025-07-01,2028-06-30,"{employer}",,1 Main St,'
        f"{city},X,{state},33136,70000,,Year,,2025,Q2,N"
    )


def _write(path: Path, header: str, rows: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding=encoding)
    return path


@pytest.fixture
def lca_copy(tmp_path):
    return _write(
        tmp_path / "lca_copy.csv",
        COPY_HEADER,
        [
            _copy_row("I-200-25001-000001", "Resident Physician PGY-1", "29-1229",
                      "University of Miami", "Miami", "FL"),
            _copy_row("I-200-25001-000002", "Clinical Fellow", "29-1215",
                      "UNIVERSITY OF MIAMI", "Miami", "FL"),
            _copy_row("I-200-25001-000003", "Internal Medicine Physician", "29-1216",
                      "University of Miami", "Miami", "FL"),
            _copy_row("I-200-25001-000004", "Pharmacy Resident", "29-1051",
                      "University of Miami", "Miami", "FL"),
            _copy_row("I-200-25001-000005", "Hospitalist", "29-1229",
                      "Arnot Health", "Elmira", "NY"),
        ],
    )  # fmt: skip


def _crosswalk(tmp_path, rows: list[dict]) -> Path:
    path = tmp_path / "crosswalk.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({
                "source": "dol_lca", "employer_key": "UNIVERSITY OF MIAMI", "state": "FL",
                "method": "exact_name", "score": "100", "confidence": "1.00",
                "reasons": "same name", **row,
            })  # fmt: skip
    return path


@pytest.fixture
def evidence(directory, lca_copy, tmp_path):
    """The fixture directory with Miami's LCA filings published and Arnot Ogden in review."""
    institutions_refresh()
    call_command("import_lca", str(lca_copy))
    path = _crosswalk(
        tmp_path,
        [
            {"employer_name": "University of Miami", "institution_name": MIAMI,
             "decision": "publish"},
            {"employer_name": "Arnot Health", "employer_key": "ARNOT HEALTH",
             "institution_name": "Arnot Ogden Medical Center", "state": "NY",
             "decision": "review", "method": "fuzzy_name", "confidence": "0.40",
             "reasons": "names are similar"},
        ],
    )  # fmt: skip
    crosswalk_load(path=path)
    return path


# Importers -----------------------------------------------------------------------------------


def test_the_shipped_copy_format_imports_physician_rows_once(db, lca_copy, capsys):
    call_command("import_lca", str(lca_copy))
    first = capsys.readouterr().out
    call_command("import_lca", str(lca_copy))
    again = capsys.readouterr().out
    call_command("import_lca", str(lca_copy), "--force")
    forced = capsys.readouterr().out

    assert "4 created" in first and "1 row(s) left out (not a physician SOC code)" in first
    assert "skipped" in again
    assert "0 created, 0 updated, 4 unchanged" in forced
    assert LcaFiling.objects.count() == 4
    assert set(LcaFiling.objects.values_list("period", flat=True)) == {"FY2025 Q2"}
    trainee = dict(LcaFiling.objects.values_list("case_number", "trainee_title"))
    assert trainee == {
        "I-200-25001-000001": True,
        "I-200-25001-000002": True,
        "I-200-25001-000003": False,
        "I-200-25001-000005": False,
    }


def test_official_dol_files_count_only_certified_h1b(directory, tmp_path):
    path = _write(
        tmp_path / "LCA_Disclosure_Data_FY2024_Q4.csv",
        OFFICIAL_HEADER,
        [
            "I-200-24001-000010,Certified,2024-01-01,2024-01-08,H-1B,Resident,29-1229,x,"
            "University of Miami,Miami,FL",
            "I-200-24001-000011,Withdrawn,2024-01-01,2024-01-08,H-1B,Resident,29-1229,x,"
            "University of Miami,Miami,FL",
            "I-200-24001-000012,Certified - Withdrawn,2024-01-01,2024-01-08,H-1B,Fellow,"
            "29-1229,x,University of Miami,Miami,FL",
            "I-200-24001-000013,Certified,2024-01-01,2024-01-08,E-3 Australian,Resident,29-1229,"
            "x,University of Miami,Miami,FL",
            "I-200-24001-000014,Certified,2024-01-01,2024-01-08,H-1B,Software Engineer,15-1252,"
            "x,University of Miami,Miami,FL",
        ],
    )
    institutions_refresh()
    call_command("import_lca", str(path))
    crosswalk_load(
        path=_crosswalk(
            tmp_path,
            [
                {
                    "employer_name": "University of Miami",
                    "institution_name": MIAMI,
                    "decision": "publish",
                }
            ],
        )
    )

    assert LcaFiling.objects.count() == 3
    assert set(LcaFiling.objects.values_list("period", flat=True)) == {"FY2024 Q4"}
    (item,) = SponsoringInstitution.objects.get(name=MIAMI).evidence
    assert (item["count"], item["physician_count"]) == (1, 1)
    assert "1 Department of Labor H-1B certified filings" in item["summary"]
    assert not any("no case status" in limit for limit in item["limits"])


def test_bad_rows_are_all_named_and_nothing_is_written(db, tmp_path, capsys):
    path = _write(
        tmp_path / "bad_FY2025.csv",
        COPY_HEADER,
        [
            _copy_row("I-200-25001-000001", "Resident", "29-1229", "Good", "Miami", "FL"),
            _copy_row("I-200-25001-000002", "Resident", "29-1229", "", "Miami", "FL"),
            _copy_row("I-200-25001-000003", "Resident", "29-1229", "Good", "Miami", "ZZ"),
            _copy_row("I-200-25001-000001", "Resident", "29-1229", "Good", "Miami", "FL"),
        ],
    )

    with pytest.raises(CommandError, match="3 bad row"):
        call_command("import_lca", str(path))
    errors = capsys.readouterr().err
    assert "bad line 3 (I-200-25001-000002): employer_name is empty" in errors
    assert "bad line 4 (I-200-25001-000003): worksite_state 'ZZ'" in errors
    assert "bad line 5 (I-200-25001-000001): case number I-200-25001-000001 repeats line 2" in (
        errors
    )
    assert LcaFiling.objects.count() == 0


def test_a_file_without_its_columns_or_an_excel_file_is_refused(db, tmp_path):
    missing = _write(tmp_path / "x_FY2025.csv", "CASE_NUMBER,JOB_TITLE", ["I-200-1-1,Resident"])
    excel = tmp_path / "LCA_FY2025.xlsx"
    excel.write_bytes(b"PK\x03\x04 not really a workbook")

    with pytest.raises(CommandError, match="lacks the column"):
        call_command("import_lca", str(missing))
    with pytest.raises(CommandError, match="save it as CSV"):
        call_command("import_lca", str(excel))


USCIS_OLD = (
    "Fiscal Year,Employer,Initial Approval,Initial Denial,Continuing Approval,Continuing Denial,"
    "NAICS,Tax ID,State,City,ZIP"
)
USCIS_NEW = "\t".join(
    [
        "Line by line", "Fiscal Year   ", "Employer (Petitioner) Name", "Tax ID",
        "Industry (NAICS) Code", "Petitioner City", "Petitioner State", "Petitioner Zip Code",
        "New Employment Approval", "New Employment Denial", "Continuation Approval",
        "Continuation Denial", "Change with Same Employer Approval",
        "Change with Same Employer Denial", "New Concurrent Approval", "New Concurrent Denial",
        "Change of Employer Approval", "Change of Employer Denial", "Amended Approval",
        "Amended Denial",
    ]
)  # fmt: skip


def test_uscis_old_and_new_official_exports(db, tmp_path):
    old = _write(
        tmp_path / "h1b_datahubexport-2019.csv",
        USCIS_OLD,
        [
            "2019,UNIVERSITY OF MIAMI,5,0,7,1,61,1234,FL,CORAL GABLES,33146",
            "2019,UNIVERSITY OF MIAMI,1,0,1,0,61,9999,FL,CORAL GABLES,33146",
            "2019,ACME SOFTWARE INC,40,0,10,0,54,1,CA,SAN JOSE,95110",
        ],
    )
    new = _write(
        tmp_path / "Employer Information.csv",
        USCIS_NEW,
        ["\t".join(["1", "2024", "UNIVERSITY OF MIAMI", "1234", "61", "CORAL GABLES", "FL",
                    "33146", "1,204", "2", "3", "0", "1", "0", "1", "0", "2", "0", "1", "0"])],
        encoding="utf-16",
    )  # fmt: skip

    call_command("import_uscis_h1b", str(old), str(new))

    rows = {r.fiscal_year: r for r in UscisApproval.objects.all()}
    assert set(rows) == {2019, 2024}
    assert (rows[2019].initial_approvals, rows[2019].continuing_approvals) == (6, 8)
    assert (rows[2024].initial_approvals, rows[2024].continuing_approvals) == (1204, 8)


def test_a_uscis_file_replaces_its_years_and_names_bad_counts(db, tmp_path, capsys):
    path = tmp_path / "hub.csv"
    _write(path, USCIS_OLD, ["2020,MERCY HOSPITAL,3,0,0,0,62,1,NY,BUFFALO,14220"])
    call_command("import_uscis_h1b", str(path))
    _write(path, USCIS_OLD, ["2020,MERCY CLINIC,1,0,0,0,62,1,NY,BUFFALO,14220"])
    call_command("import_uscis_h1b", str(path))
    assert list(UscisApproval.objects.values_list("employer_name", flat=True)) == ["MERCY CLINIC"]

    _write(path, USCIS_OLD, ["2021,MERCY CLINIC,lots,0,0,0,62,1,NY,BUFFALO,14220"])
    with pytest.raises(CommandError, match="1 bad row"):
        call_command("import_uscis_h1b", str(path))
    assert "bad line 2 (MERCY CLINIC): initial approval 'lots' is not a count" in (
        capsys.readouterr().err
    )
    assert list(UscisApproval.objects.values_list("fiscal_year", flat=True)) == [2020]


# Crosswalk and evidence ----------------------------------------------------------------------


def test_published_links_show_evidence_and_review_links_show_nothing(evidence):
    miami = SponsoringInstitution.objects.get(name=MIAMI)
    arnot = SponsoringInstitution.objects.get(name="Arnot Ogden Medical Center")

    assert miami.has_h1b_evidence and miami.program_count == 2
    (item,) = miami.evidence
    assert item["kind"] == "h1b_lca"
    assert item["summary"] == (
        "University of Miami appears in 2 Department of Labor H-1B filings (LCAs) for physician "
        "trainee job titles in FY2025 Q2 (3 for all physician titles)."
    )
    assert any("not a full year" in limit for limit in item["limits"])
    assert any("no case status" in limit for limit in item["limits"])
    assert not arnot.has_h1b_evidence and arnot.evidence == []
    assert EmployerLink.objects.get(institution=arnot).status == LinkStatus.PENDING


def test_the_crosswalk_load_is_all_or_nothing(evidence, tmp_path):
    bad = _crosswalk(
        tmp_path,
        [
            {"employer_name": "University of Miami", "institution_name": MIAMI,
             "decision": "review"},
            {"employer_name": "Nobody", "institution_name": "No Such Place", "decision": "maybe"},
        ],
    )  # fmt: skip
    from imgpath.programs.services.federal_files import RowsRejected

    with pytest.raises(RowsRejected) as caught:
        crosswalk_load(path=bad)
    ((line, key, reason),) = caught.value.rows
    assert (line, key) == (3, "Nobody")
    assert "no institution 'No Such Place'" in reason and "decision 'maybe'" in reason
    assert EmployerLink.objects.get(institution__name=MIAMI).status == LinkStatus.PUBLISHED


def test_staff_confirm_a_link_and_its_evidence_shows(evidence, client_for, staff):
    link = EmployerLink.objects.get(status=LinkStatus.PENDING)
    client = client_for(staff)
    queue = client.get(reverse("programs:crosswalk_queue"))
    assert queue.status_code == 200
    assert b"Arnot Ogden Medical Center" in queue.content

    response = client.post(
        reverse("programs:crosswalk_decide", args=[link.pk]), {"decision": "confirm"}
    )

    assert response.status_code == 302
    link.refresh_from_db()
    assert (link.status, link.reviewed_by) == (LinkStatus.CONFIRMED, staff)
    arnot = SponsoringInstitution.objects.get(name="Arnot Ogden Medical Center")
    assert arnot.has_h1b_evidence
    assert "Arnot Health appears in 1 Department of Labor" in arnot.evidence[0]["summary"]
    assert "none with a trainee job title" in arnot.evidence[0]["summary"]
    # A staff decision survives the next load of the same (forced) crosswalk file.
    crosswalk_load(path=evidence, force=True)
    link.refresh_from_db()
    assert link.status == LinkStatus.CONFIRMED


@pytest.mark.parametrize("who", [None, "applicant", "host"])
def test_only_staff_see_or_decide_the_review_queue(evidence, client_for, who, request):
    user = request.getfixturevalue(who) if who else None
    client = client_for(user)
    link = EmployerLink.objects.get(status=LinkStatus.PENDING)

    listed = client.get(reverse("programs:crosswalk_queue"))
    posted = client.post(
        reverse("programs:crosswalk_decide", args=[link.pk]), {"decision": "confirm"}
    )

    assert listed.status_code in (302, 404) and posted.status_code in (302, 404)
    if user is not None:
        assert (listed.status_code, posted.status_code) == (404, 404)
    link.refresh_from_db()
    assert link.status == LinkStatus.PENDING


# Pages, search, fit, API ---------------------------------------------------------------------


def test_the_program_page_shows_evidence_apart_from_the_ledger(evidence, client):
    page = client.get(reverse("programs:detail", args=[MIAMI_IM])).content.decode()
    other = client.get(reverse("programs:detail", args=[ELMIRA_IM])).content.decode()

    assert "Evidence about the sponsoring institution" in page
    assert "not this program\u2019s policy" in page
    assert "University of Miami appears in 2 Department of Labor H-1B filings" in page
    assert "https://www.dol.gov/agencies/eta/foreign-labor/performance" in page
    assert "Limits of this evidence" in page
    shown = "The sponsoring institution appears in federal H-1B filings"
    assert shown in page and '<a href="#evidence">See it</a>' in page
    assert shown not in other
    assert Program.objects.get(acgme_id=MIAMI_IM).h1b_sponsorship == "unknown"
    assert "No federal H-1B evidence is shown for this institution" in other


def test_search_filters_by_institution_evidence_with_its_count(evidence, client):
    page = client.get(reverse("programs:search"), {"h1b_evidence": "on"}).content.decode()
    api = client.get(f"{API}/programs", {"h1b_evidence": "true"}).json()

    assert "Institution has H-1B evidence" in page and "(2 programs)" in page
    assert {r["acgme_id"] for r in api["results"]} == {MIAMI_IM, MIAMI_ANESTHESIA}
    (item,) = api["results"][0]["evidence"]
    assert set(item) == {"kind", "summary", "count", "period", "source_url", "limits"}
    assert (item["kind"], item["count"], item["period"]) == ("h1b_lca", 2, "FY2025 Q2")
    everyone = client.get(f"{API}/programs").json()
    assert everyone["count"] > api["count"]


def test_fit_uses_evidence_as_a_hint_never_as_a_yes(evidence, client_for, applicant):
    from imgpath.profiles.models import ApplicantProfile

    ApplicantProfile.objects.create(
        user=applicant, data={"us_status": "none", "visa_preference": "h1b"}
    )
    body = client_for(applicant).get(f"{API}/programs/{MIAMI_IM}").json()

    assert body["fit"]["verdict"] == "check"
    (note,) = body["fit"]["evidence_notes"]
    assert note.startswith("Evidence, not policy") and "confirm H-1B sponsorship" in note
    assert body["policy"]["h1b_sponsorship"]["kind"] == "unknown"


def test_search_rows_cost_no_query_per_program(
    evidence, client, django_assert_max_num_queries, django_assert_num_queries
):
    from imgpath.programs.tests.factories import ProgramFactory

    # Many more programs at an institution with evidence: the page's queries stay the same.
    institution = SponsoringInstitution.objects.get(name=MIAMI)
    ProgramFactory.create_batch(60, institution=institution, state="FL")
    evidence_refresh()
    url = f"{API}/programs?h1b_evidence=true&per_page="
    client.get(url + "5")  # warm the version caches, so both requests below start alike
    with django_assert_max_num_queries(6) as few:
        small = client.get(url + "10")
    with django_assert_max_num_queries(len(few.captured_queries)):
        large = client.get(url + "60")
    assert len(small.json()["results"]) == 10 and len(large.json()["results"]) == 60
    assert all(r["evidence"] for r in large.json()["results"])


@pytest.mark.slow
def test_the_shipped_evidence_covers_a_thousand_programs(db):
    from imgpath.programs.services.crosswalk import shipped_evidence_load
    from imgpath.programs.services.imports import directory_import

    directory_import()
    shipped_evidence_load()

    assert Program.objects.filter(institution__has_h1b_evidence=True).count() >= 1000
    assert EmployerLink.objects.filter(status=LinkStatus.PENDING).count() > 0
