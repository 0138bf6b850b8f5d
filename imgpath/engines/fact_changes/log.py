"""The versioned change log in the repository: one change set per recorded edit of the data.

A change set is recorded (``recorded_on``) when someone changes the facts data and runs the
recorder; it is published (``published_on``) once staff have written its plain-words summary.
The log is YAML so a reviewer can read and correct it in a pull request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from imgpath.engines.fact_changes.diff import ChangeKind, FactChange, FieldChange
from imgpath.engines.fact_changes.scope import Scope, scope_of


class ChangeLogError(ValueError):
    """The log cannot be read; the message names the change set and entry."""


@dataclass(frozen=True)
class LoggedChange:
    fact_id: str
    kind: ChangeKind
    title: str
    summary: str
    scope: Scope
    source: str | None = None
    source_title: str | None = None
    source_date: str | None = None
    why: str | None = None
    fields: tuple[FieldChange, ...] = ()

    @classmethod
    def from_diff(cls, change: FactChange) -> LoggedChange:
        return cls(
            fact_id=change.fact_id,
            kind=change.kind,
            title=change.title,
            summary=change.summary,
            scope=scope_of(change.row),
            source=change.source,
            source_title=change.source_title,
            source_date=change.source_date,
            fields=change.fields,
        )


@dataclass(frozen=True)
class ChangeSet:
    key: str
    recorded_on: date
    summary: str
    changes: tuple[LoggedChange, ...] = field(default=())
    published_on: date | None = None


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ChangeLogError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from exc


def _change(raw: Any, where: str) -> LoggedChange:
    if not isinstance(raw, dict) or not raw.get("fact_id"):
        raise ChangeLogError(f"{where}: needs a fact_id")
    try:
        kind = ChangeKind(str(raw.get("kind")))
    except ValueError as exc:
        raise ChangeLogError(f"{where}: kind must be added, changed or removed") from exc
    scope = Scope(
        phase=raw.get("phase"),
        countries=tuple(raw.get("countries") or ()),
        states=tuple(raw.get("states") or ()),
        visas=tuple(raw.get("visas") or ()),
    )
    fields = tuple(
        FieldChange(str(item["field"]), item.get("old"), item.get("new"))
        for item in raw.get("fields") or ()
    )
    source_date = raw.get("source_date")
    return LoggedChange(
        fact_id=str(raw["fact_id"]),
        kind=kind,
        title=str(raw.get("title") or raw["fact_id"]),
        summary=str(raw.get("summary") or ""),
        scope=scope,
        source=raw.get("source"),
        source_title=raw.get("source_title"),
        source_date=source_date.isoformat() if isinstance(source_date, date) else source_date,
        why=raw.get("why"),
        fields=fields,
    )


def read_log(path: Path) -> list[ChangeSet]:
    """The change sets of ``path``, oldest first; an absent file is an empty log."""
    if not path.exists():
        return []
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    sets: list[ChangeSet] = []
    seen: set[str] = set()
    for index, raw in enumerate(document.get("change_sets") or []):
        where = f"{path.name}: change set {index}"
        if not isinstance(raw, dict) or not raw.get("key"):
            raise ChangeLogError(f"{where}: needs a key")
        key = str(raw["key"])
        where = f"{path.name}: change set {key}"
        if key in seen:
            raise ChangeLogError(f"{where}: the key is used twice")
        seen.add(key)
        if not str(raw.get("summary") or "").strip():
            raise ChangeLogError(f"{where}: needs a summary")
        published = raw.get("published_on")
        changes = tuple(
            _change(item, f"{where}, change {number}")
            for number, item in enumerate(raw.get("changes") or [])
        )
        if not changes:
            raise ChangeLogError(f"{where}: has no changes")
        sets.append(
            ChangeSet(
                key=key,
                recorded_on=_date(raw.get("recorded_on"), f"{where}, recorded_on"),
                published_on=_date(published, f"{where}, published_on") if published else None,
                summary=" ".join(str(raw["summary"]).split()),
                changes=changes,
            )
        )
    return sets


def _change_dict(change: LoggedChange) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "fact_id": change.fact_id,
        "kind": change.kind.value,
        "title": change.title,
        "summary": change.summary,
        "phase": change.scope.phase,
        "countries": list(change.scope.countries),
        "states": list(change.scope.states),
        "visas": list(change.scope.visas),
        "source": change.source,
        "source_title": change.source_title,
        "source_date": change.source_date,
    }
    if change.why:
        raw["why"] = change.why
    if change.fields:
        raw["fields"] = [
            {"field": item.field, "old": item.old, "new": item.new} for item in change.fields
        ]
    return raw


def write_log(path: Path, sets: list[ChangeSet], *, header: str = "") -> None:
    document = {
        "change_sets": [
            {
                "key": item.key,
                "recorded_on": item.recorded_on.isoformat(),
                "published_on": item.published_on.isoformat() if item.published_on else None,
                "summary": item.summary,
                "changes": [_change_dict(change) for change in item.changes],
            }
            for item in sets
        ]
    }
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=96)
    path.write_text(header + text, encoding="utf-8")
