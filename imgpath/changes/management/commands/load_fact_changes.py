"""Load the repository's change log into the database (idempotent, all or nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from imgpath.changes.services import load_change_log
from imgpath.engines.fact_changes import ChangeLogError


class Command(BaseCommand):
    help = "Load change sets from the change log; sets the log marks published are announced."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--log", type=Path, help="Change log file (default: the shipped one).")
        parser.add_argument(
            "--no-notify", action="store_true", help="Publish without notifying anyone."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_change_log(options["log"], notify=not options["no_notify"])
        except ChangeLogError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Change sets: {result.created} new, {result.updated} updated, "
            f"{result.published} published."
        )
