"""Import the residency program directory (ACGME list, NRMP codes, NRMP results)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from imgpath.programs.services.csvfiles import FileReport, ImportFileError, RowsRejected
from imgpath.programs.services.imports import DirectoryFiles, directory_import


class Command(BaseCommand):
    help = (
        "Import the program directory from the files shipped in imgpath/data/programs "
        "(or the given files). Idempotent; files unchanged since their last import are skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = DirectoryFiles()
        parser.add_argument("--acgme", type=Path, default=defaults.acgme, help="ACGME program CSV")
        parser.add_argument(
            "--nrmp", type=Path, default=defaults.nrmp, help="NRMP program codes CSV"
        )
        parser.add_argument(
            "--results", type=Path, default=defaults.results, help="NRMP results CSV"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Re-read files even when their checksum is unchanged.",
        )

    def handle(self, *args: object, **options) -> None:
        files = DirectoryFiles(options["acgme"], options["nrmp"], options["results"])
        try:
            outcome = directory_import(files=files, force=options["force"])
        except ImportFileError as exc:
            raise CommandError(f"Nothing was imported: {exc}") from exc
        except RowsRejected as exc:
            raise_rejected(self, exc)
        for report in outcome.files:
            write_report(self, report)
        for line in outcome.links.lines() if outcome.links else []:
            self.stdout.write(line)


def raise_rejected(command: BaseCommand, exc: RowsRejected) -> None:
    """Name every refused row on stderr, then fail: the files are all or nothing."""
    for line in exc.lines():
        command.stderr.write(f"rejected: {line}")
    raise CommandError(f"Nothing was imported: {exc}. Fix these rows and run the import again.")


def write_report(command: BaseCommand, report: FileReport) -> None:
    command.stdout.write(report.summary())
    for note in report.notes:
        command.stdout.write(f"  note: {note}")
    for rejected in report.rejected:
        command.stdout.write(
            f"  rejected line {rejected['line']} ({rejected['key']}): {rejected['reason']}"
        )
