"""The history of the facts data: snapshots, what changed between two, and whom it concerns.

Pure Python (no Django): the facts app records change sets in the repository with it, and the
changes app loads them into the database and decides whom to notify.
"""

from imgpath.engines.fact_changes.diff import FactChange, FieldChange, diff_snapshots
from imgpath.engines.fact_changes.log import ChangeLogError, ChangeSet, read_log, write_log
from imgpath.engines.fact_changes.scope import PHASE_OF_TOPIC, Scope, is_affected, scope_of
from imgpath.engines.fact_changes.snapshot import read_snapshot, snapshot_of, write_snapshot

__all__ = [
    "PHASE_OF_TOPIC",
    "ChangeLogError",
    "ChangeSet",
    "FactChange",
    "FieldChange",
    "Scope",
    "diff_snapshots",
    "is_affected",
    "read_log",
    "read_snapshot",
    "scope_of",
    "snapshot_of",
    "write_log",
    "write_snapshot",
]
