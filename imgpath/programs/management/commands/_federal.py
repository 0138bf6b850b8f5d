"""Shared output of the federal-data commands: a summary, or every bad row and exit 1."""

from __future__ import annotations

from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError

from imgpath.programs.services.csvfiles import ImportFileError
from imgpath.programs.services.federal_files import FederalReport, RowsRejected


def run_import(command: BaseCommand, action: Callable[[], FederalReport | list]) -> None:
    try:
        reports = action()
    except ImportFileError as exc:
        raise CommandError(f"Nothing was imported: {exc}") from exc
    except RowsRejected as exc:
        for line, key, reason in exc.rows:
            command.stderr.write(f"  bad line {line} ({key}): {reason}")
        raise CommandError(f"Nothing was imported: {exc}") from exc
    for report in reports if isinstance(reports, list) else [reports]:
        command.stdout.write(report.summary())
