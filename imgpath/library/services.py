"""Writes for the library: only the search index, rebuilt from the shipped Markdown files."""

from __future__ import annotations

import hashlib

from django.db import transaction

from imgpath.library.models import SearchEntry
from imgpath.library.selectors import library


def search_index_sync(*, using: str = "default") -> int:
    """Make the index match the articles; return how many rows changed. All or nothing."""
    wanted = {
        article.slug: {
            "title": article.title,
            "summary": article.summary,
            "body": article.rendered.text,
        }
        for article in library().articles
    }
    for fields in wanted.values():
        text = "\n".join((fields["title"], fields["summary"], fields["body"]))
        fields["digest"] = hashlib.sha256(text.encode()).hexdigest()
    entries = SearchEntry.objects.using(using)
    have = dict(entries.values_list("slug", "digest"))
    stale = [slug for slug in have if slug not in wanted]
    changed = {slug: f for slug, f in wanted.items() if have.get(slug) != f["digest"]}
    if not stale and not changed:
        return 0
    with transaction.atomic(using=using):
        entries.filter(slug__in=stale).delete()
        for slug, fields in changed.items():
            entries.update_or_create(slug=slug, defaults=fields)
    return len(stale) + len(changed)
