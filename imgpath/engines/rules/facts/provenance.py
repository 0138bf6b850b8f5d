"""The provenance rules every fact row obeys, checked when the facts load.

A fact that is wrong or stale costs an applicant a year, so trust is earned by the source
and never declared: only an unflagged row from a primary publisher is "verified"; a row
from a copy, a mirror or an unnamed file is tier C; a date is the source's own date.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlparse

from imgpath.engines.rules.facts.model import Tier

# Publishers whose own pages are primary (tier A): regulators, statutes, the bodies that run
# the exams, the Match and the application services. A subdomain counts as its publisher.
PRIMARY_PUBLISHERS = (
    "ecfmg.org",
    "intealth.org",
    "usmle.org",
    "fsmb.org",
    "nrmp.org",
    "aamc.org",
    "ama-assn.org",
    "acgme.org",
    "liaisonedu.com",
    "ncmedboard.org",
    "state.tx.us",
    # NRMP and others publish their press releases through this wire service.
    "prnewswire.com",
)
# Known copies of someone else's text (statute and press-release mirrors): tier C at best.
MIRRORS = (
    "casetext.com",
    "law.counselstack.com",
    "lawserver.com",
    "news.b2blocal.com",
    "genderi.org",
    "docslib.org",
    "gavvy.com",
    "menafn.com",
    "einpresswire.com",
    "pages.dev",
)


@dataclass(frozen=True)
class Broken:
    field: str
    message: str


def host_of(source: str) -> str | None:
    if not source.startswith(("http://", "https://")):
        return None
    return (urlparse(source).hostname or "").lower() or None


def _under(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def is_primary(host: str | None) -> bool:
    return host is not None and (host.endswith(".gov") or _under(host, PRIMARY_PUBLISHERS))


def is_mirror(host: str | None) -> bool:
    return host is not None and _under(host, MIRRORS)


def provenance_rules(row: Mapping[str, Any], compiled_on: date) -> Iterator[Broken]:
    """Every rule ``row`` breaks, most basic first (the loader reports the first)."""
    flags = row.get("flag") or ()
    tier, verified = row["tier"], row["verified"]
    host = host_of(row["source"])
    if not verified and not flags:
        yield Broken("flag", "an unverified row needs a flag saying why")
    if not verified and not row.get("note"):
        yield Broken("note", "an unverified row needs a note explaining the flag")
    if verified and flags:
        yield Broken("verified", "must be false when the row carries a flag")
    if verified and tier is not Tier.A:
        yield Broken("verified", f"a tier {tier} row cannot be verified (only tier A can)")
    if tier is not Tier.C and host is None:
        yield Broken("tier", "a source without a URL cannot be found again: it is tier C")
    if tier is not Tier.C and not row.get("source_title"):
        yield Broken("source_title", "a tier A or B source needs its publisher and title")
    if tier is not Tier.C and is_mirror(host):
        yield Broken("tier", f"{host} copies other publishers' text: tier C")
    if tier is Tier.A and not is_primary(host):
        yield Broken("tier", f"{host} is not a primary publisher: tier B or C")
    as_of = row.get("as_of")
    if as_of is not None and as_of > compiled_on:
        yield Broken("as_of", f"is after the compilation date {compiled_on}")
    yield from _status_rules(row, compiled_on)


def _status_rules(row: Mapping[str, Any], compiled_on: date) -> Iterator[Broken]:
    status = row.get("standing")
    dated = ("standing_as_of", "standing_text", "known_until", "term_end")
    if status is None:
        for name in dated:
            if row.get(name) is not None:
                yield Broken(name, "only a row with a standing may carry it")
        return
    if row.get("standing_as_of") is None:
        yield Broken("standing_as_of", "a standing needs the date it was last known")
    elif row["standing_as_of"] > compiled_on:
        yield Broken("standing_as_of", f"is after the compilation date {compiled_on}")
    if not row.get("standing_text"):
        yield Broken("standing_text", "a status needs a plain-words account of where it stands")
    if row["verified"]:
        yield Broken("verified", "a fact in litigation or with a term is never verified")
    if row.get("known_until") is None:
        yield Broken("known_until", "say the date after which the status is not known")
