"""Mentorship as people use it: suggestions with reasons, a request, messages, an office hour."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from imgpath.mentorship.models import OfficeHourBooking
from imgpath.mentorship.templatetags.mentorship_tags import in_zone
from imgpath.mentorship.tests.factories import approved_mentor
from imgpath.profiles.models import ApplicantProfile
from tests.browser.helpers import serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def test_applicant_finds_a_mentor_they_talk_and_book_an_office_hour(
    live_server, page: Page, applicant, mentor, screenshot
):
    base = live_server.url
    approved_mentor(
        mentor,
        graduation_country="NG",
        specialty="internal_medicine",
        visa_route="j1",
        headline="IM attending who came through Lagos",
        topics=["usmle", "interviews"],
        time_zone="America/New_York",
    )
    approved_mentor(graduation_country="BR", specialty="pediatrics", topics=[], languages=["pt"])
    ApplicantProfile.objects.create(
        user=applicant,
        data={
            "medical_school": {"country": "NG"},
            "targets": {"specialties": ["internal_medicine"]},
            "visa_preference": "j1",
        },
    )

    sign_in(page, base, applicant.email)
    nav(page, "Mentors")
    suggested = page.get_by_role("region", name="Suggested for you")
    expect(suggested.get_by_text("Graduated in Nigeria like you.")).to_be_visible()
    expect(suggested.get_by_text("Matched into internal medicine on a J-1.")).to_be_visible()
    screenshot("mentorship-suggestions")
    assert serious_accessibility_violations(page) == []
    suggested.get_by_role("link", name=mentor.name).click()
    page.get_by_label("What would you like help with?").fill("Preparing for IM interviews.")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_text(f"Request sent to {mentor.name}.")).to_be_visible()
    sign_out(page)

    sign_in(page, base, mentor.email)
    nav(page, "Mentorship")
    expect(page.get_by_text("Preparing for IM interviews.")).to_be_visible()
    page.get_by_label("Message (optional)").fill("Glad to help.")
    page.get_by_role("button", name=f"Accept {applicant.name}").click()
    page.get_by_role("link", name="Messages", exact=True).last.click()
    page.get_by_label("Your message").fill("Welcome! Book my office hour when you can.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Welcome! Book my office hour when you can.")).to_be_visible()

    day = (timezone.now() + timedelta(days=9)).date()
    page.goto(f"{base}/office-hours/")
    page.get_by_label("Title").fill("Interview practice")
    page.get_by_label("Group").check()
    page.get_by_label("Starts").fill(f"{day.isoformat()}T09:00")
    page.get_by_label("Seats").fill("3")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Office hour published to your mentees.")).to_be_visible()
    sign_out(page)

    sign_in(page, base, applicant.email)
    unread = page.locator(".unread-slot").get_by_role("link", name=re.compile("Messages 1"))
    expect(unread).to_be_visible()
    unread.click()
    page.locator("#main").get_by_role("link", name="Mentorship").click()
    expect(page.get_by_text("Welcome! Book my office hour when you can.")).to_be_visible()
    page.get_by_label("Your message").fill("Thank you, booking now.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thank you, booking now.")).to_be_visible()
    screenshot("mentorship-thread")

    page.goto(f"{base}/mentorship/settings/")
    page.get_by_label("Your time zone").select_option("Asia/Kolkata")
    page.get_by_role("button", name="Save").click()
    page.goto(f"{base}/office-hours/")
    page.get_by_role("button", name="Book “Interview practice”").click()
    expect(page.get_by_text("Booked.")).to_be_visible()
    start = datetime(day.year, day.month, day.day, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    shown = in_zone(start, ZoneInfo("Asia/Kolkata"))
    assert "Asia/Kolkata, IST" in shown
    bookings = page.get_by_role("region", name="Your bookings")
    expect(bookings.get_by_text(shown)).to_be_visible()
    screenshot("mentorship-office-hours")
    assert serious_accessibility_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot("mentorship-office-hours-375")
    assert OfficeHourBooking.objects.get().mentee == applicant
