"""Office hours as iCalendar: one event per booking, for invitations and the private feed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from icalendar import Calendar, Event

from imgpath.mentorship.models import OfficeHour


def slot_event(slot: OfficeHour, *, site_url: str, cancelled: bool = False) -> Event:
    event = Event()
    event.add("uid", f"office-hour-{slot.pk}@imgpath")
    event.add("summary", f"IMGPath office hour: {slot.title}")
    event.add("dtstart", slot.starts_at.astimezone(UTC))
    event.add("dtend", slot.ends_at.astimezone(UTC))
    event.add("dtstamp", datetime.now(UTC))
    event.add("description", f"With {slot.mentor.name}. Details: {site_url}/office-hours/")
    event.add("status", "CANCELLED" if cancelled or slot.cancelled_at else "CONFIRMED")
    return event


def calendar_of(slots: Iterable[OfficeHour], *, site_url: str, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//IMGPath//Office hours//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for slot in slots:
        calendar.add_component(slot_event(slot, site_url=site_url))
    return calendar.to_ical()


def invitation(slot: OfficeHour, *, site_url: str) -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//IMGPath//Office hours//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    calendar.add_component(slot_event(slot, site_url=site_url))
    return calendar.to_ical().decode()
