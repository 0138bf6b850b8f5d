from __future__ import annotations

from collections.abc import Mapping

from django.http import HttpRequest

from imgpath.core.navigation import nav_items_for, viewer_role
from imgpath.core.template_choices import template_choices


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"nav_items": nav_items_for(user), "viewer_role": viewer_role(user)}


def choices(request: HttpRequest) -> Mapping[str, object]:
    """Every app's template choices by name (see ``core.template_choices``)."""
    return template_choices()
