"""The library engine: Markdown articles with checked front matter, rendering, search, links.

Pure Python (no Django). The public API:

- ``load_library(directory, *, fact_ids, targets, today) -> Library``; ``LibraryError``;
  ``library_digest(directory)``; ``DEFAULT_LIBRARY_DIR``
- ``render(markdown, targets) -> Rendered``; ``LinkTargets``; ``LinkError``
- ``rank(documents, query) -> list[Hit]``, ``snippet(text, query)``, ``SearchDocument``
- ``articles_for_step(library, step_id)``, ``steps_for_article(article)``,
  ``articles_by_phase(library)``
- vocabularies ``TOPICS``, ``AUDIENCES``, ``PHASES``, ``STEPS``
"""

from __future__ import annotations

from imgpath.engines.library.loading import (
    DEFAULT_LIBRARY_DIR,
    LibraryError,
    library_digest,
    load_library,
)
from imgpath.engines.library.model import (
    AUDIENCES,
    PER_STATE_STEPS,
    PHASES,
    STEPS,
    TOPICS,
    Article,
    Library,
    Rendered,
    Source,
    base_step_id,
)
from imgpath.engines.library.relevance import (
    MAX_ARTICLES_PER_STEP,
    articles_by_phase,
    articles_for_step,
    steps_for_article,
)
from imgpath.engines.library.rendering import LinkError, LinkTargets, render
from imgpath.engines.library.search import Hit, SearchDocument, rank, snippet

__all__ = [
    "AUDIENCES",
    "DEFAULT_LIBRARY_DIR",
    "MAX_ARTICLES_PER_STEP",
    "PER_STATE_STEPS",
    "PHASES",
    "STEPS",
    "TOPICS",
    "Article",
    "Hit",
    "Library",
    "LibraryError",
    "LinkError",
    "LinkTargets",
    "Rendered",
    "SearchDocument",
    "Source",
    "articles_by_phase",
    "articles_for_step",
    "base_step_id",
    "library_digest",
    "load_library",
    "rank",
    "render",
    "snippet",
    "steps_for_article",
]
