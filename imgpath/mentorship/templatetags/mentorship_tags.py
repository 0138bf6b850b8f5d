"""Times in the viewer's own zone, with the zone named."""

from __future__ import annotations

from datetime import datetime

from django import template

register = template.Library()


@register.filter
def in_zone(value: datetime | None, zone) -> str:
    """`2 Mar 2027, 20:30 (Asia/Kolkata, IST)`: IMGs and mentors live in different zones."""
    if value is None:
        return ""
    local = value.astimezone(zone)
    abbreviation = local.strftime("%Z")
    name = str(zone)
    label = name if abbreviation in ("", name) else f"{name}, {abbreviation}"
    return f"{local:%a %-d %b %Y, %H:%M} ({label})"


@register.filter
def local_time(value: datetime | None, zone) -> str:
    return value.astimezone(zone).strftime("%H:%M") if value else ""
