"""Approved mentors with profiles, mentorships and office hours for tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from imgpath.accounts.tests.factories import MentorFactory
from imgpath.mentorship import services
from imgpath.mentorship.models import MentorProfile, OfficeHour


def approved_mentor(user=None, **profile_fields) -> MentorProfile:
    user = user or MentorFactory()
    user.approved_at = timezone.now()
    user.save(update_fields=["approved_at"])
    defaults = {"capacity": 2, "topics": ["usmle"], "languages": ["en"], "time_zone": "UTC"}
    return MentorProfile.objects.create(user=user, **{**defaults, **profile_fields})


def active_mentorship(profile: MentorProfile, mentee, goal: str = "Help with Step 2 CK"):
    request = services.mentorship_request(mentee=mentee, profile=profile, goal=goal)
    return services.mentorship_accept(mentorship=request, by=profile.user)


def slot(mentor, *, days: int = 3, capacity: int = 1, kind: str = "one_to_one", **extra):
    start = (timezone.now() + timedelta(days=days)).replace(second=0, microsecond=0)
    return OfficeHour.objects.create(
        mentor=mentor,
        title=extra.pop("title", "Step 2 CK questions"),
        kind=kind,
        starts_at=start,
        ends_at=start + timedelta(minutes=30),
        capacity=capacity,
        **extra,
    )
