"""Ranked keyword search over articles, for databases without full-text search (SQLite).

PostgreSQL ranks with ``ts_rank`` over weighted vectors (title A, summary B, body C); this
ranker follows the same idea so both backends order results alike:

1. Split text into lowercase words, drop common English words, strip plain suffixes
   ("letters" and "lettering" both become "letter"), as a light stand-in for Snowball.
2. A document matches only if it holds every query word somewhere (websearch's AND).
3. Its score adds, for each query word and field, the field's weight times 1 + ln(count):
   a word in the title counts most, repeats add less and less.
4. Ties go to the title's alphabetical order (then the key), so results are stable.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "do",
        "for",
        "from",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)
WEIGHTS = {"title": 8.0, "summary": 4.0, "body": 1.0}
SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s")


@dataclass(frozen=True)
class SearchDocument:
    key: str
    title: str
    summary: str
    body: str


@dataclass(frozen=True)
class Hit:
    key: str
    score: float


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix in {"ies", "ied"} else base
    return word


def terms(text: str) -> list[str]:
    """The searchable words of ``text`` in order: folded to ASCII, lowercased, stemmed."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [stem(w) for w in re.findall(r"[a-z0-9]+", folded) if w not in STOPWORDS]


def rank(documents: Iterable[SearchDocument], query: str) -> list[Hit]:
    """Documents holding every word of ``query``, best first; empty for an empty query."""
    wanted = list(dict.fromkeys(terms(query)))
    if not wanted:
        return []
    hits = []
    for doc in documents:
        counts = {field: Counter(terms(getattr(doc, field))) for field in WEIGHTS}
        if not all(any(counts[f][t] for f in WEIGHTS) for t in wanted):
            continue
        score = sum(
            WEIGHTS[field] * (1 + math.log(counts[field][term]))
            for term in wanted
            for field in WEIGHTS
            if counts[field][term]
        )
        hits.append(((doc.title.lower(), doc.key), Hit(doc.key, round(score, 6))))
    hits.sort(key=lambda pair: (-pair[1].score, pair[0]))
    return [hit for _, hit in hits]


def snippet(text: str, query: str, *, width: int = 220) -> str:
    """A window of ``text`` around the first word that matches the query, with ellipses."""
    wanted = set(terms(query))
    words = text.split()
    at = next((i for i, w in enumerate(words) if wanted.intersection(terms(w))), 0)
    start = max(0, at - 8)
    out, length = [], 0
    for word in words[start:]:
        if length + len(word) > width:
            break
        out.append(word)
        length += len(word) + 1
    prefix = "… " if start else ""
    suffix = " …" if start + len(out) < len(words) else ""
    return prefix + " ".join(out) + suffix
