"""Dashboard panels contributed by apps.

An app's `dashboard.py` defines `panels(request) -> list[Panel]`; the dashboard
shows the panels for the viewer's role in `order`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from imgpath.core.registry import app_modules


@dataclass(frozen=True)
class Panel:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50


def panels_for(request: HttpRequest) -> list[Panel]:
    found: list[Panel] = []
    for module in app_modules("dashboard"):
        provider = getattr(module, "panels", None)
        if provider is not None:
            found.extend(provider(request))
    return sorted(found, key=lambda p: (p.order, p.title))
