"""The shipped library: every article valid, sourced, linked to the roadmap, and findable."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from imgpath.engines.library import (
    AUDIENCES,
    DEFAULT_LIBRARY_DIR,
    MAX_ARTICLES_PER_STEP,
    PHASES,
    STEPS,
    TOPICS,
    load_library,
)
from imgpath.engines.library.search import STOPWORDS
from imgpath.library.selectors import facts_by_id, library, link_targets, search_articles
from imgpath.library.services import search_index_sync
from imgpath.roadmap.selectors import roadmap_for_document

PROFILES = [
    {},
    {
        "citizenships": ["IN"],
        "us_status": "none",
        "current_location": "abroad",
        "medical_school": {
            "name": "G",
            "country": "IN",
            "graduated": True,
            "graduation_year": 2021,
        },
        "targets": {"specialties": ["internal_medicine"], "states": ["TX", "NY"]},
        "visa_preference": "h1b",
    },
    {"citizenships": ["US"], "us_status": "citizen", "targets": {"states": ["FL"]}},
]


def test_the_library_has_at_least_24_articles_of_600_to_1500_words():
    articles = library().articles
    assert len(articles) >= 24
    for article in articles:
        assert 600 <= article.word_count <= 1500, (article.slug, article.word_count)


def test_front_matter_is_complete_dated_and_tagged_with_known_values():
    today = timezone.localdate()
    # Loading checks every field; load again with today's date so no date is in the future.
    fresh = load_library(
        DEFAULT_LIBRARY_DIR, fact_ids=facts_by_id(), targets=link_targets(), today=today
    )
    topics_used = set()
    for article in fresh.articles:
        assert article.sources, article.slug
        for source in article.sources:
            assert source.title and source.publisher and source.url.startswith("http")
            assert source.published is None or source.published <= today
        assert article.published_on <= article.reviewed_on <= today
        assert article.topic in TOPICS
        assert set(article.phases) <= set(PHASES) and set(article.audience) <= set(AUDIENCES)
        assert set(article.steps) <= set(STEPS)
        topics_used.add(article.topic)
    assert topics_used == set(TOPICS), "every topic the issue lists has at least one article"


@pytest.mark.django_db
@pytest.mark.parametrize("profile", PROFILES)
def test_every_roadmap_phase_links_articles_and_no_step_more_than_three(profile):
    roadmap = roadmap_for_document(profile, today=date(2026, 12, 7))
    for phase in roadmap["phases"]:
        linked = {a["slug"] for step in phase["steps"] for a in step["articles"]}
        assert linked, f"phase {phase['id']} links no article"
        for step in phase["steps"]:
            assert len(step["articles"]) <= MAX_ARTICLES_PER_STEP


@pytest.mark.django_db
def test_every_internal_link_resolves(client, applicant):
    client.force_login(applicant)
    for article in library().articles:
        page = client.get(reverse("library:article", args=[article.slug]))
        assert page.status_code == 200, article.slug
        html = page.content.decode()
        for fact_id in article.rendered.fact_ids:
            assert f'id="fact-{fact_id}"' in html, (article.slug, fact_id)
        hrefs = set(re.findall(r'href="(/[^"#]*)', article.rendered.html))
        for href in hrefs | set(article.rendered.paths):
            assert client.get(href).status_code == 200, (article.slug, href)


def _distinctive_words(text: str) -> list[str]:
    words = [w.strip(".,:;()\"'!?").lower() for w in text.split()]
    words = [w for w in words if w.isalpha() and w not in STOPWORDS]
    return sorted(set(words), key=lambda w: (-len(w), w))[:2]


@pytest.mark.django_db
def test_search_finds_each_article_by_words_from_its_body():
    search_index_sync()
    for article in library().articles:
        body_only = article.rendered.text.replace(article.title, "")
        for word in _distinctive_words(body_only):
            slugs = [r.article.slug for r in search_articles(word)]
            assert article.slug in slugs, (article.slug, word)


@pytest.mark.django_db
def test_search_ranks_title_matches_first_and_requires_every_word():
    search_index_sync()
    results = search_articles("breaking bad news")
    assert results[0].article.slug == "breaking-bad-news"
    assert search_articles("handoff zyxwvut") == []
