from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from imgpath.accounts.models import User
from imgpath.accounts.tests.factories import PASSWORD
from tests.browser.helpers import last_email_link, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_applicant_signs_up_verifies_email_and_reaches_the_dashboard(
    live_server, page: Page, screenshot
):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Create a free account").click()

    page.get_by_label("Your name").fill("Lucía Fernández")
    page.get_by_label("Email").fill("lucia@example.org")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.get_by_label(re.compile("international medical graduate")).check()
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    assert len(mail.outbox) == 1
    page.goto(last_email_link())
    page.get_by_role("button", name="Confirm").click()

    sign_in(page, live_server.url, "lucia@example.org")
    expect(page.get_by_role("heading", name="Welcome, Lucía Fernández")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard")
    ).to_have_attribute("aria-current", "page")
    screenshot("dashboard-applicant")
    assert User.objects.get(email="lucia@example.org").role == "applicant"


def test_keyboard_user_can_skip_to_content(live_server, page: Page):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
