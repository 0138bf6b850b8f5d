"""The search index: one row per article, rebuilt from the Markdown files (never edited)."""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    """An article's searchable text; the files are the truth, this is only their index."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    body = models.TextField()
    digest = models.CharField(max_length=64, help_text="sha256 of the article's text")

    class Meta:
        ordering = ["slug"]
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return self.slug
