from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from imgpath.profiles.selectors import profile_data_for
from tests.browser.helpers import serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_applicant_fills_the_profile_and_reads_a_sourced_roadmap(
    live_server, page: Page, applicant, screenshot
):
    sign_in(page, live_server.url, applicant.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My profile").click()

    page.get_by_label("Citizenship", exact=True).select_option("IN")
    page.get_by_label("US status", exact=True).select_option("none")
    page.get_by_label("Where are you now?").select_option("abroad")
    page.get_by_label("Visa for residency").select_option("h1b")
    page.get_by_label("Have you graduated?").select_option("yes")
    page.get_by_label("Graduation year").fill("2021")
    step1 = page.get_by_role("group", name="USMLE Step 1")
    step1.get_by_label("Status").select_option("passed")
    step1.get_by_label("Attempts so far").fill("1")
    step2 = page.get_by_role("group", name="USMLE Step 2 CK")
    step2.get_by_label("Status").select_option("failed")
    step2.get_by_label("Attempts so far").fill("2")
    page.get_by_role("checkbox", name="Texas").check()
    page.get_by_label("Match year you are aiming for").fill("2027")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Save profile").click()

    expect(page.get_by_text("Profile saved.")).to_be_visible()
    assert profile_data_for(applicant)["exams"]["usmle_step2ck"]["attempts"] == 2

    page.get_by_role("link", name="See my roadmap").click()
    expect(page.get_by_role("heading", name="Your roadmap to the 2027 Match")).to_be_visible()
    expect(page.get_by_text("Your next step")).to_be_visible()
    expect(page.locator(".warning-item").filter(has_text="Step 3")).not_to_have_count(0)

    texas = page.locator("details.step").filter(has_text="Full medical licence in Texas")
    texas.locator("summary").click()
    expect(texas.get_by_role("heading", name="Sources")).to_be_visible()
    expect(texas.locator(".tier").first).to_contain_text("tier")
    expect(texas.get_by_text("as of").first).to_be_visible()
    assert serious_accessibility_violations(page) == []
    screenshot("roadmap")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
