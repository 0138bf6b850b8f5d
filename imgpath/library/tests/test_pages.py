from __future__ import annotations

import feedparser
import pytest
from django.urls import reverse

from imgpath.library.models import SearchEntry
from imgpath.library.selectors import facts_by_id, library
from imgpath.library.services import search_index_sync
from imgpath.profiles.services import profile_save

pytestmark = pytest.mark.django_db


def test_index_groups_articles_by_topic_for_anyone(client):
    page = client.get(reverse("library:index")).content.decode()
    assert "The US health system" in page and "Money and planning" in page
    for article in library().articles:
        assert reverse("library:article", args=[article.slug]) in page


def test_index_filters_by_phase_and_topic(client):
    page = client.get(reverse("library:index"), {"phase": "immigration"}).content.decode()
    assert "Isolation, family and visa stress" in page
    assert "Presenting on rounds" not in page
    page = client.get(reverse("library:index"), {"topic": "money"}).content.decode()
    assert "The costs of the whole path" in page and "Breaking bad news" not in page


def test_an_unknown_filter_is_a_form_error_not_a_crash(client):
    response = client.get(reverse("library:index"), {"phase": "moon", "q": "x" * 500})
    assert response.status_code == 200
    assert "Please correct the fields below" in response.content.decode()


def test_search_page_lists_ranked_results_with_an_excerpt(client):
    page = client.get(reverse("library:index"), {"q": "interpreter"}).content.decode()
    assert "Results for “interpreter”" in page
    assert "Patient-centred interviewing, with or without an interpreter" in page


def test_search_rebuilds_a_missing_index(client):
    SearchEntry.objects.all().delete()
    page = client.get(reverse("library:index"), {"q": "I-PASS"}).content.decode()
    assert "Presenting on rounds (SOAP) and handing off with I-PASS" in page
    assert SearchEntry.objects.count() == len(library().articles)


def test_index_sync_is_idempotent_and_removes_stale_rows():
    search_index_sync()
    SearchEntry.objects.create(slug="gone", title="Gone", summary="", body="", digest="x")
    SearchEntry.objects.filter(slug="personal-statement").update(body="old text", digest="old")
    assert search_index_sync() == 2
    assert search_index_sync() == 0
    assert not SearchEntry.objects.filter(slug="gone").exists()


def test_article_page_quotes_roadmap_facts_and_shows_steps_and_sources(client):
    page = client.get(reverse("library:article", args=["asking-for-letters"])).content.decode()
    fact = facts_by_id()["letters_program_specific"]
    assert 'id="fact-letters_program_specific"' in page
    assert fact.summary.replace("'", "&#x27;").replace('"', "&quot;")[:60] in page
    assert "Roadmap steps this article supports" in page
    assert reverse("roadmap") + "#step-letters_of_recommendation" in page
    assert "Match Code of Conduct for Applicants" in page and "Date unknown" in page
    assert 'class="template"' in page and "js/library.js" in page
    assert "css/library-print.css" in page


def test_unknown_article_is_404(client):
    assert client.get(reverse("library:article", args=["no-such-article"])).status_code == 404


def test_feed_is_atom_with_every_article(client):
    response = client.get(reverse("library:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.version == "atom10"
    assert len(feed.entries) == len(library().articles)
    assert all(entry.link.startswith("http") and entry.updated for entry in feed.entries)


def test_staff_review_lists_articles_and_is_hidden_from_others(client, applicant, staff):
    url = reverse("library:staff_review")
    client.force_login(applicant)
    assert client.get(url).status_code == 404
    client.force_login(staff)
    page = client.get(url).content.decode()
    assert f"0 of {len(library().articles)} articles due for review" in page
    page = client.get(url, {"older_than": 0}).content.decode()
    assert f"{len(library().articles)} of {len(library().articles)} articles due" in page
    assert client.get(url, {"older_than": "-3"}).status_code == 200


def test_roadmap_page_and_api_link_each_step_to_its_articles(client, applicant, other_applicant):
    profile_save(user=applicant, data={"targets": {"states": ["TX"]}})
    client.force_login(applicant)
    page = client.get(reverse("roadmap")).content.decode()
    assert "Read in the library" in page
    assert reverse("library:article", args=["finding-an-observership"]) in page
    data = client.get("/api/v1/roadmap").json()
    steps = {s["id"]: s for phase in data["phases"] for s in phase["steps"]}
    slugs = [a["slug"] for a in steps["us_clinical_experience"]["articles"]]
    assert slugs and len(slugs) <= 3
    assert steps["personal_statement"]["articles"][0]["url"] == "/library/personal-statement/"
    assert all(a["url"].startswith("/library/") for s in steps.values() for a in s["articles"])
