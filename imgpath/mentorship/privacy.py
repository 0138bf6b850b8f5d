"""Mentorship in "export my data", and erasure (rows cascade with the user)."""

from __future__ import annotations

from typing import Any

from django.forms.models import model_to_dict

from imgpath.accounts.models import User
from imgpath.mentorship.models import (
    CalendarFeed,
    MenteeSettings,
    MentorProfile,
    Mentorship,
    OfficeHour,
    OfficeHourBooking,
)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export_user_data(user: User) -> dict[str, Any]:
    profile = MentorProfile.objects.filter(user=user).first()
    prefs = MenteeSettings.objects.filter(user=user).first()
    mentorships = Mentorship.objects.filter(mentor=user) | Mentorship.objects.filter(mentee=user)
    return {
        "mentor_profile": model_to_dict(profile, exclude=["id", "user"]) if profile else None,
        "mentee_settings": {"languages": prefs.languages, "time_zone": prefs.time_zone}
        if prefs
        else None,
        "mentorships": [
            {
                "as": "mentor" if m.mentor_id == user.pk else "mentee",
                "with": (m.mentee if m.mentor_id == user.pk else m.mentor).name,
                "goal": m.goal,
                "status": m.status,
                "response": m.response,
                "requested_at": _iso(m.created_at),
                "decided_at": _iso(m.decided_at),
                "ended_at": _iso(m.ended_at),
            }
            for m in mentorships.select_related("mentor", "mentee").order_by("created_at")
        ],
        "office_hours_published": [
            {
                "title": s.title,
                "kind": s.kind,
                "starts_at": _iso(s.starts_at),
                "ends_at": _iso(s.ends_at),
                "capacity": s.capacity,
            }
            for s in OfficeHour.objects.filter(mentor=user)
        ],
        "office_hour_bookings": [
            {
                "title": b.slot.title,
                "mentor": b.slot.mentor.name,
                "starts_at": _iso(b.slot.starts_at),
                "status": b.status,
                "booked_at": _iso(b.created_at),
            }
            for b in OfficeHourBooking.objects.filter(mentee=user).select_related("slot__mentor")
        ],
        "has_calendar_feed": CalendarFeed.objects.filter(user=user).exists(),
    }


def erase_user_data(user: User) -> None:
    """Close the conversations of the person's mentorships before the rows cascade away.

    Profile, settings, mentorships, slots, bookings and the feed cascade with the user;
    the other side keeps the (closed) conversation, shown as with "a deleted account".
    """
    from imgpath.messaging.models import Topic
    from imgpath.messaging.services import thread_set_closed

    ids = (
        Mentorship.objects.filter(mentor=user) | Mentorship.objects.filter(mentee=user)
    ).values_list("pk", flat=True)
    for pk in ids:
        thread_set_closed(topic=Topic.MENTORSHIP, topic_id=pk, closed=True)
