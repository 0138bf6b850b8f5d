"""Export and erase everything IMGPath stores about a person.

Each app's `privacy.py` defines `export_user_data(user) -> dict` and
`erase_user_data(user) -> None`; these functions call them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from imgpath.core.registry import app_modules

if TYPE_CHECKING:  # core names no app: the project's User, by the Django base it extends
    from django.contrib.auth.base_user import AbstractBaseUser


def user_data_export(*, user: AbstractBaseUser) -> dict[str, Any]:
    sections: dict[str, Any] = {}
    for module in app_modules("privacy"):
        exporter = getattr(module, "export_user_data", None)
        if exporter is not None:
            sections[module.__name__.split(".")[1]] = exporter(user)
    return {
        "format": "imgpath-export/1",
        "exported_at": timezone.now().isoformat(),
        "data": sections,
    }


@transaction.atomic
def user_data_erase(*, user: AbstractBaseUser) -> None:
    """Remove the person: apps erase or anonymise first, then the user row goes."""
    for module in reversed(list(app_modules("privacy"))):
        eraser = getattr(module, "erase_user_data", None)
        if eraser is not None:
            eraser(user)
    user.delete()
