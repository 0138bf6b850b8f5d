"""Demo data: the change log shipped with the facts, so the demo shows its first rule changes."""

from __future__ import annotations

from imgpath.changes.services import load_change_log

# After the demo applicants and their profiles, so the published sets notify them.
ORDER = 50


def load_demo(*, stdout) -> None:
    result = load_change_log()
    stdout.write(
        f"Rule changes: {result.created} change set(s) loaded, {result.published} published."
    )
