"""Reads for the roadmap: the applicant's roadmap and the facts with their last check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Max

from imgpath.accounts.models import User
from imgpath.engines.rules import evaluate_json, iter_fact_rows, load_default_facts
from imgpath.engines.rules.facts.loading import FactRowSummary
from imgpath.library.selectors import step_articles
from imgpath.profiles.selectors import profile_data_for
from imgpath.roadmap.models import FactReview


def last_checks() -> dict[str, date]:
    """fact id -> the latest date staff re-checked it."""
    rows = FactReview.objects.values("fact_id").annotate(last=Max("checked_on"))
    return {row["fact_id"]: row["last"] for row in rows}


def roadmap_for_document(document: dict[str, Any], *, today: date) -> dict[str, Any]:
    """The roadmap contract for a profile document, with staff re-checks on each source."""
    roadmap = evaluate_json(document, load_default_facts(), today)
    checks = last_checks()
    for source in _all_sources(roadmap):
        checked = checks.get(source.get("fact_id", ""))
        source["rechecked_on"] = checked.isoformat() if checked else None
    _attach_articles(roadmap)
    return roadmap


def _attach_articles(roadmap: dict[str, Any]) -> None:
    """Each step carries the one to three library articles that matter for it."""
    for phase in roadmap["phases"]:
        for step in phase["steps"]:
            step["articles"] = step_articles(step["id"])


def roadmap_for_user(user: User, *, today: date) -> dict[str, Any]:
    return roadmap_for_document(profile_data_for(user), today=today)


def _all_sources(roadmap: dict[str, Any]):
    for phase in roadmap["phases"]:
        for step in phase["steps"]:
            yield from step["sources"]
    for warning in roadmap["warnings"]:
        yield from warning["sources"]


@dataclass(frozen=True)
class ReviewedFact:
    row: FactRowSummary
    rechecked_on: date | None

    @property
    def effective_date(self) -> date | None:
        """The most recent date anyone confirmed the fact: its source's or a staff re-check.

        None when the source has no date and nobody has re-checked it: the oldest of all."""
        dates = [d for d in (self.row.as_of, self.rechecked_on) if d is not None]
        return max(dates) if dates else None

    def age_days(self, today: date) -> int | None:
        return (today - self.effective_date).days if self.effective_date else None


def facts_oldest_first() -> list[ReviewedFact]:
    """Undated facts first (nobody knows how old they are), then by date, then by id."""
    checks = last_checks()
    facts = [ReviewedFact(row, checks.get(row.id)) for row in iter_fact_rows(load_default_facts())]
    return sorted(facts, key=lambda f: (f.effective_date or date.min, f.row.id))


def stale_facts(*, older_than_days: int, today: date) -> list[ReviewedFact]:
    cutoff = today - timedelta(days=older_than_days)
    return [
        fact
        for fact in facts_oldest_first()
        if fact.effective_date is None or fact.effective_date < cutoff
    ]
