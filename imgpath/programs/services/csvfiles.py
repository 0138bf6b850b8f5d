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
    """One row is refused; the rest of the file still imports."""


@dataclass(frozen=True)
class CsvFile:
    path: Path
    sha256: str
    rows: tuple[tuple[int, dict[str, str]], ...]

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

    def reject(self, line: int, key: str, reason: str) -> None:
        self.rejected.append({"line": line, "key": key, "reason": reason})

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
        raise ImportFileError(path, "is not UTF-8 text") from exc
    if "\x00" in text:
        raise ImportFileError(path, "contains NUL characters; it is not a CSV text file")
    return CsvFile(path, hashlib.sha256(raw).hexdigest(), _rows(path, text, required))


def _rows(path: Path, text: str, required: tuple[str, ...]) -> tuple:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    if not header:
        raise ImportFileError(path, "is empty (no header row)")
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportFileError(path, f"lacks the column(s) {', '.join(missing)}")
    reader.fieldnames = header
    try:
        # Line numbers count the header as line 1, as a spreadsheet shows them.
        return tuple(
            (index, {k: (v or "").strip() for k, v in row.items() if k is not None})
            for index, row in enumerate(reader, start=2)
        )
    except csv.Error as exc:
        raise ImportFileError(path, f"is not valid CSV ({exc})") from exc


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
