from __future__ import annotations

from django.http import HttpRequest

from imgpath.changes.selectors import unread_count


def notices(request: HttpRequest) -> dict[str, object]:
    """How many rule-change notices the signed-in person has not read yet (for the header)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_change_notices": unread_count(user)}
