"""Record an edit of the facts data in the repository's change log (or check that none is due)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from imgpath.changes.services import HISTORY_DIR
from imgpath.engines.fact_changes import ChangeLogError
from imgpath.engines.fact_changes.recorder import record, unrecorded
from imgpath.engines.rules.codes import DEFAULT_FACTS_DIR


class Command(BaseCommand):
    help = (
        "Compare the facts data with the last recorded snapshot and append the differences to "
        "the change log as a new change set (a draft until staff publish it)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--key", help="Change set key, e.g. 2027-01-pathways (a slug).")
        parser.add_argument("--summary", help="What changed and why, in plain words.")
        parser.add_argument(
            "--check", action="store_true", help="Only report unrecorded edits; exit 1 if any."
        )
        parser.add_argument("--facts-dir", type=Path, default=DEFAULT_FACTS_DIR)
        parser.add_argument("--history-dir", type=Path, default=HISTORY_DIR)

    def handle(self, *args: Any, **options: Any) -> None:
        facts_dir, history_dir = options["facts_dir"], options["history_dir"]
        if options["check"]:
            pending = unrecorded(facts_dir, history_dir)
            if pending:
                names = ", ".join(f"{c.fact_id} ({c.kind.value})" for c in pending)
                raise CommandError(f"{len(pending)} unrecorded change(s): {names}")
            self.stdout.write("The change log records every edit of the facts data.")
            return
        if not options["key"] or not options["summary"]:
            raise CommandError("--key and --summary are both required to record a change set")
        try:
            change_set = record(
                facts_dir,
                history_dir,
                today=timezone.localdate(),
                key=options["key"],
                summary=options["summary"],
            )
        except ChangeLogError as exc:
            raise CommandError(str(exc)) from exc
        if change_set is None:
            self.stdout.write("Nothing to record: the facts data matches the last snapshot.")
            return
        self.stdout.write(
            f"Recorded {change_set.key}: {len(change_set.changes)} fact change(s). Review its "
            "scope and reasons in the change log, then publish it from /staff/rules/changes/."
        )
