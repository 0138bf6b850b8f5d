"""Reading DOL and USCIS files as published: CSV or tab-separated, UTF-8 or UTF-16, any size.

The official files differ from the shipped copies: DOL's have CASE_STATUS and VISA_CLASS and
cover every occupation; USCIS's newer exports are UTF-16, tab-separated, with a "Line by
line" column and other column names. Rows are streamed, so a full-year file never sits in
memory; header names are compared case- and space-insensitively.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from imgpath.programs.services.csvfiles import ImportFileError

csv.field_size_limit(1024 * 1024)


class RowsRejected(Exception):
    """Bad rows: nothing was written. `rows` names each as (line, key, reason)."""

    def __init__(self, file_name: str, rows: list[tuple[int, str, str]]) -> None:
        super().__init__(f"{file_name}: {len(rows)} bad row(s); nothing was imported")
        self.rows = rows


@dataclass
class FederalReport:
    kind: str
    file_name: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped_rows: dict[str, int] = field(default_factory=dict)
    skipped_file: bool = False

    def skip(self, reason: str) -> None:
        self.skipped_rows[reason] = self.skipped_rows.get(reason, 0) + 1

    def summary(self) -> str:
        if self.skipped_file:
            return f"{self.kind}: {self.file_name} unchanged since its last import; skipped"
        text = (
            f"{self.kind}: {self.file_name}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )
        if self.removed:
            text += f", {self.removed} removed"
        for reason, count in sorted(self.skipped_rows.items()):
            text += f"; {count} row(s) left out ({reason})"
        return text


def header_key(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).lower()


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _encoding(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def read_rows(
    path: Path,
    required: dict[str, tuple[str, ...]],
    optional: dict[str, tuple[str, ...]] | None = None,
) -> Iterator[tuple[int, dict]]:
    """Yield (line, row) with the row keyed by the canonical names in `required` (and every
    other column by its header key). `required` maps a canonical name to its accepted
    headers; a missing one is an ImportFileError before any row is read."""
    try:
        with path.open("rb") as raw:
            head = raw.read(4096)
    except OSError as exc:
        raise ImportFileError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if head.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            path, "is an Excel workbook; save it as CSV (UTF-8 or UTF-16) and import that"
        )
    with path.open("r", encoding=_encoding(head), newline="") as stream:
        try:
            first = stream.readline()
        except UnicodeDecodeError as exc:
            raise ImportFileError(path, "is not UTF-8 or UTF-16 text") from exc
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        header = [header_key(h) for h in next(csv.reader([first], delimiter=delimiter), [])]
        names = _canonical(path, header, required, optional or {})
        reader = csv.reader(stream, delimiter=delimiter)
        try:
            for line, values in enumerate(reader, start=2):
                if not any(v.strip() for v in values):
                    continue
                yield line, {names[i]: v.strip() for i, v in enumerate(values) if i < len(names)}
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ImportFileError(path, f"is not valid CSV ({exc})") from exc


def read_header(path: Path) -> list[str]:
    """The file's header keys (for columns that may come under several names at once)."""
    with path.open("rb") as raw:
        head = raw.read(4096)
    with path.open("r", encoding=_encoding(head), newline="") as stream:
        first = stream.readline()
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    return [header_key(h) for h in next(csv.reader([first], delimiter=delimiter), [])]


def _canonical(path: Path, header: list[str], required: dict, optional: dict) -> list[str]:
    if not header or header == [""]:
        raise ImportFileError(path, "is empty (no header row)")
    names = list(header)
    missing = []
    for canonical, accepted in {**required, **optional}.items():
        found = [i for i, h in enumerate(header) if h in accepted]
        if found:
            names[found[0]] = canonical
        elif canonical in required:
            missing.append(accepted[0])
    if missing:
        raise ImportFileError(path, f"lacks the column(s) {', '.join(missing)}")
    return names


def employer_key(name: str) -> str:
    """How one employer's spellings in one file are grouped: case and spacing ignored."""
    return " ".join(name.upper().replace(",", " ").replace(".", " ").split())
