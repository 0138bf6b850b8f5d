from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from imgpath.mentorship.models import MentorProfile, Mentorship, OfficeHour
from imgpath.mentorship.selectors import public_mentors
from imgpath.messaging.models import Message

pytestmark = pytest.mark.django_db


def test_demo_has_a_dozen_varied_fictional_mentors_and_a_conversation():
    call_command("load_demo", stdout=StringIO())
    mentors = list(public_mentors())
    assert len(mentors) >= 12
    assert len({m.graduation_country for m in mentors}) >= 8
    assert len({m.specialty for m in mentors}) >= 6
    assert {m.visa_route for m in mentors} == {"j1", "h1b", "green_card", "citizen"}
    assert all("demo" in m.headline.lower() for m in MentorProfile.objects.all())
    assert Mentorship.objects.filter(status="active").exists()
    assert Mentorship.objects.filter(status="requested").exists()
    assert Message.objects.count() >= 2 and OfficeHour.objects.exists()
