"""Report the facts staff should re-check: by age, tier and open warnings, oldest first.

Undated facts come first (their age is unknown), then the oldest; the summary counts every
fact by tier and by open warning, so a reviewer sees the whole data set's trust at once.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from imgpath.roadmap.selectors import ReviewedFact, facts_oldest_first, stale_facts


class Command(BaseCommand):
    help = (
        "List facts whose source date (or last staff re-check) is older than N days or unknown, "
        "with their age, tier, open warnings and standing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than", type=int, default=180, metavar="DAYS")
        parser.add_argument("--tier", choices=["A", "B", "C"], help="Only facts of this tier.")
        parser.add_argument(
            "--flagged", action="store_true", help="Only facts with an open warning."
        )
        parser.add_argument("--today", help="Report as of this date (YYYY-MM-DD); default today.")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["older_than"] < 0:
            raise CommandError("--older-than: must be 0 or more days")
        today = _today(options["today"])
        facts = stale_facts(older_than_days=options["older_than"], today=today)
        if options["tier"]:
            facts = [fact for fact in facts if fact.row.tier == options["tier"]]
        if options["flagged"]:
            facts = [fact for fact in facts if fact.row.flags]
        if options["format"] == "json":
            rows = [_as_dict(fact, today) for fact in facts]
            self.stdout.write(json.dumps(rows, indent=2))
            return
        self.stdout.write(_summary(facts_oldest_first()))
        days = options["older_than"]
        self.stdout.write(
            f"{len(facts)} fact(s) undated or not confirmed in the {days} days before {today}:"
        )
        self.stdout.write(f"{'age':>10}  {'date':<10}  tier  {'warnings':<24}  id  title  <source>")
        for fact in facts:
            self.stdout.write(_line(fact, today))


def _summary(facts: list[ReviewedFact]) -> str:
    tiers = Counter(fact.row.tier for fact in facts)
    flags = Counter(flag for fact in facts for flag in fact.row.flags)
    undated = sum(1 for fact in facts if fact.effective_date is None)
    standing = sum(1 for fact in facts if fact.row.standing)
    by_tier = ", ".join(f"tier {tier} {tiers[tier]}" for tier in sorted(tiers))
    by_flag = ", ".join(f"{flag} {count}" for flag, count in sorted(flags.items())) or "none"
    return (
        f"{len(facts)} facts: {by_tier}; {undated} undated; {standing} with a dated standing.\n"
        f"Open warnings: {by_flag}.\n"
    )


def _line(fact: ReviewedFact, today: date) -> str:
    row = fact.row
    age = fact.age_days(today)
    age_text = f"{age} days" if age is not None else "unknown"
    when = fact.effective_date.isoformat() if fact.effective_date else "undated"
    warnings = ",".join(row.flags) or "verified"
    standing = f"  [standing: {row.standing} as of {row.standing_as_of}]" if row.standing else ""
    return (
        f"{age_text:>10}  {when:<10}  {row.tier:<4}  {warnings:<24}  {row.id}  {row.title}"
        f"  <{row.source}>{standing}"
    )


def _today(value: str | None) -> date:
    if value is None:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today: {value!r} is not a date (YYYY-MM-DD)") from exc


def _as_dict(fact: ReviewedFact, today: date) -> dict[str, Any]:
    row = fact.row
    return {
        "id": row.id,
        "title": row.title,
        "source": row.source,
        "as_of": row.as_of.isoformat() if row.as_of else None,
        "rechecked_on": fact.rechecked_on.isoformat() if fact.rechecked_on else None,
        "age_days": fact.age_days(today),
        "tier": row.tier,
        "verified": row.verified,
        "flag": row.flag,
        "flags": list(row.flags),
        "standing": row.standing,
        "standing_as_of": row.standing_as_of.isoformat() if row.standing_as_of else None,
        "known_until": row.known_until.isoformat() if row.known_until else None,
        "file": row.file,
    }
