from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from imgpath.changes.models import ChangeSet, FactChange
from imgpath.profiles.services import profile_save
from tests.browser.helpers import serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIGERIAN = {
    "citizenships": ["NG"],
    "us_status": "none",
    "visa_preference": "j1",
    "targets": {"specialties": ["internal_medicine"], "states": ["TX"], "match_year": 2027},
}


def test_staff_publish_a_rule_change_and_the_affected_applicant_sees_it(
    live_server, page: Page, applicant, staff, screenshot
):
    call_command("load_fact_changes", "--no-notify")
    profile_save(user=applicant, data=NIGERIAN)
    draft = ChangeSet.objects.create(key="2027-01-ban", recorded_on="2027-01-04", summary="")
    FactChange.objects.create(
        change_set=draft,
        fact_id="travel_ban_2026",
        kind="changed",
        title="Travel ban from 1 January 2026 (Proclamation 10998)",
        why="The review after 180 days kept Nigeria on the partial list.",
        phase="immigration",
        countries=["NG"],
        source="https://www.example.gov/proclamation",
        source_title="Example source",
        source_date="2027-01-02",
    )
    # The applicant has seen the roadmap before the change.
    sign_in(page, live_server.url, applicant.email)
    page.goto(f"{live_server.url}/roadmap/")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, staff.email)
    page.goto(f"{live_server.url}/staff/rules/")
    page.get_by_role("link", name="Rule changes: review and publish").click()
    page.get_by_role("link", name="2027-01-ban").click()
    page.get_by_label("Summary for applicants").fill(
        "Nigeria stays on the list: J-1 visas remain suspended for Nigerian nationals."
    )
    page.get_by_role("button", name="Publish and notify affected applicants").click()
    expect(page.get_by_text("Published 2027-01-ban")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, applicant.email)
    page.get_by_role("link", name="Rule updates").click()
    expect(page.get_by_text("J-1 visas remain suspended for Nigerian nationals")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.goto(f"{live_server.url}/roadmap/")
    visa = page.locator("details.step").filter(has_text="Get a visa for residency")
    expect(visa.get_by_text("changed since your last visit")).to_be_visible()
    screenshot("roadmap-changed")

    page.goto(f"{live_server.url}/changes/?country=NG")
    expect(page.get_by_role("heading", name="Rule changes", exact=True)).to_be_visible()
    expect(page.locator("#fact-travel_ban_2026").first).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    screenshot("changes-phone")
