"""Which articles a roadmap step shows, and which steps an article supports.

An author lists in ``steps`` the roadmap steps an article serves, most important first, and in
``features`` the steps for which it is a first read. A step shows at most three articles: those
that feature it, then those that list it earliest, then by title.
"""

from __future__ import annotations

from imgpath.engines.library.model import PHASES, STEPS, Article, Library, base_step_id

MAX_ARTICLES_PER_STEP = 3


def articles_for_step(library: Library, roadmap_step_id: str) -> list[Article]:
    """Up to three articles for a step; per-state steps ("state_license:TX") share their list."""
    step_id = base_step_id(roadmap_step_id)
    serving = [a for a in library.articles if step_id in a.steps]
    serving.sort(key=lambda a: (step_id not in a.features, a.steps.index(step_id), a.title))
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
