"""An applicant walks a season: adds programs, records interviews, ranks the ones they
interviewed at, exports the ranked list as CSV and copies it into a mock-match rank list."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from imgpath.matching.tests.factories import mock_cycle
from imgpath.programs.tests.factories import ProgramFactory
from tests.browser.helpers import serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_season_from_programs_to_a_ranked_csv(
    live_server, page: Page, applicant, staff, screenshot
):
    programs = [ProgramFactory(name=f"Lakeside {n} Internal Medicine") for n in range(3)]
    cycle = mock_cycle(staff, programs=[(programs[1].name, 1), ("Harbor Clinic", 1)])
    sign_in(page, live_server.url, applicant.email)
    page.get_by_role("link", name="My application season").click()
    for program in programs:
        page.get_by_label("ACGME id").fill(program.acgme_id)
        page.get_by_role("button", name="Add program").click()
        expect(page.get_by_text(f"Added {program.name}.")).to_be_visible()

    page.get_by_role("navigation", name="Season").get_by_role("link", name="Interviews").click()
    for program in programs[:2]:
        page.get_by_text("Add an interview").click()
        page.get_by_label("Program", exact=True).select_option(label=program.name)
        page.get_by_label("Date and time").fill("2026-11-10T09:00")
        page.get_by_role("button", name="Save interview").click()
        expect(page.get_by_text(f"Interview with {program.name} saved.")).to_be_visible()
    # Both at the same hour: the page flags the overlap.
    expect(page.get_by_text("1 conflict between interviews")).to_be_visible()
    page.get_by_text(f"Deadline and program time zone for {programs[0].name}").click()
    page.get_by_label(f"Program's time zone for {programs[0].name}").fill("Mars/Olympus")
    page.get_by_role("button", name=f"Save deadline and time zone for {programs[0].name}").click()
    expect(page.get_by_text("Not a known time zone.")).to_be_visible()
    page.get_by_label(f"Program's time zone for {programs[0].name}").fill("America/Denver")
    page.get_by_role("button", name=f"Save deadline and time zone for {programs[0].name}").click()
    expect(page.get_by_text("07:00 MST program time (America/Denver)")).to_be_visible()
    thanks = page.get_by_role("button", name=f"Mark thank-you note sent to {programs[0].name}")
    thanks.click()  # answered in place by HTMX
    unsend = page.get_by_role("button", name=f"Mark thank-you note not sent to {programs[0].name}")
    expect(unsend).to_be_visible()
    expect(unsend).to_be_focused()  # the swap keeps the keyboard where it was
    assert serious_accessibility_violations(page) == []
    page.get_by_role("navigation", name="Season").get_by_role("link", name="Tracker").click()

    for rank, program in enumerate(programs[:2], start=1):
        page.get_by_label(f"Status of {program.name}").select_option(label="Ranked")
        page.get_by_label(f"Rank of {program.name}").fill(str(rank))
        page.get_by_role("button", name=f"Save status of {program.name}").click()
        expect(page.get_by_text(f"Saved {program.name}.")).to_be_visible()

    page.get_by_label("Status", exact=True).select_option(label="Ranked")
    page.get_by_label("Sort", exact=True).select_option(label="Rank")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("region", name="Tracker").get_by_role("row")).to_have_count(
        3
    )  # header and the two ranked programs
    assert serious_accessibility_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot("season-tracker-375")

    with page.expect_download() as download:
        page.get_by_role("link", name="Export these programs as CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert [row[0] for row in rows[1:]] == [programs[0].name, programs[1].name]
    assert [row[4] for row in rows[1:]] == ["1", "2"]

    page.get_by_label("Mock match").select_option(index=0)
    page.get_by_role("button", name="Copy to a mock-match rank list").click()
    expect(page.get_by_text("Copied 1 ranked program in order")).to_be_visible()
    expect(page.get_by_text(f"Skipped {programs[0].name}: no program of this name")).to_be_visible()
    page.get_by_role("link", name="Plan signals and see why one would be wasted").click()
    expect(page.get_by_role("heading", name="Signals for the", exact=False)).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.goto(f"{live_server.url}/match/{cycle.pk}/rank/")
    expect(page.get_by_text(programs[1].name).first).to_be_visible()


def test_letters_and_statements(live_server, page: Page, applicant, screenshot):
    ProgramFactory(name="Lakeside Internal Medicine")
    sign_in(page, live_server.url, applicant.email)
    page.goto(f"{live_server.url}/season/documents/")
    page.get_by_text("Add a letter").click()
    page.get_by_label("Writer name").fill("Dr. Maya Chen")
    page.get_by_label("Specialty", exact=True).first.fill("internal_medicine")
    page.get_by_label("The writer is a U.S. physician").check()
    page.get_by_role("button", name="Add letter").click()
    expect(page.get_by_text("Letter from Dr. Maya Chen added.")).to_be_visible()
    expect(page.get_by_text("1 from U.S. physicians", exact=False)).to_be_visible()

    page.get_by_text("Write a new statement").click()
    page.get_by_label("Title", exact=True).fill("Internal medicine")
    page.get_by_label("Text", exact=True).fill("Why medicine.\nWhy here.")
    page.get_by_role("button", name="Save statement").click()
    page.get_by_text("Save a new version").click()
    page.get_by_label("Text of the new version").fill("Why medicine.\nWhy Chicago.")
    page.get_by_role("button", name="Save new version").click()
    expect(page.get_by_text("Saved version 2.")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot("season-documents-375")

    page.get_by_role("link", name="Compare first and latest").click()
    expect(page.locator("del")).to_have_text("- Why here.")
    expect(page.locator("ins")).to_have_text("+ Why Chicago.")
