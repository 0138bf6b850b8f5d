"""Atom feed of new and revised articles, newest change first."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from imgpath.engines.library import Article
from imgpath.library.selectors import library

FEED_SIZE = 50


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


class LibraryFeed(Feed):
    feed_type = Atom1Feed
    title = "IMGPath library"
    subtitle = "New and revised articles for international medical graduates, with their sources."

    def link(self) -> str:
        return reverse("library:index")

    def items(self) -> list[Article]:
        ordered = sorted(library().articles, key=lambda a: (a.updated_on, a.slug), reverse=True)
        return ordered[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return f"Revised: {item.title}" if item.revised_on else item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_link(self, item: Article) -> str:
        return reverse("library:article", args=[item.slug])

    def item_guid(self, item: Article) -> str:
        # One entry per article; a revision updates it, so readers see it as changed, not new.
        return f"tag:imgpath,2026:library/{item.slug}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Article) -> datetime:
        return _moment(item.published_on)

    def item_updateddate(self, item: Article) -> datetime:
        return _moment(item.updated_on)

    def item_categories(self, item: Article) -> list[str]:
        return [item.topic_label]
