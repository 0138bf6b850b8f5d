"""The Atom feed of published rule changes: one entry per changed fact, linked to its source."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from imgpath.changes.models import FactChange
from imgpath.changes.selectors import published_changes

FEED_SIZE = 200


class ChangeAtomFeed(Atom1Feed):
    """Atom with a ``related`` link from each entry to the source of the new fact."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("source_url"):
            handler.addQuickElement(
                "link", "", {"rel": "related", "href": item["source_url"], "title": "Source"}
            )


class RuleChangesFeed(Feed):
    feed_type = ChangeAtomFeed
    title = "IMGPath rule changes"
    subtitle = (
        "Changes to the facts behind IMGPath's roadmap (ECFMG, USMLE, NRMP, licensure, "
        "immigration), each with its source and date."
    )

    def link(self) -> str:
        return reverse("changes:list")

    def items(self) -> list[FactChange]:
        return list(published_changes()[:FEED_SIZE])

    def item_title(self, item: FactChange) -> str:
        return f"{item.get_kind_display()}: {item.title}"

    def item_description(self, item: FactChange) -> str:
        parts = [item.why or item.summary]
        if item.source_title:
            dated = f" ({item.source_date:%d %B %Y})" if item.source_date else " (date unknown)"
            parts.append(f"Source: {item.source_title}{dated}.")
        return " ".join(part for part in parts if part)

    def item_link(self, item: FactChange) -> str:
        return reverse("changes:set", args=[item.change_set.key]) + f"#fact-{item.fact_id}"

    def item_guid(self, item: FactChange) -> str:
        return f"tag:imgpath,2026:change/{item.change_set.key}/{item.fact_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: FactChange) -> datetime | None:
        return item.change_set.published_at

    def item_updateddate(self, item: FactChange) -> datetime | None:
        return item.change_set.published_at

    def item_extra_kwargs(self, item: FactChange) -> dict[str, str | None]:
        return {"source_url": item.source_url}
