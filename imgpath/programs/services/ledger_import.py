"""Import ledger values from a CSV file, one source per row (staff's bulk entry)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from imgpath.core.errors import ServiceError
from imgpath.core.fragments import content_changed
from imgpath.programs.models import ImportKind, LedgerEntry, Program, SourceKind
from imgpath.programs.services.csvfiles import FileReport, RowError, RowsRejected, read_csv
from imgpath.programs.services.imports import import_run_record
from imgpath.programs.services.ledger import (
    EARLIEST_VERIFIED,
    check_url,
    policy_value_parse,
    programs_ledger_refresh,
)

LEDGER_COLUMNS = ("acgme_program_id", "field", "value", "source_url", "note", "verified_on")


def ledger_import(*, path: Path | str) -> FileReport:
    """Import the file in one transaction, all or nothing: any refused row (RowsRejected)
    writes nothing. A row equal to the current imported value for its program and field is
    unchanged, a different one supersedes it (updated)."""
    content_changed("programs")  # bulk writes send no signal: the public search must refresh
    csv_file = read_csv(path, LEDGER_COLUMNS)
    report = FileReport(ImportKind.LEDGER, csv_file.name)
    started = timezone.now()
    programs = {p.acgme_id: p for p in Program.objects.only("pk", "acgme_id")}
    with transaction.atomic():
        report.reject_bad_rows(csv_file)
        entries = _parse_all(csv_file.rows, programs, report)
        if report.rejected:
            raise RowsRejected([report])
        _write(entries, report)
        import_run_record(
            kind=ImportKind.LEDGER, csv_file=csv_file, report=report, started_at=started
        )
    return report


def _parse_all(rows, programs, report: FileReport) -> list[LedgerEntry]:
    entries: list[LedgerEntry] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        key = f"{row.get('acgme_program_id', '?')}/{row.get('field', '?')}"
        try:
            entry = _parse(row, programs)
        except (RowError, ServiceError, ValidationError) as exc:
            report.reject(line, key, _message(exc), field=_field(exc))
            continue
        if key in seen:
            report.reject(line, key, f"duplicate of line {seen[key]}", field="field")
            continue
        seen[key] = line
        entries.append(entry)
    return entries


def _field(exc: Exception) -> str:
    if isinstance(exc, RowError):
        return exc.field
    if isinstance(exc, ServiceError):
        return exc.field or ""  # the ledger services name the file's columns
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return ", ".join(exc.error_dict)
    return ""


def _message(exc: Exception) -> str:
    if isinstance(exc, ServiceError):
        return exc.message
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc)


def _parse(row: dict[str, str], programs: dict[str, Program]) -> LedgerEntry:
    program = programs.get(row.get("acgme_program_id", ""))
    if program is None:
        raise RowError("no program with this ACGME ID", field="acgme_program_id")
    value = policy_value_parse(field=row.get("field", ""), raw=row.get("value", ""))
    url, note = check_url(row.get("source_url", "")), row.get("note", "")
    if not url and not note:
        raise RowError("a source_url or a note is required", field="source_url")
    entry = LedgerEntry(
        program=program,
        field=row["field"],
        kind=value.kind,
        number_value=value.number,
        date_value=value.day,
        text_value=value.url,
        source_kind=SourceKind.IMPORTED,
        source_url=url,
        note=note,
        verified_on=_verified_on(row.get("verified_on", "")),
    )
    entry.full_clean(exclude=["program"], validate_constraints=False)
    return entry


def _verified_on(raw: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise RowError("verified_on is not a date (YYYY-MM-DD)", field="verified_on") from None
    if not (EARLIEST_VERIFIED <= day <= timezone.localdate()):
        raise RowError("verified_on must be a past date", field="verified_on")
    return day


def _write(entries: list[LedgerEntry], report: FileReport) -> None:
    current = {
        (e.program_id, e.field): e
        for e in LedgerEntry.objects.active().filter(
            source_kind=SourceKind.IMPORTED, program_id__in={e.program_id for e in entries}
        )
    }
    to_create, to_supersede = [], []
    for entry in entries:
        held = current.get((entry.program_id, entry.field))
        if held is not None and _same(held, entry):
            report.unchanged += 1
            continue
        to_create.append(entry)
        if held is not None:
            to_supersede.append(held.pk)
    LedgerEntry.objects.filter(pk__in=to_supersede).update(superseded_at=timezone.now())
    LedgerEntry.objects.bulk_create(to_create, batch_size=500)
    report.updated += len(to_supersede)
    report.created += len(to_create) - len(to_supersede)
    programs_ledger_refresh(program_ids={e.program_id for e in to_create})


def _same(a: LedgerEntry, b: LedgerEntry) -> bool:
    return a.same_value_as(b) and (a.source_url, a.note, a.verified_on) == (
        b.source_url,
        b.note,
        b.verified_on,
    )
