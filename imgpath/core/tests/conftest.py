"""Fixtures shared by the authorization tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def outsiders(other_applicant, other_host, mentor, staff):
    """Everyone but the owner, by the name the failure message gives them (None: signed out)."""
    return {
        "another applicant": other_applicant,
        "an unrelated host": other_host,
        "an unrelated mentor": mentor,
        "staff": staff,
        "anonymous": None,
    }
