"""The applicant's dated steps as an iCalendar feed a calendar app can subscribe to.

Other apps add their own dated items to the same private feed without the roadmap importing
them: an app may ship `ical_events.py` with `calendar_events(user)`, returning dicts with
`uid`, `summary`, `start` and `end` (aware datetimes or dates), and optional `description`
and `location`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event

from imgpath.accounts.models import User
from imgpath.core.registry import app_modules
from imgpath.roadmap.presentation import dated_events


def app_calendar_events(user: User) -> list[dict[str, Any]]:
    """The dated items every app contributes for this person (see the module docstring)."""
    events: list[dict[str, Any]] = []
    for module in app_modules("ical_events"):
        provider = getattr(module, "calendar_events", None)
        if provider is not None:
            events.extend(provider(user))
    return events


def roadmap_calendar(
    roadmap: dict[str, Any],
    *,
    site_url: str,
    generated_at: datetime,
    extra: Iterable[dict[str, Any]] = (),
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//IMGPath//Roadmap//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"IMGPath roadmap ({roadmap['match_year']} Match)")
    stamp = generated_at.astimezone(UTC)
    for item in dated_events(roadmap):
        event = Event()
        slug = item.get("step") or item["label"].lower().replace(" ", "-")
        event.add("uid", f"{roadmap['match_year']}-{slug}-{item['date'].isoformat()}@imgpath")
        event.add("summary", item["label"])
        event.add("dtstart", item["date"])
        event.add("dtend", item["date"] + timedelta(days=1))
        event.add("dtstamp", stamp)
        event.add("description", f"From your IMGPath roadmap: {site_url}/roadmap/")
        calendar.add_component(event)
    for item in extra:
        event = Event()
        event.add("uid", item["uid"])
        event.add("summary", item["summary"])
        event.add("dtstart", item["start"])
        event.add("dtend", item["end"])
        event.add("dtstamp", stamp)
        if item.get("location"):
            event.add("location", item["location"])
        event.add("description", item.get("description") or f"From IMGPath: {site_url}/")
        calendar.add_component(event)
    return calendar.to_ical()
