"""Template helpers for match cycles."""

from __future__ import annotations

from django import template

from imgpath.matching.models import CycleStatus

register = template.Library()

_STATUS_BADGES: dict[str, str] = {
    CycleStatus.OPEN: "badge-info",
    CycleStatus.COMPLETED: "badge-success",
    CycleStatus.CANCELLED: "badge-muted",
}


@register.filter
def cycle_badge(status: str) -> str:
    return _STATUS_BADGES.get(status, "badge-muted")


@register.filter
def cycle_state(cycle) -> str:
    """Open, Lists closed (deadline passed, not run yet), Results released or Cancelled."""
    if cycle.status == CycleStatus.OPEN and cycle.is_locked():
        return "Lists closed: waiting to run"
    return cycle.get_status_display()
