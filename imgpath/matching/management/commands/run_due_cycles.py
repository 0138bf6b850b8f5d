"""Run every match cycle whose rank-list deadline has passed. Safe to run often (cron).

Idempotent: a cycle runs once, under its row lock, so two overlapping runs of this command
(or a creator pressing "Run" at the same moment) never run a cycle twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from imgpath.core.errors import ConflictError
from imgpath.matching.models import MatchCycle
from imgpath.matching.services import cycle_run
from imgpath.matching.services.common import now


class Command(BaseCommand):
    help = "Run the Match for every open cycle whose rank-list deadline has passed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List the due cycles without running them."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        due = list(MatchCycle.objects.due(now()).order_by("rank_deadline", "pk"))
        if not due:
            self.stdout.write("No match cycle is due.")
            return
        for cycle in due:
            if options["dry_run"]:
                self.stdout.write(f"Due: {cycle.pk} {cycle.title}")
                continue
            self._run(cycle)

    def _run(self, cycle: MatchCycle) -> None:
        try:
            cycle = cycle_run(cycle=cycle, run_by=None)
        except ConflictError as exc:
            # Another process ran (or cancelled) it since we listed it.
            self.stdout.write(f"Skipped {cycle.pk} {cycle.title}: {exc.message}")
            return
        stats = cycle.stats
        self.stdout.write(
            self.style.SUCCESS(
                f"Ran {cycle.pk} {cycle.title}: {stats['matched']} of {stats['applicants']} "
                "applicants matched."
            )
        )
