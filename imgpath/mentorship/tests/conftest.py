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
