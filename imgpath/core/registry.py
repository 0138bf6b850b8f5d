"""Find per-app hook modules (demo data, privacy) without a central list.

Each IMGPath app may ship `demo.py` or `privacy.py`; these helpers import the
ones that exist, in INSTALLED_APPS order, so adding an app never edits core.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from functools import cache
from types import ModuleType
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string


def app_modules(module_name: str) -> Iterator[ModuleType]:
    for config in apps.get_app_configs():
        if not config.name.startswith("imgpath."):
            continue
        try:
            yield importlib.import_module(f"{config.name}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{module_name}":
                raise


@cache
def app_hook(name: str) -> Callable[..., Any] | None:
    """The callable an app names as ``name`` on its AppConfig (a dotted path), or None.

    The way core calls into an app without importing it: the app registers, core asks."""
    for config in apps.get_app_configs():
        path = getattr(config, name, None)
        if path:
            return import_string(path)
    return None
