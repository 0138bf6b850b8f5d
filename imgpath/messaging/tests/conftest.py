from __future__ import annotations

import pytest

from imgpath.mentorship.tests.conftest import mentor_profile, unrelated_mentor  # noqa: F401
from imgpath.mentorship.tests.factories import active_mentorship
from imgpath.messaging.models import Thread


@pytest.fixture
def thread(mentor_profile, applicant):  # noqa: F811
    """The conversation of Ana (applicant) and Dr. Mina Mentor's accepted mentorship."""
    return Thread.objects.get(pk=active_mentorship(mentor_profile, applicant).thread_id)
