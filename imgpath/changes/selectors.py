"""Reads of rule changes: the public list and its filters, a person's notices and visits."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from imgpath.accounts.models import User
from imgpath.changes.models import ChangeNotice, ChangeSet, FactChange, RoadmapVisit
from imgpath.engines.fact_changes.scope import cited_by_step


def published_changes() -> QuerySet[FactChange]:
    return (
        FactChange.objects.filter(change_set__published_at__isnull=False)
        .select_related("change_set")
        .order_by("-change_set__published_at", "phase", "title")
    )


def filtered_changes(*, phase: str | None, country: str | None) -> list[FactChange]:
    """Published changes, newest first, of one phase and naming one country (either optional).

    The country filter runs in Python: JSON list lookups differ between SQLite and
    PostgreSQL, and the log holds hundreds of rows, not millions."""
    changes = published_changes()
    if phase:
        changes = changes.filter(phase=phase)
    rows = list(changes)
    if country:
        rows = [change for change in rows if country in change.countries]
    return rows


def countries_named() -> list[str]:
    codes: set[str] = set()
    for countries in published_changes().values_list("countries", flat=True):
        codes.update(countries or ())
    return sorted(codes)


def published_set(key: str) -> ChangeSet | None:
    return ChangeSet.objects.filter(key=key, published_at__isnull=False).first()


def notices_for(user: User) -> QuerySet[ChangeNotice]:
    return ChangeNotice.objects.filter(user=user).select_related("change_set")


def unread_count(user: User | AnonymousUser) -> int:
    if not user.is_authenticated:
        return 0
    return ChangeNotice.objects.filter(user=user, read_at__isnull=True).count()


def changed_since_last_visit(
    user: User, roadmap: dict[str, Any], *, now: datetime
) -> dict[str, list[FactChange]]:
    """step id -> the published changes to its facts since the applicant last saw the roadmap.

    Records this visit, so the marks show once. A first visit counts from sign-up."""
    visit = RoadmapVisit.objects.filter(user=user).first()
    since = visit.seen_at if visit else user.date_joined
    recent = list(
        FactChange.objects.filter(change_set__published_at__gt=since)
        .select_related("change_set")
        .order_by("change_set__published_at")
    )
    RoadmapVisit.objects.update_or_create(user=user, defaults={"seen_at": now})
    if not recent:
        return {}
    by_fact: dict[str, list[FactChange]] = defaultdict(list)
    for change in recent:
        by_fact[change.fact_id].append(change)
    marks: dict[str, list[FactChange]] = {}
    for step_id, facts in cited_by_step(roadmap).items():
        hits = [change for fact_id in sorted(facts) for change in by_fact.get(fact_id, ())]
        if hits and step_id != "alerts":
            marks[step_id] = hits
    return marks
