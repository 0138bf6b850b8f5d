"""Find per-app hook modules (demo data, privacy) without a central list.

Each IMGPath app may ship `demo.py` or `privacy.py`; these helpers import the
ones that exist, in INSTALLED_APPS order, so adding an app never edits core.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType

from django.apps import apps


def app_modules(module_name: str) -> Iterator[ModuleType]:
    for config in apps.get_app_configs():
        if not config.name.startswith("imgpath."):
            continue
        try:
            yield importlib.import_module(f"{config.name}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{module_name}":
                raise
