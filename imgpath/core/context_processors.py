from __future__ import annotations

from django.http import HttpRequest

from imgpath.core.navigation import nav_items_for, viewer_role


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"nav_items": nav_items_for(user), "viewer_role": viewer_role(user)}
