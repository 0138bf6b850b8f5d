"""Import the shipped (or given) directory files, one transaction per file, then relink."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from imgpath.programs.caching import directory_changed
from imgpath.programs.models import ImportKind, ImportRun, NrmpProgram, NrmpResult, Program
from imgpath.programs.services import directory_import as di
from imgpath.programs.services.csvfiles import CsvFile, FileReport, RowsRejected, read_csv
from imgpath.programs.services.linking import LinkReport, links_refresh

DATA_DIR = Path(settings.BASE_DIR) / "imgpath" / "data" / "programs"
MAX_REPORTED_REJECTIONS = 1000


@dataclass(frozen=True)
class DirectoryFiles:
    acgme: Path = DATA_DIR / "acgme-programs-2025" / "acgme_programs_2025.csv"
    nrmp: Path = DATA_DIR / "nrmp-programs-2024" / "nrmp_programs_2024.csv"
    results: Path = (
        DATA_DIR / "nrmp-results-florida-2020-2026" / "nrmp_program_results_fl_2020_2026.csv"
    )


@dataclass(frozen=True)
class DirectoryImport:
    files: tuple[FileReport, ...]
    links: LinkReport | None


_PLAN: tuple[tuple[str, str, tuple[str, ...], Callable[[CsvFile, FileReport], None]], ...] = (
    (ImportKind.ACGME, "acgme", di.ACGME_COLUMNS, di.import_acgme),
    (ImportKind.NRMP, "nrmp", di.NRMP_COLUMNS, di.import_nrmp),
    (ImportKind.RESULTS, "results", di.RESULTS_COLUMNS, di.import_results),
)


def directory_import(
    *, files: DirectoryFiles | None = None, force: bool = False
) -> DirectoryImport:
    """Import the three directory files and relink NRMP codes to ACGME programs.

    All or nothing: every file is read and its columns checked before anything is written
    (ImportFileError), and if any row of any file is refused the whole import is rolled back
    (RowsRejected, naming every bad row by file, line and field). A file whose checksum
    equals the one recorded at its last import is skipped unless `force` is given.
    """
    files = files or DirectoryFiles()
    loaded = [
        (kind, read_csv(getattr(files, attr), columns), importer)
        for kind, attr, columns, importer in _PLAN
    ]
    links = None
    with transaction.atomic():
        reports = tuple(
            _import_one(kind, csv_file, importer, force) for kind, csv_file, importer in loaded
        )
        if any(report.rejected for report in reports):
            raise RowsRejected(list(reports))
        if any(not report.skipped for report in reports):
            links = links_refresh()
            transaction.on_commit(directory_changed)
    if links is not None:
        _analyze()
    return DirectoryImport(reports, links)


def _analyze() -> None:
    """Fresh planner statistics after a bulk load, so searches use the indexes from the start."""
    tables = [model._meta.db_table for model in (Program, NrmpProgram, NrmpResult)]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _import_one(kind: str, csv_file: CsvFile, importer, force: bool) -> FileReport:
    report = FileReport(kind, csv_file.name)
    if not force and last_checksum(kind) == csv_file.sha256:
        report.skipped = True
        return report
    started = timezone.now()
    with transaction.atomic():
        importer(csv_file, report)
        import_run_record(kind=kind, csv_file=csv_file, report=report, started_at=started)
    return report


def last_checksum(kind: str) -> str | None:
    return (
        ImportRun.objects.filter(kind=kind)
        .order_by("-finished_at")
        .values_list("sha256", flat=True)
        .first()
    )


def import_run_record(*, kind: str, csv_file: CsvFile, report: FileReport, started_at) -> ImportRun:
    return ImportRun.objects.create(
        kind=kind,
        file_name=csv_file.name,
        sha256=csv_file.sha256,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        rejected=len(report.rejected),
        report={"rejected": report.rejected[:MAX_REPORTED_REJECTIONS], "notes": report.notes},
        started_at=started_at,
        finished_at=timezone.now(),
    )
