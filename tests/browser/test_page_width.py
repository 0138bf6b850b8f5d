"""Every main page fits a 375 px phone and a 1280 px desktop without horizontal scroll."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from imgpath.programs.tests.factories import ProgramFactory
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (375, 1280)
PUBLIC = [
    "/",
    "/programs/",
    "/programs/coverage/",
    "/rotations/offerings/",
    "/match/how-it-works/",
    "/changes/",
    "/library/",
    "/community/",
    "/accounts/login/",
    "/accounts/signup/",
]
APPLICANT = [
    "/dashboard/",
    "/profile/",
    "/roadmap/",
    "/roadmap/calendar/",
    "/my-programs/",
    "/rotations/mine/",
    "/season/",
    "/season/interviews/",
    "/season/signals/",
    "/season/documents/",
    "/match/",
    "/changes/mine/",
    "/account/",
]
HOST = ["/dashboard/", "/host/", "/host/applications/", "/match/"]
STAFF = [
    "/staff/rules/",
    "/staff/rules/changes/",
    "/staff/rules/changes/2026-12-guidance/",
    "/programs/staff/curation/",
    "/programs/staff/curation/checks/",
]


def _overflowing(page: Page, base: str, paths: list[str]) -> dict[str, int]:
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(f"{base}{path}")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                found[f"{path} at {width}px"] = scroll
    return found


@pytest.mark.parametrize("who", ["anonymous", "applicant", "host", "staff"])
def test_main_pages_have_no_horizontal_scroll(live_server, page: Page, request, who):
    call_command("load_fact_changes", "--no-notify")
    ProgramFactory.create_batch(30)
    if who == "anonymous":
        paths = PUBLIC
    else:
        user = request.getfixturevalue(who)
        sign_in(page, live_server.url, user.email)
        paths = {"applicant": APPLICANT, "host": HOST, "staff": STAFF}[who]
    assert _overflowing(page, live_server.url, paths) == {}
