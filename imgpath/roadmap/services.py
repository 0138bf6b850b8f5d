"""Write paths for the roadmap app."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from imgpath.accounts.models import User
from imgpath.core.errors import ServiceError
from imgpath.engines.rules import iter_fact_rows, load_default_facts
from imgpath.roadmap.models import CalendarFeed, FactReview, new_feed_token


def fact_review_record(
    *, fact_id: str, reviewer: User, checked_on: date, note: str = ""
) -> FactReview:
    """Record that staff re-checked a fact against its source; the fact file is unchanged."""
    if not reviewer.is_staff:
        raise ServiceError("Only staff can record a fact check.")
    known = {row.id for row in iter_fact_rows(load_default_facts())}
    if fact_id not in known:
        raise ServiceError(f"No fact with id {fact_id!r}.", field="fact_id")
    review = FactReview(
        fact_id=fact_id, checked_on=checked_on, checked_by=reviewer, note=note.strip()
    )
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def calendar_feed_for(*, user: User) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_rotate(*, user: User) -> CalendarFeed:
    """A new secret: every previously shared subscription URL stops working."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed
