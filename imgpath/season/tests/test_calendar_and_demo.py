"""Chosen interviews appear in the applicant's private calendar feed, and only theirs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from imgpath.roadmap.models import CalendarFeed
from imgpath.season import services

pytestmark = pytest.mark.django_db


def _feed(client, user) -> str:
    client.force_login(user)
    client.get(reverse("roadmap_calendar"))
    token = CalendarFeed.objects.get(user=user).token
    client.logout()
    return client.get(reverse("roadmap_calendar_feed", args=[token])).content.decode()


def test_interviews_are_in_my_feed_only(client, applicant, other_applicant, programs):
    season = services.season_for(applicant)
    tracked = services.tracked_program_add(season, acgme_id=programs[0].acgme_id)
    start = dt.datetime(2026, 11, 10, 14, 0, tzinfo=dt.UTC)
    services.interview_add(tracked, offered=[start], starts_at=start, virtual=False)
    services.interview_add(tracked, offered=[start])  # not chosen: not in the feed
    body = _feed(client, applicant)
    assert f"SUMMARY:Interview: {tracked.name}" in body
    assert "DTSTART:20261110T140000Z" in body
    assert body.count("SUMMARY:Interview:") == 1
    assert "Interview:" not in _feed(client, other_applicant)


def test_the_demo_applicant_is_mid_season():
    from io import StringIO

    from django.core.management import call_command

    from imgpath.season import selectors
    from imgpath.season.models import Season

    call_command("load_demo", stdout=StringIO())
    season = Season.objects.get(user__email="applicant@demo.imgpath.org")
    programs = list(season.programs.all())
    assert len(programs) == 30
    assert len({p.status for p in programs}) >= 6
    assert season.statements.count() == 2
    assert max(s.versions.count() for s in season.statements.all()) == 2
    assert season.letters.count() == 3
    assert season.letters.filter(booking__isnull=False).exists()
    interviews = selectors.interviews_of(season)
    assert len(interviews) == 3
    assert selectors.interview_conflicts(season, interviews)
    assert season.programs.exclude(signal="").count() == 9
