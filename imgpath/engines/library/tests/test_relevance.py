from __future__ import annotations

from dataclasses import replace
from datetime import date

from imgpath.engines.library import Library, articles_for_step
from imgpath.engines.library.model import Article, Rendered

EMPTY = Rendered(html="", text="", fact_ids=(), step_ids=(), article_slugs=(), paths=())


def article(slug: str, steps: tuple[str, ...], features: tuple[str, ...] = ()) -> Article:
    return Article(
        slug=slug, title=slug.title(), summary="", topic="money", phases=("match",),
        audience=("all",), steps=steps, features=features, published_on=date(2026, 1, 1),
        revised_on=None, reviewed_on=date(2026, 1, 1), review_every_days=365, sources=(),
        body="", rendered=EMPTY, file=f"{slug}.md",
    )  # fmt: skip


def test_featured_first_then_earliest_listed_then_title_and_never_more_than_three():
    library = Library(
        (
            article("a", ("visa", "match_day")),
            article("b", ("match_day",)),
            article("c", ("visa", "match_day"), features=("match_day",)),
            article("d", ("match_day",)),
            article("e", ("other", "match_day")),
        )
    )
    assert [a.slug for a in articles_for_step(library, "match_day")] == ["c", "b", "d"]


def test_per_state_steps_share_the_articles_of_their_step():
    library = Library((article("a", ("state_license",)),))
    assert [a.slug for a in articles_for_step(library, "state_license:TX")] == ["a"]
    assert articles_for_step(library, "visa") == []


def test_review_is_due_once_the_interval_has_passed():
    item = replace(article("a", ()), reviewed_on=date(2026, 1, 1), review_every_days=30)
    assert not item.review_overdue(date(2026, 1, 30))
    assert item.review_overdue(date(2026, 1, 31))
    assert item.review_overdue(date(2026, 1, 1), older_than_days=0)
