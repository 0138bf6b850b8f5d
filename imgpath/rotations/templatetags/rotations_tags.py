"""Display helpers for the marketplace: money and status badges."""

from __future__ import annotations

from django import template

register = template.Library()

BADGES = {
    "submitted": "badge-info",
    "waitlisted": "badge-warning",
    "accepted": "badge-success",
    "booked": "badge-success",
    "completed": "badge-done",
    "declined": "badge-danger",
    "withdrawn": "badge-muted",
    "cancelled": "badge-muted",
    "unpaid": "badge-warning",
    "paid": "badge-success",
    "refunded": "badge-info",
    "not_due": "badge-muted",
    "requested": "badge-info",
    "agreed": "badge-success",
    "submitted_letter": "badge-done",
    "met": "badge-yes",
    "unconfirmed": "badge-unverified",
    "not_met": "badge-no",
    "draft": "badge-muted",
    "published": "badge-success",
    "archived": "badge-muted",
}


@register.filter
def badge(status: str) -> str:
    return BADGES.get(str(status), "badge-muted")


@register.filter
def usd(amount: int | None) -> str:
    if amount is None:
        return ""
    return "Free" if amount == 0 else f"${amount:,}"


@register.filter
def stars(rating: float | int | None) -> str:
    if not rating:
        return ""
    return f"{float(rating):.1f} out of 5"
