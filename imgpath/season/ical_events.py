"""Chosen interview dates for the applicant's private calendar feed (read by the roadmap)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings

from imgpath.season.models import Interview

if TYPE_CHECKING:
    from imgpath.accounts.models import User


def calendar_events(user: User) -> list[dict[str, Any]]:
    interviews = Interview.objects.filter(
        tracked__season__user=user, starts_at__isnull=False
    ).select_related("tracked")
    return [
        {
            "uid": f"season-interview-{interview.pk}@imgpath",
            "summary": f"Interview: {interview.tracked.name}",
            "start": interview.starts_at,
            "end": interview.starts_at + dt.timedelta(minutes=interview.duration_minutes),
            "location": "Virtual" if interview.virtual else (interview.location or interview.city),
            "description": f"From your IMGPath season: {settings.SITE_URL}/season/",
        }
        for interview in interviews
        if interview.starts_at is not None  # the query keeps only these; this tells the checker
    ]
