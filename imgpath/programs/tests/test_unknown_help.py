"""An unknown value says what is known instead and how to help; coverage is public and honest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from imgpath.programs import national
from imgpath.programs.models import SourceKind
from imgpath.programs.services.ledger import ledger_entry_create, policy_value_parse
from imgpath.programs.tests.conftest import CHICAGO_IM, ELMIRA_IM, MIAMI_IM

pytestmark = pytest.mark.django_db
TOTAL = 10  # programs in the fixture directory


def _state(program, field: str, raw: str, source_kind=SourceKind.STAFF, **extra) -> None:
    ledger_entry_create(
        program=program,
        field=field,
        value=policy_value_parse(field=field, raw=raw),
        source_kind=source_kind,
        verified_on=extra.pop("verified_on", dt.date(2026, 1, 12)),
        source_url="https://med.example.edu/im/eligibility",
    )


@pytest.fixture
def programs(directory):
    from imgpath.programs.models import Program

    return {p.acgme_id: p for p in Program.objects.select_related("specialty")}


# The program page ------------------------------------------------------------------------------


def test_an_unknown_field_says_what_is_known_instead_and_how_to_help(client, programs):
    page = client.get(reverse("programs:detail", args=[MIAMI_IM])).content.decode()

    assert "The national share of IMGs in Internal Medicine is unconfirmed" in page
    assert "Nobody has checked this at the program\u2019s own pages yet." in page
    assert '<a href="#report">report what you know</a>' in page
    assert '<a href="#rep-h">claim this page</a>' in page


def test_an_unknown_checked_at_its_source_gives_the_date_of_the_check(client, programs):
    _state(programs[MIAMI_IM], "j1_sponsorship", "unknown", verified_on=dt.date(2026, 2, 3))

    page = client.get(reverse("programs:detail", args=[MIAMI_IM])).content.decode()

    assert "Last checked 3 Feb 2026: the source did not say." in page


def test_a_known_value_has_no_unknown_help(client, programs):
    for key in ("accepts_imgs", "img_share_percent"):
        _state(programs[ELMIRA_IM], key, "yes" if key == "accepts_imgs" else "40")

    page = client.get(reverse("programs:detail", args=[ELMIRA_IM])).content.decode()

    assert "national share of IMGs" not in page


def test_a_shipped_national_share_shows_with_its_nrmp_source(client, programs, monkeypatch):
    share = national.NationalImgShare(
        "140", 2025, 41.5, "Results and Data 2025, Table 9", "https://www.nrmp.org/x.pdf",
        dt.date(2025, 5, 29), "A",
    )  # fmt: skip
    monkeypatch.setattr(national, "national_shares", lambda: {"140": share})

    page = client.get(reverse("programs:detail", args=[MIAMI_IM])).content.decode()

    assert "Nationally, 41.5% of filled positions in this specialty went to IMGs" in page
    assert 'href="https://www.nrmp.org/x.pdf"' in page
    assert "Results and Data 2025, Table 9 (published 29 May 2025)" in page


# The national share file ------------------------------------------------------------------------


def test_the_shipped_national_share_file_is_valid():
    national.national_shares.cache_clear()
    assert isinstance(national.national_shares(), dict)


HEADER = ",".join(national.COLUMNS)


def test_the_share_file_keeps_the_latest_year_per_specialty(tmp_path: Path):
    path = tmp_path / "shares.csv"
    path.write_text(
        f"{HEADER}\n"
        "140,2024,40,Results and Data 2024,https://www.nrmp.org/a.pdf,2024-05-01,A\n"
        "140,2025,41.5,Results and Data 2025,https://www.nrmp.org/b.pdf,2025-05-29,A\n",
        encoding="utf-8",
    )

    shares = national.parse_shares(path)

    assert shares["140"].match_year == 2025 and shares["140"].img_percent == 41.5


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("14,2025,41,T,https://www.nrmp.org/b.pdf,2025-05-29,A", "three digits"),
        ("140,2025,141,T,https://www.nrmp.org/b.pdf,2025-05-29,A", "out of range"),
        ("140,2025,41,T,https://blog.example.com/b,2025-05-29,A", "NRMP report"),
        ("140,2025,41,T,https://www.nrmp.org/b.pdf,2025-05-29,C", "tier must be A"),
        ("140,soon,41,T,https://www.nrmp.org/b.pdf,2025-05-29,A", "must be a year"),
    ],
)
def test_a_bad_share_row_is_named_by_its_line(tmp_path: Path, row: str, problem: str):
    path = tmp_path / "shares.csv"
    path.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")

    with pytest.raises(national.ShareFileError, match=f"line 2: .*{problem}"):
        national.parse_shares(path)


# Filters and coverage --------------------------------------------------------------------------


def test_each_policy_filter_says_how_many_programs_are_unknown(client, programs):
    _state(programs[MIAMI_IM], "j1_sponsorship", "yes")
    page = client.get(reverse("programs:search")).content.decode()

    assert f"Unknown for {TOTAL - 1} of {TOTAL} programs." in page  # J-1
    assert page.count(f"Unknown for {TOTAL} of {TOTAL} programs.") == 6


def test_the_unknown_counts_follow_a_new_ledger_value(
    client, programs, django_capture_on_commit_callbacks
):
    client.get(reverse("programs:search"))  # cache the anonymous page
    with django_capture_on_commit_callbacks(execute=True):
        _state(programs[CHICAGO_IM], "h1b_sponsorship", "no")

    page = client.get(reverse("programs:search")).content.decode()

    assert f"Unknown for {TOTAL - 1} of {TOTAL} programs." in page


def test_the_coverage_page_counts_only_sourced_values(client, programs):
    _state(programs[MIAMI_IM], "j1_sponsorship", "yes")
    _state(programs[ELMIRA_IM], "j1_sponsorship", "yes", source_kind=SourceKind.DEMO)
    _state(programs[CHICAGO_IM], "j1_sponsorship", "unknown")

    response = client.get(reverse("programs:coverage"))
    page = response.content.decode()

    assert response.status_code == 200
    assert "<td>1</td><td>10.0%</td><td>9</td>" in page  # J-1: demo and unknown do not count
    assert "Internal Medicine" in page and "Anesthesiology" in page
    assert "not loaded yet, so it is unconfirmed for every specialty" in page


def test_the_coverage_api_gives_the_same_figures(client, programs):
    _state(programs[MIAMI_IM], "j1_sponsorship", "yes")

    body = client.get("/api/v1/program-coverage").json()

    j1 = next(row for row in body["fields"] if row["field"] == "j1_sponsorship")
    assert body["programs"] == TOTAL
    assert (j1["sourced"], j1["unknown"], j1["percent"]) == (1, TOTAL - 1, 10.0)
    im = next(s for s in body["specialties"] if s["code"] == "140")
    assert im["sourced_by_field"] == {"j1_sponsorship": 1}
    assert im["national_img_share_percent"] is None
