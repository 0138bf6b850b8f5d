"""Shared fixtures: personas for every test, and the browser set-up."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests judge results, not speed: a loaded CI machine must not fail them on timing.
settings.register_profile("imgpath", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("imgpath")

# Playwright's sync API runs an event loop in the test thread; the ORM must still work there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ARTIFACTS = Path(__file__).parent / "test-artifacts"


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if chromium_available():
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}")
    browser_items = [item for item in items if "browser" in item.keywords]
    for item in browser_items:
        item.add_marker(skip)
    if browser_items:
        config.stash[_SKIPPED_BROWSER] = len(browser_items)


_SKIPPED_BROWSER = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    skipped = config.stash.get(_SKIPPED_BROWSER, 0)
    if skipped:
        terminalreporter.write_line(
            f"!!! BROWSER TESTS SKIPPED: {skipped} test(s) need Chromium at {CHROMIUM} "
            "(apt-get install chromium) !!!",
            red=True,
            bold=True,
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under test-artifacts/ to look at before calling a page done."""

    def take(name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def _factories():
    # Imported when a persona is needed, so engine tests run without Django set up.
    from imgpath.accounts.tests import factories

    return factories


@pytest.fixture
def applicant(db):
    return _factories().ApplicantFactory(name="Ana Applicant", email="ana@example.org")


@pytest.fixture
def other_applicant(db):
    return _factories().ApplicantFactory(name="Omar Other", email="omar@example.org")


@pytest.fixture
def host(db):
    return _factories().HostFactory(name="Dr. Hana Host", email="hana@example.org")


@pytest.fixture
def other_host(db):
    return _factories().HostFactory(name="Dr. Otto Otherhost", email="otto@example.org")


@pytest.fixture
def mentor(db):
    return _factories().MentorFactory(name="Dr. Mina Mentor", email="mina@example.org")


@pytest.fixture
def staff(db):
    return _factories().StaffFactory(name="Sam Staff", email="sam@example.org")


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user (None = anonymous)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttling counters live in the cache; each test starts with none."""
    from django.conf import settings

    if not settings.configured:
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
