"""Navigation contributed by each app, filtered by the viewer's role.

An app lists its entries in `AppConfig.nav_items`; the base template renders
what the current user may use, so no shared template changes as apps arrive.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, TypeAlias

from django.apps import apps
from django.urls import NoReverseMatch, reverse

if TYPE_CHECKING:  # apps.py imports this module before the auth models are ready
    from django.contrib.auth.models import AnonymousUser

ANONYMOUS = "anonymous"
EVERYONE = frozenset({"anonymous", "applicant", "host", "mentor", "staff"})
SIGNED_IN = frozenset({"applicant", "host", "mentor", "staff"})


class SignedInViewer(Protocol):
    """What core reads of a signed-in person. Core names no app, so it describes the
    accounts app's `User` by the attributes it uses rather than importing it."""

    @property
    def is_authenticated(self) -> Literal[True]: ...

    @property
    def is_staff(self) -> bool: ...

    @property
    def role(self) -> str: ...


Viewer: TypeAlias = "SignedInViewer | AnonymousUser"
"""Anyone looking at a page: a signed-in person or Django's anonymous user."""


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str]
    order: int = 50


def viewer_role(user: Viewer) -> str:
    if not user.is_authenticated:
        return ANONYMOUS
    return "staff" if user.is_staff else user.role


def nav_items_for(user: Viewer) -> list[dict[str, str]]:
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
