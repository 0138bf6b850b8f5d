"""URLs of a program's pages, reversed once rather than once per result row."""

from __future__ import annotations

import functools

from django.urls import reverse

PLACEHOLDER = "0000000000"


@functools.cache
def _patterns() -> dict[str, str]:
    return {
        name: reverse(f"programs:{name}", args=[PLACEHOLDER])
        for name in ("detail", "save", "remove", "update")
    }


def program_url(acgme_id: str, name: str = "detail") -> str:
    return _patterns()[name].replace(PLACEHOLDER, acgme_id)
