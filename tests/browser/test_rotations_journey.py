"""The rotation marketplace as people use it: publish, find, apply, accept, book."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from imgpath.rotations import services
from imgpath.rotations.models import Booking
from imgpath.rotations.tests.factories import (
    HostProfileFactory,
    OfferingFactory,
    SessionFactory,
    SiteFactory,
    pdf_bytes,
)
from tests.browser.helpers import serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def verified_host(host, staff):
    profile = HostProfileFactory(owner=host, name="Hana Host Pediatrics", verified_by=staff)
    SiteFactory(
        host=profile, name="Children's Clinic", city="Denver", state="CO", postal_code="80202"
    )
    return profile


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def _publish_offering(page: Page, base: str) -> None:
    page.goto(f"{base}/host/")
    page.get_by_role("link", name="New offering").click()
    page.get_by_label("Observership", exact=True).check()
    page.get_by_label("Specialty").select_option("pediatrics")
    page.get_by_label("Title").fill("Outpatient pediatrics observership")
    page.get_by_label("Description").fill("Well-child visits and acute care in a busy clinic.")
    page.get_by_label("What a day looks like").fill("Clinic 8 to 5, teaching at lunch.")
    page.get_by_label("CV", exact=True).check()
    page.get_by_label("Fee (USD)").fill("600")
    page.get_by_label("What the fee covers").fill("Preceptor time and a clinic badge.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="Outpatient pediatrics observership")).to_be_visible()

    start = timezone.localdate() + timedelta(days=45)
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("End date").fill((start + timedelta(days=27)).isoformat())
    page.get_by_label("Seats").last.fill("2")
    page.get_by_role("button", name="Add session").click()
    expect(page.get_by_text("Session added.")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Public: applicants can find it")).to_be_visible()


def test_host_publishes_applicant_applies_host_accepts_applicant_gets_a_visa_letter(
    live_server, page: Page, verified_host, host, applicant, tmp_path, screenshot
):
    base = live_server.url
    sign_in(page, base, host.email)
    _publish_offering(page, base)
    screenshot("rotations-host-offering")
    sign_out(page)

    sign_in(page, base, applicant.email)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Clinical experience"
    ).click()
    page.get_by_label("Specialty").select_option("pediatrics")
    expect(page).to_have_url(re.compile(r"specialty=pediatrics"))
    results = page.locator("#results")
    expect(results.get_by_role("heading", name="1 offering matches your filters")).to_be_visible()
    expect(results.get_by_text("2 of 2 seats left")).to_be_visible()
    screenshot("rotations-search")
    results.get_by_role("link", name="Outpatient pediatrics observership").click()
    expect(page.get_by_text("Host verified by IMGPath staff on")).to_be_visible()
    screenshot("rotations-offering")
    page.get_by_role("link", name=re.compile("^Apply for")).click()

    cv = tmp_path / "my-cv.pdf"
    cv.write_bytes(pdf_bytes("Ana Applicant, MBBS"))
    page.get_by_label("Your statement to the host").fill(
        "I graduated in 2022 and want US pediatrics."
    )
    page.get_by_label("CV (PDF, JPEG or PNG)").set_input_files(str(cv))
    screenshot("rotations-apply")
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_text("Application sent.")).to_be_visible()
    expect(page.locator(".page-head").get_by_text("Submitted")).to_be_visible()
    sign_out(page)

    sign_in(page, base, host.email)
    page.goto(f"{base}/host/applications/")
    page.get_by_role("link", name=applicant.name).click()
    expect(page.get_by_role("link", name="CV")).to_be_visible()
    page.get_by_label("Accept (books a seat)").check()
    page.get_by_label("Message to the applicant (optional)").fill("Welcome! See you on Monday.")
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("Decision saved")).to_be_visible()
    screenshot("rotations-host-application")
    sign_out(page)

    sign_in(page, base, applicant.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My rotations").click()
    screenshot("rotations-mine")
    page.get_by_role("link", name="Outpatient pediatrics observership").click()
    expect(page.get_by_role("heading", name="Your booking")).to_be_visible()
    expect(page.locator(".message-info").get_by_text("Welcome! See you on Monday.")).to_be_visible()
    screenshot("rotations-booking")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download visa support letter (PDF)").click()
    letter = Path(download_info.value.path())
    assert letter.read_bytes().startswith(b"%PDF-")
    assert download_info.value.suggested_filename.endswith(".pdf")
    assert Booking.objects.get().applicant == applicant


def test_search_updates_in_place_and_keeps_the_url(live_server, page: Page, verified_host):
    for specialty in ("pediatrics", "psychiatry"):
        offering = OfferingFactory(
            site=verified_host.sites.get(),
            specialty=specialty,
            title=f"{specialty.title()} observership",
        )
        SessionFactory(offering=offering)
    page.goto(f"{live_server.url}/rotations/")  # redirects to the search
    page.get_by_label("Specialty").select_option("psychiatry")
    expect(
        page.locator("#results").get_by_role("link", name="Psychiatry observership")
    ).to_be_visible()
    expect(
        page.locator("#results").get_by_role("link", name="Pediatrics observership")
    ).to_have_count(0)
    assert "specialty=psychiatry" in page.url
    page.reload()
    expect(page.get_by_label("Specialty")).to_have_value("psychiatry")


@pytest.fixture
def marketplace(verified_host, applicant, host):
    """A booking with a checklist, a nonprofit offering, and a pending application."""
    site = verified_host.sites.get()
    nonprofit = OfferingFactory(
        site=site,
        kind="nonprofit_observership",
        title="Volunteer pediatrics observership",
        preceptor="Dr. Hana Host, licensed in Colorado",
        fee_usd=120,
        deposit_usd=0,
        cost_items=[{"label": "Badge", "usd": 20}, {"label": "Titers", "usd": 100}],
        onboarding_steps="Complete HIPAA training\nSend arrival time",
        letter_possible=True,
    )
    session = SessionFactory(offering=nonprofit)
    paid = SessionFactory(
        offering=OfferingFactory(site=site, title="Paid pediatrics observership"),
        start_date=session.end_date + timedelta(days=10),
    )
    cv = services.document_upload(owner=applicant, doc_type="cv", upload=_upload())
    application = services.application_create(
        session=session, applicant=applicant, statement="Hello", documents=[cv]
    )
    booking = services.application_decide(
        application=application, decision="accept", decided_by=host
    )
    pending = services.application_create(
        session=paid, applicant=applicant, statement="Hello again", documents=[cv]
    )
    return {"nonprofit": nonprofit, "paid": paid, "booking": booking, "pending": pending}


def _upload():
    from imgpath.rotations.tests.factories import upload

    return upload("cv.pdf")


def test_rotation_pages_have_no_serious_accessibility_violations(
    live_server, page: Page, marketplace, applicant, host, screenshot
):
    base = live_server.url
    booking = marketplace["booking"]
    applicant_pages = {
        "search": reverse("rotation_search"),
        "offering-nonprofit": reverse("offering_detail", args=[marketplace["nonprofit"].pk]),
        "apply": reverse("application_apply", args=[marketplace["paid"].pk]),
        "my-rotations": reverse("my_rotations"),
        "application": reverse("application_detail", args=[booking.application_id]),
        "documents": reverse("document_list"),
    }
    host_pages = {
        "host-home": "/host/",
        "host-applications": "/host/applications/",
        "host-application": f"/host/applications/{booking.application_id}/",
        "host-offering": f"/host/offerings/{marketplace['nonprofit'].pk}/",
        "host-offering-form": f"/host/offerings/{marketplace['nonprofit'].pk}/edit/",
        "host-profile-form": "/host/profiles/new/",
    }
    failures = {}
    for user, pages in ((applicant, applicant_pages), (host, host_pages)):
        sign_in(page, base, user.email)
        for name, path in pages.items():
            page.goto(f"{base}{path}")
            violations = serious_accessibility_violations(page)
            if violations:
                failures[path] = violations
            screenshot(f"rotations-a11y-{name}")
        sign_out(page)
    assert failures == {}


def test_checklist_ticks_in_place(live_server, page: Page, marketplace, applicant):
    booking = marketplace["booking"]
    sign_in(page, live_server.url, applicant.email)
    detail = reverse("application_detail", args=[booking.application_id])
    page.goto(f"{live_server.url}{detail}")
    page.get_by_role("button", name="Mark “Complete HIPAA training” as done").click()
    expect(
        page.get_by_role("button", name="Mark “Complete HIPAA training” as not done")
    ).to_be_visible()
    assert page.url.endswith(detail)
    assert booking.checklist.get(label="Complete HIPAA training").is_done
