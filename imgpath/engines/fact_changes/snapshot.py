"""A snapshot is every fact row of the data folder as plain JSON, keyed by id.

Rows are kept as written (every field, nested values included) so that any edit shows up
in a diff; dates become ISO strings so a snapshot is stable JSON in the repository.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import yaml

Row = dict[str, Any]
Snapshot = dict[str, Row]
# Files that hold facts (not the specialty vocabulary).
FACT_KINDS = {"facts", "states", "calendar", "alternative_pathways"}


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def snapshot_of(facts_dir: Path) -> Snapshot:
    """Every fact row of ``facts_dir``, with the file and topic it came from."""
    rows: Snapshot = {}
    for path in sorted(facts_dir.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(document, dict) or document.get("kind") not in FACT_KINDS:
            continue
        for row in document.get("rows") or []:
            plain = _plain(row)
            plain["file"] = path.name
            plain["topic"] = document.get("topic")
            rows[str(plain["id"])] = plain
    return dict(sorted(rows.items()))


def read_snapshot(path: Path) -> Snapshot:
    snapshot: Snapshot = json.loads(path.read_text(encoding="utf-8"))
    return snapshot


def write_snapshot(path: Path, snapshot: Snapshot) -> None:
    text = json.dumps(snapshot, indent=1, sort_keys=True, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
