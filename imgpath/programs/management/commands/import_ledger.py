"""Import program policy ledger values from a CSV file with a source on every row."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from imgpath.programs.management.commands.import_programs import raise_rejected, write_report
from imgpath.programs.services.csvfiles import ImportFileError, RowsRejected
from imgpath.programs.services.ledger_import import LEDGER_COLUMNS, ledger_import


class Command(BaseCommand):
    help = (
        "Import ledger values. Columns: " + ", ".join(LEDGER_COLUMNS) + ". "
        "Each row needs a source_url or a note; values are yes, no, unknown, a number, "
        "a date (YYYY-MM-DD) or a web address, as the field allows."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: object, **options) -> None:
        try:
            report = ledger_import(path=options["file"])
        except ImportFileError as exc:
            raise CommandError(f"Nothing was imported: {exc}") from exc
        except RowsRejected as exc:
            raise_rejected(self, exc)
        write_report(self, report)
