from __future__ import annotations

from typing import Any

from imgpath.accounts.models import User
from imgpath.roadmap.models import CalendarFeed, FactReview


def export_user_data(user: User) -> dict[str, Any]:
    feed = CalendarFeed.objects.filter(user=user).first()
    return {
        "calendar_feed": {"created_at": feed.created_at.isoformat()} if feed else None,
        "fact_checks": [
            {"fact_id": r.fact_id, "checked_on": r.checked_on.isoformat(), "note": r.note}
            for r in FactReview.objects.filter(checked_by=user)
        ],
    }


def erase_user_data(user: User) -> None:
    # A staff member's fact checks stay (others rely on them) without their name.
    FactReview.objects.filter(checked_by=user).update(checked_by=None)
    CalendarFeed.objects.filter(user=user).delete()
