from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_reader_searches_the_library_reads_an_article_and_copies_a_template(
    live_server, page: Page, screenshot
):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}/library/")
    expect(page.get_by_role("heading", name="Library", exact=True)).to_be_visible()
    assert serious_accessibility_violations(page) == []
    screenshot("library-index-1280")

    page.get_by_label("Search the library").fill("observership email")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_role("heading", name="Results for “observership email”")
    expect(results).to_be_visible()
    page.get_by_role("link", name="Finding and requesting an observership or externship").click()

    expect(page.get_by_role("heading", name="Facts from the roadmap's rules")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Copy template").first.click()
    expect(page.get_by_text("Copied to the clipboard.").first).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Subject: Observership request")
    screenshot("library-article-1280")

    page.set_viewport_size({"width": 375, "height": 800})
    assert _no_sideways_scroll(page)
    screenshot("library-article-375")
    page.goto(f"{live_server.url}/library/")
    assert _no_sideways_scroll(page)
    screenshot("library-index-375")
