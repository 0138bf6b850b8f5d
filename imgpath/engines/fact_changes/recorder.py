"""Record an edit of the facts data as a new change set, and check that none is unrecorded.

The history folder holds ``snapshot.json`` (the data as of the last recorded change set) and
``changes.yaml`` (every change set). Recording diffs the data against the snapshot, appends
the change set and moves the snapshot forward, so the log and the data cannot drift apart.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from imgpath.engines.fact_changes.diff import FactChange, diff_snapshots
from imgpath.engines.fact_changes.log import (
    ChangeLogError,
    ChangeSet,
    LoggedChange,
    read_log,
    write_log,
)
from imgpath.engines.fact_changes.snapshot import read_snapshot, snapshot_of, write_snapshot

SNAPSHOT = "snapshot.json"
LOG = "changes.yaml"
LOG_HEADER = (
    "# Every recorded change to the facts data, oldest first. Written by\n"
    "# `manage.py record_fact_changes`; edit a set's summary, scope or `why` before publishing.\n"
)


def unrecorded(facts_dir: Path, history_dir: Path) -> list[FactChange]:
    """Edits of the data that no change set records yet (empty when the log is up to date)."""
    return diff_snapshots(read_snapshot(history_dir / SNAPSHOT), snapshot_of(facts_dir))


def record(
    facts_dir: Path, history_dir: Path, *, today: date, key: str, summary: str
) -> ChangeSet | None:
    """Append the unrecorded edits as change set ``key``; None when there is nothing to record."""
    changes = unrecorded(facts_dir, history_dir)
    if not changes:
        return None
    sets = read_log(history_dir / LOG)
    if any(item.key == key for item in sets):
        raise ChangeLogError(f"{LOG}: change set {key} already exists; choose another key")
    change_set = ChangeSet(
        key=key,
        recorded_on=today,
        summary=" ".join(summary.split()),
        changes=tuple(LoggedChange.from_diff(change) for change in changes),
    )
    write_log(history_dir / LOG, [*sets, change_set], header=LOG_HEADER)
    write_snapshot(history_dir / SNAPSHOT, snapshot_of(facts_dir))
    return change_set


def publish(history_dir: Path, key: str, *, on: date, summary: str | None = None) -> ChangeSet:
    """Mark change set ``key`` published in the repository log (optionally with a new summary)."""
    sets = read_log(history_dir / LOG)
    for index, item in enumerate(sets):
        if item.key == key:
            sets[index] = replace(item, published_on=on, summary=summary or item.summary)
            write_log(history_dir / LOG, sets, header=LOG_HEADER)
            return sets[index]
    raise ChangeLogError(f"{LOG}: no change set {key}")
