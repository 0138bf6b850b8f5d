"""A mock match as people use it: create, join, rank, run, and read the result."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from imgpath.matching.models import MatchCycle, Participant
from tests.browser.helpers import serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def approved_host(host, staff):
    host.approved_at = timezone.now()
    host.approved_by = staff
    host.save()
    return host


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def open_the_match(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="The Match").click()


def create_cycle(page: Page) -> None:
    open_the_match(page)
    page.get_by_role("link", name="New mock match").click()
    page.get_by_label("Title").fill("Internal medicine practice")
    deadline = timezone.now() + timedelta(days=7)
    page.get_by_label("Rank lists close at").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Create mock match").click()
    expect(page.get_by_text("Mock match created")).to_be_visible()
    for name in ("City Hospital", "Lake Clinic"):
        page.get_by_label("Program name").fill(name)
        page.get_by_label("Positions").fill("1")
        page.get_by_role("button", name="Add program").click()
        expect(page.get_by_text(f"“{name}” added.")).to_be_visible()


def join_and_rank(page: Page, cycle_title: str, *, drag: bool = False) -> None:
    open_the_match(page)
    page.get_by_role("link", name=cycle_title).click()
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.get_by_role("heading", name="Your rank list")).to_be_visible()
    # Added in the wrong order, then fixed: City Hospital is the true first choice.
    page.get_by_role("button", name="Add Lake Clinic").click()
    expect(page.get_by_role("button", name="Move Lake Clinic Up")).to_be_visible()
    page.get_by_role("button", name="Add City Hospital").click()
    items = page.locator(".ranklist-item")
    expect(items).to_have_count(2)
    if drag:
        # Dropped on the top half of the first row: it goes above it.
        items.nth(1).drag_to(items.nth(0), target_position={"x": 40, "y": 4})
    else:
        page.get_by_role("button", name="Move City Hospital Up").click()
        expect(page.get_by_role("button", name="Move City Hospital Up")).to_be_focused()
    expect(items.nth(0)).to_contain_text("City Hospital")
    expect(page.get_by_text("Not saved yet")).to_be_visible()
    assert _leaving_is_questioned(page)
    page.get_by_role("button", name="Certify this list").click()
    expect(page.get_by_text("Save your new order first")).to_be_visible()
    page.get_by_role("button", name="Save order").click()
    # The saved editor replaces the unsaved one.
    expect(page.locator("form[data-dirty]")).to_have_count(0)
    assert not _leaving_is_questioned(page)
    expect(page.get_by_text("This list is not certified yet")).to_be_visible()
    page.get_by_role("button", name="Certify this list").click()
    expect(page.get_by_text("Certified: this list will be used")).to_be_visible()


def _leaving_is_questioned(page: Page) -> bool:
    """Whether leaving the page now would make the browser ask first (an unsaved order)."""
    return page.evaluate(
        "() => { const e = new Event('beforeunload', {cancelable: true});"
        " window.dispatchEvent(e); return e.defaultPrevented; }"
    )


def host_ranks(page: Page, program: str, order: list[str]) -> None:
    page.get_by_role("link", name=program, exact=True).click()
    for name in order:
        page.get_by_role("button", name=f"Add {name}").click()
        expect(page.get_by_role("button", name=f"Remove {name}")).to_be_visible()
    page.get_by_role("button", name="Certify this list").click()
    expect(page.get_by_text("Certified: this list will be used")).to_be_visible()
    page.get_by_role("link", name="← Internal medicine practice").click()


def test_a_small_mock_match_end_to_end(
    live_server, page: Page, approved_host, applicant, other_applicant, screenshot
):
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, base, approved_host.email)
    create_cycle(page)
    screenshot("matching-cycle-host-new")
    sign_out(page)

    sign_in(page, base, applicant.email)
    join_and_rank(page, "Internal medicine practice")
    screenshot("matching-rank-list-applicant")
    sign_out(page)

    sign_in(page, base, other_applicant.email)
    join_and_rank(page, "Internal medicine practice", drag=True)
    sign_out(page)

    sign_in(page, base, approved_host.email)
    open_the_match(page)
    page.get_by_role("link", name="Internal medicine practice").click()
    host_ranks(page, "City Hospital", [other_applicant.name, applicant.name])
    host_ranks(page, "Lake Clinic", [applicant.name, other_applicant.name])
    page.get_by_role("button", name="Run the Match now").click()
    expect(page.get_by_text("The Match ran: 2 of 2 applicants matched")).to_be_visible()
    expect(page.get_by_role("heading", name="Who matched with your programs")).to_be_visible()
    screenshot("matching-cycle-host-results")
    sign_out(page)

    sign_in(page, base, applicant.email)
    open_the_match(page)
    page.get_by_role("link", name="Internal medicine practice").click()
    result = page.locator(".result-card")
    expect(result).to_contain_text("You matched at Lake Clinic, your 2nd choice")
    screenshot("matching-result-applicant")
    page.get_by_role("link", name="See how your list was used").click()
    expect(page.get_by_text("Matched: your 2nd choice")).to_be_visible()
    screenshot("matching-rank-list-after-run")

    cycle = MatchCycle.objects.get()
    assert cycle.status == "completed"
    omar = Participant.objects.get(user=other_applicant)
    assert (omar.matched_program.name, omar.matched_choice) == ("City Hospital", 1)


def test_how_the_match_works_steps_and_game(live_server, page: Page, screenshot):
    page.goto(f"{live_server.url}/match/how-it-works/")
    page.get_by_role("link", name="A chain of displacements").click()
    expect(page.get_by_role("heading", name="Before the first proposal")).to_be_visible()
    for step in range(1, 6):
        page.get_by_role("link", name="Next proposal").click()
        expect(page.get_by_role("heading", name=f"Step {step} of 10")).to_be_visible()
    expect(page).to_have_url(re.compile(r"step=5"))
    expect(page.locator("#step-panel")).to_contain_text("Ana bumped")
    screenshot("matching-how-step")
    page.get_by_role("link", name="Jump to the result").click()
    expect(page.get_by_role("heading", name="The result")).to_be_visible()

    page.get_by_label("Applicant", exact=True).select_option("Cara")
    page.get_by_role("button", name="Try every list").click()
    expect(page.locator("#game-panel")).to_contain_text("None of the 16 lists gets Cara")
    expect(page).to_have_url(re.compile(r"who=Cara"))
    screenshot("matching-how-game")

    # A typed market, with a mistake named by its line.
    page.get_by_label("Programs and applicants, one per line").fill(
        "Program: North (1): Al, Bo\nApplicant: Al: North\nApplicant: Bo: Nowhere"
    )
    page.get_by_role("button", name="Run this market").click()
    expect(page.get_by_role("alert")).to_contain_text("Line 3: Bo ranks “Nowhere”")
    page.get_by_label("Programs and applicants, one per line").fill(
        "Program: North (1): Bo, Al\nApplicant: Al: North\nApplicant: Bo: North"
    )
    page.get_by_role("button", name="Run this market").click()
    page.get_by_label("Applicant", exact=True).select_option("Al")
    page.get_by_role("button", name="Try every list").click()
    expect(page.locator("#game-panel")).to_contain_text("Ranking truthfully, Al gets no program")


def test_matching_pages_have_no_serious_accessibility_violations(
    live_server, page: Page, approved_host, applicant, screenshot
):
    from imgpath.matching import services

    cycle = services.mock_cycle_create(
        created_by=approved_host,
        title="Accessibility practice",
        rank_deadline=timezone.now() + timedelta(days=3),
    )
    city = services.program_add(cycle=cycle, by=approved_host, name="City Hospital", capacity=1)
    services.program_add(cycle=cycle, by=approved_host, name="Lake Clinic", capacity=2)
    me = services.participant_join(cycle=cycle, user=applicant)
    services.applicant_ranks_replace(participant=me, program_ids=[city.pk], by=applicant)
    base = live_server.url
    pages = {
        approved_host: {
            "cycles-host": "/match/",
            "cycle-host": f"/match/{cycle.pk}/",
            "program-rank-list": f"/match/{cycle.pk}/programs/{city.pk}/rank/",
            "new-cycle": "/match/new/",
        },
        applicant: {
            "cycles-applicant": "/match/",
            "cycle-applicant": f"/match/{cycle.pk}/",
            "rank-list": f"/match/{cycle.pk}/rank/",
            "how-it-works": "/match/how-it-works/?example=first-look&step=3&who=Ana",
        },
    }
    failures = {}
    for user, paths in pages.items():
        sign_in(page, base, user.email)
        for name, path in paths.items():
            page.goto(f"{base}{path}")
            violations = serious_accessibility_violations(page)
            if violations:
                failures[path] = violations
            screenshot(f"matching-a11y-{name}")
        sign_out(page)
    page.goto(f"{base}/match/how-it-works/?example=honesty&step=2&who=Al")
    assert serious_accessibility_violations(page) == []
    screenshot("matching-a11y-how-anonymous")
    assert failures == {}


def test_a_host_opens_a_placement_round(
    live_server, page: Page, host, staff, applicant, other_applicant, screenshot, settings, tmp_path
):
    from imgpath.rotations.tests.factories import (
        HostProfileFactory,
        OfferingFactory,
        SessionFactory,
        SiteFactory,
        apply,
    )

    settings.MEDIA_ROOT = tmp_path / "private"
    profile = HostProfileFactory(owner=host, name="Hana Host Clinic", verified_by=staff)
    offering = OfferingFactory(site=SiteFactory(host=profile), title="Pediatrics observership")
    session = SessionFactory(offering=offering, seats=1)
    for person in (applicant, other_applicant):
        apply(session, person)

    sign_in(page, live_server.url, host.email)
    open_the_match(page)
    page.get_by_role("link", name="New placement round").click()
    page.get_by_label("Title").fill("Spring pediatrics placement")
    deadline = timezone.now() + timedelta(days=5)
    page.get_by_label("Rank lists close at").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label(re.compile("Pediatrics observership")).check()
    screenshot("matching-placement-form")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_text("Round opened and applicants emailed")).to_be_visible()
    expect(page.get_by_role("heading", name="Sessions you rank for")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    screenshot("matching-placement-round")
