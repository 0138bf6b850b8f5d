"""Read the library's Markdown files: front matter checked field by field, bodies rendered.

A bad file stops the load with an error naming the file and the field, like the rules
engine's facts loader, so a broken article fails the build instead of the page.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import yaml

from imgpath.engines.library.model import (
    AUDIENCES,
    DEFAULT_REVIEW_DAYS,
    PHASES,
    STEPS,
    TOPICS,
    Article,
    Library,
    Source,
)
from imgpath.engines.library.rendering import LinkError, LinkTargets, render

# The articles that ship with the app (library -> engines -> imgpath).
DEFAULT_LIBRARY_DIR = Path(__file__).resolve().parents[2] / "data" / "library"

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)
REQUIRED = ("title", "summary", "topic", "phases", "audience", "published_on", "reviewed_on")
KNOWN = {*REQUIRED, "steps", "features", "revised_on", "review_every_days", "sources"}
SOURCE_KEYS = {"title", "publisher", "url", "date"}
MAX_STEPS_PER_ARTICLE = 6


class LibraryError(ValueError):
    """A library file that breaks the schema; the message names the file and field."""


def load_library(
    directory: Path,
    *,
    fact_ids: Iterable[str],
    targets: LinkTargets,
    today: date,
) -> Library:
    """Every ``*.md`` in ``directory`` except README.md, checked and rendered, sorted by slug.

    ``fact_ids`` are the roadmap's facts an article may quote; ``today`` bounds every date."""
    known_facts = frozenset(fact_ids)
    paths = sorted(p for p in directory.glob("*.md") if p.name != "README.md")
    articles = tuple(_load_article(p, known_facts, targets, today) for p in paths)
    slugs = {a.slug for a in articles}
    for article in articles:
        missing = [s for s in article.rendered.article_slugs if s not in slugs]
        if missing:
            raise LibraryError(f"{article.file}: links to unknown article(s) {', '.join(missing)}")
    return Library(articles=articles)


def library_digest(directory: Path) -> str:
    """A fingerprint of the files, so a search index knows when it is out of date."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.md")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _load_article(
    path: Path, fact_ids: frozenset[str], targets: LinkTargets, today: date
) -> Article:
    name = path.name
    slug = path.stem
    if not SLUG.match(slug):
        raise LibraryError(f"{name}: file name must be a slug (a-z, 0-9, hyphens)")
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if not match:
        raise LibraryError(f"{name}: must start with front matter between --- lines")
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise LibraryError(f"{name}: front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise LibraryError(f"{name}: front matter must be a mapping")
    return _article(
        name,
        slug=slug,
        meta=meta,
        body=match.group(2),
        fact_ids=fact_ids,
        targets=targets,
        today=today,
    )


def _article(
    name: str,
    *,
    slug: str,
    meta: Mapping[str, Any],
    body: str,
    fact_ids: frozenset[str],
    targets: LinkTargets,
    today: date,
) -> Article:
    check = _Checker(name)
    for key in REQUIRED:
        if meta.get(key) in (None, "", []):
            check.fail(key, "is required")
    unknown = set(meta) - KNOWN
    if unknown:
        check.fail(", ".join(sorted(unknown)), "unknown field")
    published = check.day("published_on", meta["published_on"], today)
    reviewed = check.day("reviewed_on", meta["reviewed_on"], today)
    revised = check.day("revised_on", meta["revised_on"], today) if meta.get("revised_on") else None
    if reviewed < published:
        check.fail("reviewed_on", "is before published_on")
    if revised is not None and revised < published:
        check.fail("revised_on", "is before published_on")
    interval = meta.get("review_every_days", DEFAULT_REVIEW_DAYS)
    if not isinstance(interval, int) or isinstance(interval, bool) or not 30 <= interval <= 1095:
        check.fail("review_every_days", "must be a whole number of days from 30 to 1095")
    steps = check.vocabulary("steps", meta.get("steps") or [], STEPS)
    if len(steps) > MAX_STEPS_PER_ARTICLE:
        check.fail("steps", f"at most {MAX_STEPS_PER_ARTICLE}: an article serves a few steps well")
    features = check.vocabulary("features", meta.get("features") or [], STEPS)
    if not set(features) <= set(steps):
        check.fail("features", "may only name steps the article lists in steps")
    try:
        rendered = render(body, targets)
    except LinkError as exc:
        raise LibraryError(f"{name}: {exc}") from exc
    unknown_facts = [f for f in rendered.fact_ids if f not in fact_ids]
    if unknown_facts:
        check.fail("body", f"links to unknown fact(s) {', '.join(unknown_facts)}")
    unknown_steps = [s for s in rendered.step_ids if s not in STEPS]
    if unknown_steps:
        check.fail("body", f"links to unknown step(s) {', '.join(unknown_steps)}")
    return Article(
        slug=slug,
        title=check.text("title", meta["title"], 120),
        summary=check.text("summary", meta["summary"], 300),
        topic=check.one_of("topic", meta["topic"], TOPICS),
        phases=check.vocabulary("phases", meta["phases"], PHASES),
        audience=check.vocabulary("audience", meta["audience"], AUDIENCES),
        steps=steps,
        features=features,
        published_on=published,
        revised_on=revised,
        reviewed_on=reviewed,
        review_every_days=interval,
        sources=check.sources(meta.get("sources"), today),
        body=body,
        rendered=rendered,
        file=name,
    )


class _Checker:
    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, field: str, problem: str) -> NoReturn:
        raise LibraryError(f"{self.name}: field {field}: {problem}")

    def text(self, field: str, value: Any, limit: int) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(field, "must be text")
        if len(value) > limit:
            self.fail(field, f"must be at most {limit} characters")
        return value.strip()

    def day(self, field: str, value: Any, today: date) -> date:
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                self.fail(field, f"{value!r} is not a date YYYY-MM-DD")
        if not isinstance(value, date):
            self.fail(field, "must be a date YYYY-MM-DD")
        if value > today:
            self.fail(field, f"{value} is in the future")
        return value

    def one_of(self, field: str, value: Any, allowed: Mapping[str, str]) -> str:
        if value not in allowed:
            self.fail(field, f"{value!r} must be one of {', '.join(allowed)}")
        return str(value)

    def vocabulary(self, field: str, values: Any, allowed: Mapping[str, str]) -> tuple[str, ...]:
        if not isinstance(values, list):
            self.fail(field, "must be a list")
        for value in values:
            self.one_of(field, value, allowed)
        if len(set(values)) != len(values):
            self.fail(field, "lists a value twice")
        return tuple(values)

    def sources(self, raw: Any, today: date) -> tuple[Source, ...]:
        if not isinstance(raw, list) or not raw:
            self.fail("sources", "at least one source is required")
        return tuple(self._source(i, item, today) for i, item in enumerate(raw, start=1))

    def _source(self, i: int, item: Any, today: date) -> Source:
        field = f"sources[{i}]"
        if not isinstance(item, dict) or set(item) != SOURCE_KEYS:
            self.fail(field, f"needs exactly {', '.join(sorted(SOURCE_KEYS))}")
        url = self.text(f"{field}.url", item["url"], 500)
        if not re.match(r"^https?://[^\s/]+\.[^\s]+$", url):
            self.fail(f"{field}.url", f"{url!r} is not an http(s) URL")
        published, precision = self.source_date(f"{field}.date", item["date"], today)
        return Source(
            title=self.text(f"{field}.title", item["title"], 300),
            publisher=self.text(f"{field}.publisher", item["publisher"], 200),
            url=url,
            published=published,
            precision=precision,
        )

    def source_date(self, field: str, value: Any, today: date) -> tuple[date | None, str]:
        """A source's date as precise as the source is: 2014-11-06, 2000-08, 2019 or unknown."""
        if value == "unknown":
            return None, "day"
        text = str(value)
        if re.fullmatch(r"\d{4}", text):
            return self.day(field, f"{text}-01-01", today), "year"
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return self.day(field, f"{text}-01", today), "month"
        if isinstance(value, date) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return self.day(field, value, today), "day"
        self.fail(field, f"{value!r} must be YYYY-MM-DD, YYYY-MM, YYYY or unknown")
