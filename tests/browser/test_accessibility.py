from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/community/",
    "/missing/",
]
SIGNED_IN_PAGES = [
    "/dashboard/",
    "/account/",
    "/account/delete/",
    "/accounts/email/",
    "/accounts/password/change/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_serious_accessibility_violations(live_server, page: Page, path: str):
    page.goto(f"{live_server.url}{path}")
    assert serious_accessibility_violations(page) == []


def test_signed_in_pages_have_no_serious_accessibility_violations(
    live_server, page: Page, applicant
):
    sign_in(page, live_server.url, applicant.email)
    failures = {}
    for path in SIGNED_IN_PAGES:
        page.goto(f"{live_server.url}{path}")
        violations = serious_accessibility_violations(page)
        if violations:
            failures[path] = violations
    assert failures == {}
