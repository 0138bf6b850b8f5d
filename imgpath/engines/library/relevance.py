"""Which articles a roadmap step shows, and which steps an article supports.

An author lists in ``steps`` the roadmap steps an article serves, most important first. A step
shows at most three articles: those that list it earliest, then by title.
"""

from __future__ import annotations

from imgpath.engines.library.model import PHASES, STEPS, Article, Library

MAX_ARTICLES_PER_STEP = 3


def articles_for_step(library: Library, step_id: str) -> list[Article]:
    serving = [a for a in library.articles if step_id in a.steps]
    serving.sort(key=lambda a: (a.steps.index(step_id), a.title))
    return serving[:MAX_ARTICLES_PER_STEP]


def steps_for_article(article: Article) -> list[tuple[str, str]]:
    """(step id, label) for every step the article serves, in the author's order."""
    return [(step_id, STEPS[step_id]) for step_id in article.steps]


def articles_by_phase(library: Library) -> dict[str, list[Article]]:
    """Phase id -> the articles tagged with it, by title; every phase present, even if empty."""
    grouped: dict[str, list[Article]] = {phase: [] for phase in PHASES}
    for article in sorted(library.articles, key=lambda a: a.title):
        for phase in article.phases:
            grouped[phase].append(article)
    return grouped
