"""Background work of rule changes: finding who a published set concerns can take a while."""

from __future__ import annotations

from django_tasks import task


@task()
def notify_affected_task(change_set_id: int) -> int:
    """Run in a worker when one is configured (inline otherwise): one roadmap per applicant."""
    from imgpath.changes.services import notify_affected

    return notify_affected(change_set_id)
