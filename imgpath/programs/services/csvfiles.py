"""Reading the CSV files the directory is imported from, and the shapes of an import report."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 50 * 1024 * 1024


class ImportFileError(Exception):
    """The file cannot be imported at all (unreadable, not CSV, columns missing)."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{Path(path).name}: {message}")
        self.message = message


class RowError(Exception):
    """One row is refused, naming the field at fault; the file then imports nothing."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class RowsRejected(Exception):
    """Some rows were refused, so nothing was written; each report names every bad row."""

    def __init__(self, reports: list[FileReport]) -> None:
        self.reports = [report for report in reports if report.rejected]
        count = sum(len(report.rejected) for report in self.reports)
        names = ", ".join(report.file_name for report in self.reports)
        super().__init__(f"{count} row(s) rejected in {names}")

    def lines(self) -> list[str]:
        return [
            f"{report.file_name} line {row['line']}, field {row['field'] or '?'} "
            f"({row['key']}): {row['reason']}"
            for report in self.reports
            for row in report.rejected
        ]


@dataclass(frozen=True)
class CsvFile:
    path: Path
    sha256: str
    rows: tuple[tuple[int, dict[str, str]], ...]
    # (line, field, reason) of rows with more or fewer values than the header has columns.
    bad_rows: tuple[tuple[int, str, str], ...] = ()

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class FileReport:
    """What one file did to the database; `rejected` names each refused line with its reason."""

    kind: str
    file_name: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[dict[str, object]] = field(default_factory=list)
    skipped: bool = False
    notes: list[str] = field(default_factory=list)

    def reject(self, line: int, key: str, reason: str, *, field: str = "") -> None:
        self.rejected.append({"line": line, "field": field, "key": key, "reason": reason})

    def reject_bad_rows(self, csv_file: CsvFile) -> None:
        for line, column, reason in csv_file.bad_rows:
            self.reject(line, "?", reason, field=column)

    def summary(self) -> str:
        if self.skipped:
            return f"{self.kind}: {self.file_name} unchanged since its last import; skipped"
        return (
            f"{self.kind}: {self.file_name}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.rejected)} rejected"
        )


def read_csv(path: Path | str, required: tuple[str, ...]) -> CsvFile:
    """Read a whole UTF-8 CSV file, or raise ImportFileError saying why it cannot be used."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if len(raw) > MAX_FILE_BYTES:
        raise ImportFileError(path, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start : exc.start + 1].hex().upper()
        raise ImportFileError(
            path, f"is not UTF-8 text (byte 0x{byte} on line {line}); save it as UTF-8"
        ) from None
    if "\x00" in text:
        raise ImportFileError(path, "contains NUL characters; it is not a CSV text file")
    rows, bad_rows = _rows(path, text, required)
    return CsvFile(path, hashlib.sha256(raw).hexdigest(), rows, bad_rows)


def _rows(path: Path, text: str, required: tuple[str, ...]) -> tuple[tuple, tuple]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    if not header:
        raise ImportFileError(path, "is empty (no header row)")
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportFileError(path, f"lacks the column(s) {', '.join(missing)}")
    reader.fieldnames = header
    rows, bad_rows = [], []
    try:
        # Line numbers count the header as line 1, as a text editor shows them.
        for row in reader:
            line = reader.line_num
            if None in row:
                extra = len(row[None])
                bad_rows.append((line, "", f"has {extra} value(s) more than the header"))
            elif any(value is None for value in row.values()):
                missing = [name for name, value in row.items() if value is None]
                bad_rows.append((line, missing[0], f"is short: no value for {', '.join(missing)}"))
            else:
                rows.append((line, {k: v.strip() for k, v in row.items()}))
    except csv.Error as exc:
        raise ImportFileError(path, f"is not valid CSV ({exc})") from exc
    return tuple(rows), tuple(bad_rows)
