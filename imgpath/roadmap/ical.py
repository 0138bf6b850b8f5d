"""The applicant's dated steps as an iCalendar feed a calendar app can subscribe to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event

from imgpath.roadmap.presentation import dated_events


def roadmap_calendar(roadmap: dict[str, Any], *, site_url: str, generated_at: datetime) -> bytes:
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
    return calendar.to_ical()
