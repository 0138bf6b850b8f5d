"""Navigation contributed by each app, filtered by the viewer's role.

An app lists its entries in `AppConfig.nav_items`; the base template renders
what the current user may use, so no shared template changes as apps arrive.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse

ANONYMOUS = "anonymous"
EVERYONE = frozenset({"anonymous", "applicant", "host", "mentor", "staff"})
SIGNED_IN = frozenset({"applicant", "host", "mentor", "staff"})


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str]
    order: int = 50


def viewer_role(user) -> str:
    if not user.is_authenticated:
        return ANONYMOUS
    return "staff" if user.is_staff else user.role


def nav_items_for(user) -> list[dict[str, str]]:
    role = viewer_role(user)
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        items.extend(item for item in getattr(config, "nav_items", ()) if role in item.roles)
    entries = []
    for item in sorted(items, key=lambda i: (i.order, i.label)):
        try:
            entries.append({"label": item.label, "url": reverse(item.url_name)})
        except NoReverseMatch:
            continue
    return entries
