from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from imgpath.core.permissions import staff_required
from imgpath.engines.library import AUDIENCES, PHASES, TOPICS, steps_for_article
from imgpath.library import selectors, services
from imgpath.library.forms import LibraryFilterForm, ReviewIntervalForm


def library_index(request: HttpRequest) -> HttpResponse:
    """By topic, filtered by topic and roadmap phase; with ``q``, ranked search results."""
    form = LibraryFilterForm(request.GET or None)
    query, topic, phase = "", "", ""
    if form.is_bound and form.is_valid():
        query, topic, phase = (form.cleaned_data[k] for k in ("q", "topic", "phase"))
    articles = [
        a
        for a in selectors.library().articles
        if (not topic or a.topic == topic) and (not phase or phase in a.phases)
    ]
    results = None
    if query:
        services.search_index_sync()
        allowed = {a.slug for a in articles}
        results = [r for r in selectors.search_articles(query) if r.article.slug in allowed]
    groups = [
        (key, label, sorted((a for a in articles if a.topic == key), key=lambda a: a.title))
        for key, label in TOPICS.items()
    ]
    context = {
        "form": form,
        "query": query,
        "results": results,
        "groups": [g for g in groups if g[2]],
        "count": len(articles),
        "filtered": bool(topic or phase),
        "phases": PHASES,
    }
    return render(request, "library/index.html", context)


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = selectors.article_or_none(slug)
    if article is None:
        raise Http404("No such article.")
    context = {
        "article": article,
        "facts": selectors.quoted_facts(article),
        "steps": [(label, selectors.step_url(s)) for s, label in steps_for_article(article)],
        "related": selectors.related_articles(article),
        "phase_labels": [PHASES[p] for p in article.phases],
        "audience_labels": [AUDIENCES[a] for a in article.audience],
    }
    return render(request, "library/article.html", context)


@never_cache
@staff_required
def staff_review(request: HttpRequest) -> HttpResponse:
    """Articles least recently reviewed first; those past their interval (or ``older_than``)."""
    form = ReviewIntervalForm(request.GET or None)
    older_than = form.cleaned_data["older_than"] if form.is_bound and form.is_valid() else None
    today = timezone.localdate()
    rows: list[dict[str, Any]] = [
        {
            "article": article,
            "age_days": (today - article.reviewed_on).days,
            "overdue": article.review_overdue(today, older_than_days=older_than),
        }
        for article in selectors.articles_by_review_date()
    ]
    context = {
        "form": form,
        "rows": rows,
        "overdue_count": sum(r["overdue"] for r in rows),
        "older_than": older_than,
    }
    return render(request, "library/staff_review.html", context)
