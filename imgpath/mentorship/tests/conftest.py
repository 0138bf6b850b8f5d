from __future__ import annotations

import pytest

from imgpath.mentorship.tests.factories import approved_mentor


@pytest.fixture
def mentor_profile(mentor):
    """Dr. Mina Mentor, approved: a Nigerian graduate in internal medicine on a J-1."""
    return approved_mentor(
        mentor,
        graduation_country="NG",
        specialty="internal_medicine",
        visa_route="j1",
        current_state="NY",
        languages=["en", "yo"],
        topics=["usmle", "visas"],
        headline="IM resident, came through Lagos",
        time_zone="America/New_York",
    )


@pytest.fixture
def unrelated_mentor(db):
    return approved_mentor(graduation_country="IN", specialty="psychiatry").user


@pytest.fixture
def api_as():
    """A separate test client per person, so several can act in one test."""
    from django.test import Client

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
