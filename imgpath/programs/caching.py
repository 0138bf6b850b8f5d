"""Caches of what only changes when the directory is imported (cities, specialties)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from imgpath.programs.models import ImportKind, ImportRun

T = TypeVar("T")
VERSION_KEY = "programs:directory-version"
DAY = 24 * 60 * 60
# Anonymous search fragments and API answers: bulk imports move the version before they
# write, so a short bound keeps an answer computed mid-import from lasting.
PROGRAM_FRAGMENT_SECONDS = 60


def directory_version() -> int:
    """The latest ACGME import; remembered in the cache so a page costs no query for it."""
    version = cache.get(VERSION_KEY)
    if version is None:
        latest = ImportRun.objects.filter(kind=ImportKind.ACGME).order_by("-finished_at")
        version = latest.values_list("pk", flat=True).first() or 0
        cache.set(VERSION_KEY, version, DAY)
    return version


def directory_changed() -> None:
    cache.delete(VERSION_KEY)


def cached(name: str, build: Callable[[], T]) -> T:
    """`build()` once per directory version."""
    key = f"programs:{name}:{directory_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, DAY)
    return value
