"""What changed between two snapshots, field by field, with the source of the new value."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from imgpath.engines.fact_changes.snapshot import Row, Snapshot

# Bookkeeping that is not part of the fact itself.
IGNORED_FIELDS = {"file", "topic"}


class ChangeKind(StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"


@dataclass(frozen=True)
class FieldChange:
    """One field's old and new value; a nested value is named by its path ("values.amount")."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class FactChange:
    fact_id: str
    kind: ChangeKind
    title: str
    topic: str | None
    fields: tuple[FieldChange, ...]
    # The source of the new value (of the old one for a removed fact).
    source: str | None
    source_title: str | None
    source_date: str | None
    summary: str
    row: Row

    @property
    def changed_fields(self) -> tuple[str, ...]:
        return tuple(change.field for change in self.fields)


def _flatten(row: Row, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if not prefix and key in IGNORED_FIELDS:
            continue
        name = f"{prefix}{key}"
        if isinstance(value, dict) and key == "values":
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _field_changes(old: Row, new: Row) -> tuple[FieldChange, ...]:
    before, after = _flatten(old), _flatten(new)
    return tuple(
        FieldChange(name, before.get(name), after.get(name))
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    )


def _change(
    fact_id: str, kind: ChangeKind, row: Row, fields: tuple[FieldChange, ...]
) -> FactChange:
    return FactChange(
        fact_id=fact_id,
        kind=kind,
        title=str(row.get("title") or row.get("name") or fact_id),
        topic=row.get("topic"),
        fields=fields,
        source=row.get("source"),
        source_title=row.get("source_title"),
        source_date=row.get("as_of"),
        summary=" ".join(str(row.get("summary") or "").split()),
        row=row,
    )


def diff_snapshots(old: Snapshot, new: Snapshot) -> list[FactChange]:
    """Every fact added, removed or edited from ``old`` to ``new``, in id order."""
    changes: list[FactChange] = []
    for fact_id in sorted(old.keys() | new.keys()):
        before, after = old.get(fact_id), new.get(fact_id)
        if before is None and after is not None:
            changes.append(_change(fact_id, ChangeKind.ADDED, after, ()))
        elif after is None and before is not None:
            changes.append(_change(fact_id, ChangeKind.REMOVED, before, ()))
        elif before is not None and after is not None:
            fields = _field_changes(before, after)
            if fields:
                changes.append(_change(fact_id, ChangeKind.CHANGED, after, fields))
    return changes
