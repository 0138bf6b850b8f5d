"""Versions of public content, so rendered fragments shared by every visitor can be cached.

A page part that is the same for everyone (a search form, a result list) is cached under the
current version of the content it shows; any change to that content moves the version on, so
a cached fragment is never shown after the data behind it changed. Personal parts of a page
(the header, anything about the viewer) are never inside such a fragment.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

# Cached fragments also expire on their own: a bound on anything a signal cannot see
# (bulk updates), not the main way they refresh.
FRAGMENT_SECONDS = 300


def _key(name: str) -> str:
    return f"content-version:{name}"


def content_version(name: str) -> str:
    version = cache.get(_key(name))
    if version is None:
        version = uuid.uuid4().hex
        cache.set(_key(name), version, None)
    return version


def content_changed(name: str) -> None:
    """Move ``name`` to a new version once the current transaction commits."""
    transaction.on_commit(lambda: cache.set(_key(name), uuid.uuid4().hex, None))


def track(name: str, *models) -> None:
    """Any save or delete of ``models`` changes the content ``name``."""
    from django.db.models.signals import post_delete, post_save

    def changed(**kwargs) -> None:
        content_changed(name)

    for model in models:
        uid = f"fragments:{name}:{model._meta.label}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":save")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":delete")
