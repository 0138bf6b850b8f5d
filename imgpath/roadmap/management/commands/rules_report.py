"""List regulatory facts not confirmed recently, oldest first, so staff re-check them."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from imgpath.roadmap.selectors import stale_facts


class Command(BaseCommand):
    help = "List facts whose source date (or last staff re-check) is older than N days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than", type=int, default=180, metavar="DAYS")
        parser.add_argument("--today", help="Report as of this date (YYYY-MM-DD); default today.")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["older_than"] < 0:
            raise CommandError("--older-than: must be 0 or more days")
        today = _today(options["today"])
        facts = stale_facts(older_than_days=options["older_than"], today=today)
        if options["format"] == "json":
            self.stdout.write(json.dumps([_as_dict(f) for f in facts], indent=2))
            return
        days = options["older_than"]
        self.stdout.write(f"{len(facts)} fact(s) not confirmed in the {days} days before {today}:")
        for fact in facts:
            row = fact.row
            flag = row.flag or "verified"
            self.stdout.write(
                f"{fact.effective_date}  tier {row.tier}  {flag:<10}  {row.id}  {row.title}"
                f"  <{row.source}>"
            )


def _today(value: str | None) -> date:
    if value is None:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today: {value!r} is not a date (YYYY-MM-DD)") from exc


def _as_dict(fact) -> dict[str, Any]:
    row = fact.row
    return {
        "id": row.id,
        "title": row.title,
        "source": row.source,
        "as_of": row.as_of.isoformat(),
        "rechecked_on": fact.rechecked_on.isoformat() if fact.rechecked_on else None,
        "tier": row.tier,
        "verified": row.verified,
        "flag": row.flag,
        "file": row.file,
    }
