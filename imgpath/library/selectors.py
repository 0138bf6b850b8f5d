"""Reads for the library: the loaded articles, search, and the links between steps and articles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from imgpath.engines.library import (
    DEFAULT_LIBRARY_DIR,
    PER_STATE_STEPS,
    Article,
    Library,
    LinkTargets,
    SearchDocument,
    articles_for_step,
    load_library,
    rank,
    snippet,
)
from imgpath.engines.rules import iter_fact_rows, load_default_facts
from imgpath.engines.rules.facts.loading import FactRowSummary
from imgpath.library.models import SearchEntry

MAX_QUERY_LENGTH = 200


def step_url(step_id: str) -> str:
    """Where a step sits on the roadmap page; per-state steps are found under their phase."""
    anchor = "phase-licensure" if step_id in PER_STATE_STEPS else f"step-{step_id}"
    return f"{reverse('roadmap')}#{anchor}"


def link_targets() -> LinkTargets:
    return LinkTargets(
        step_url=step_url,
        article_url=lambda slug: reverse("library:article", args=[slug]),
    )


@cache
def facts_by_id() -> dict[str, FactRowSummary]:
    return {row.id: row for row in iter_fact_rows(load_default_facts())}


@cache
def library() -> Library:
    """The shipped articles, checked and rendered once per process (they change by deploy)."""
    return load_library(
        DEFAULT_LIBRARY_DIR,
        fact_ids=facts_by_id(),
        targets=link_targets(),
        today=timezone.localdate(),
    )


def article_or_none(slug: str) -> Article | None:
    return library().get(slug)


def quoted_facts(article: Article) -> list[FactRowSummary]:
    """The roadmap facts an article links to, straight from the rules data."""
    facts = facts_by_id()
    return [facts[fact_id] for fact_id in article.rendered.fact_ids]


def related_articles(article: Article, *, limit: int = 4) -> list[Article]:
    same_topic = [a for a in library().articles if a.topic == article.topic and a != article]
    return sorted(same_topic, key=lambda a: a.title)[:limit]


@dataclass(frozen=True)
class SearchResult:
    article: Article
    score: float
    excerpt: str


def search_articles(query: str) -> list[SearchResult]:
    """Articles matching every word of ``query``, best first.

    PostgreSQL: ``websearch_to_tsquery`` against weighted English vectors (title A, summary B,
    body C) ranked by ``ts_rank``. Elsewhere: the engine's ranker, built on the same weights."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    if not query:
        return []
    if connection.vendor == "postgresql":
        hits = _postgres_hits(query)
    else:
        entries = SearchEntry.objects.only("slug", "title", "summary", "body")
        documents = (SearchDocument(e.slug, e.title, e.summary, e.body) for e in entries)
        hits = [(hit.key, hit.score) for hit in rank(documents, query)]
    results = []
    for slug, score in hits:
        article = article_or_none(slug)
        if article is not None:
            results.append(SearchResult(article, score, snippet(article.rendered.text, query)))
    return results


def _postgres_hits(query: str) -> list[tuple[str, float]]:
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
    search_query = SearchQuery(query, search_type="websearch", config="english")
    rows = (
        SearchEntry.objects.annotate(document=vector)
        .filter(document=search_query)
        .annotate(rank=SearchRank(vector, search_query))
        .order_by("-rank", "title")
        .values_list("slug", "rank")
    )
    return [(slug, float(score)) for slug, score in rows]


def step_articles(step_id: str) -> list[dict[str, Any]]:
    """The one to three articles a roadmap step shows, as the roadmap contract carries them."""
    return [
        {
            "slug": article.slug,
            "title": article.title,
            "summary": article.summary,
            "url": reverse("library:article", args=[article.slug]),
        }
        for article in articles_for_step(library(), step_id)
    ]


def articles_by_review_date() -> list[Article]:
    """Every article, least recently reviewed first: the order staff re-check them in."""
    return sorted(library().articles, key=lambda a: (a.reviewed_on, a.slug))
