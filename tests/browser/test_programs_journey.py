from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from imgpath.programs.models import Program, SavedProgram, SourceKind
from imgpath.programs.services.imports import DirectoryFiles, directory_import
from imgpath.programs.services.ledger import ledger_entry_create, policy_value_parse
from imgpath.programs.tests.conftest import FIXTURES, MIAMI_IM
from tests.browser.helpers import serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TAMPA_IM = "1401121104"


@pytest.fixture
def directory():
    files = [FIXTURES / name for name in ("acgme.csv", "nrmp.csv", "results.csv")]
    directory_import(files=DirectoryFiles(*files))
    miami = Program.objects.get(acgme_id=MIAMI_IM)
    values = {"j1_sponsorship": "yes", "h1b_sponsorship": "no", "yog_limit_years": "5"}
    for field, raw in values.items():
        ledger_entry_create(
            program=miami,
            field=field,
            value=policy_value_parse(field=field, raw=raw),
            source_kind=SourceKind.STAFF,
            verified_on=dt.date(2026, 1, 12),
            source_url="https://med.example.edu/im/eligibility",
        )


def _results_heading(page: Page):
    return page.locator("#results-h")


def test_applicant_searches_opens_saves_compares_and_exports(
    live_server, page: Page, applicant, directory, screenshot
):
    sign_in(page, live_server.url, applicant.email)
    page.goto(f"{live_server.url}/programs/")
    expect(_results_heading(page)).to_have_text("10 programs")

    page.get_by_label("Specialty", exact=True).select_option(label="Internal Medicine")
    expect(_results_heading(page)).to_have_text("6 programs")
    page.get_by_label("State", exact=True).select_option(label="Florida")
    expect(_results_heading(page)).to_have_text("3 programs")
    expect(page).to_have_url(re.compile(r"specialty=140.*state=FL|state=FL.*specialty=140"))
    page.get_by_label("Sponsors J-1").select_option(label="Yes")
    expect(_results_heading(page)).to_have_text("1 program")
    page.get_by_label("Sponsors J-1").select_option(label="Yes or unknown")
    expect(_results_heading(page)).to_have_text("3 programs")
    page.go_back()
    expect(_results_heading(page)).to_have_text("1 program")
    page.go_forward()
    expect(_results_heading(page)).to_have_text("3 programs")
    screenshot("programs-search")
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name="University of Miami/Jackson Health System Program").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "University of Miami/Jackson Health System Program"
    )
    expect(page.locator("#ledger-j1_sponsorship")).to_contain_text("IMGPath staff")
    page.get_by_role("button", name=re.compile("^Save University of Miami")).click()
    remove = page.get_by_role("button", name=re.compile("Remove University of Miami"))
    expect(remove).to_be_visible()
    assert SavedProgram.objects.filter(user=applicant, program__acgme_id=MIAMI_IM).exists()
    screenshot("programs-detail")
    assert serious_accessibility_violations(page) == []

    page.goto(f"{live_server.url}/programs/?specialty=140&state=FL")
    page.get_by_role("checkbox", name=re.compile("Compare University of Miami")).check()
    page.get_by_role("checkbox", name=re.compile("Compare University of South Florida")).check()
    page.get_by_role("button", name="Compare selected").click()
    expect(page.get_by_role("heading", name="Compare programs")).to_be_visible()
    expect(page.get_by_role("columnheader")).to_have_count(2)
    screenshot("programs-compare")
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name="My programs").first.click()
    saved = page.get_by_role("link", name="University of Miami/Jackson Health System Program")
    expect(saved).to_be_visible()
    screenshot("programs-my-programs")
    assert serious_accessibility_violations(page) == []
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export as CSV").click()
    content = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert MIAMI_IM in content and TAMPA_IM not in content


def test_keyboard_user_can_filter_and_reach_results(live_server, page: Page, directory):
    page.goto(f"{live_server.url}/programs/")
    page.get_by_label("Words", exact=True).focus()
    page.keyboard.type("elmira")
    page.keyboard.press("Enter")
    expect(_results_heading(page)).to_have_text("1 program")
    expect(page).to_have_url(re.compile(r"q=elmira"))
    page.get_by_role("link", name="Arnot Ogden Medical Center Program").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arnot Ogden Medical Center Program")
    assert serious_accessibility_violations(page) == []
