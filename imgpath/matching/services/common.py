"""What every matching service shares: locking a cycle, who may act, and the emails."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.core.errors import ConflictError
from imgpath.core.notify import email_after_commit
from imgpath.matching.models import MatchCycle, MatchProgram

EMAIL_TEMPLATE = "matching/email/cycle_notice.txt"


def now() -> datetime:
    return timezone.now()


def lock_cycle(pk: int) -> MatchCycle:
    """The cycle row, locked: every rank-list change and the run queue behind this lock."""
    return MatchCycle.objects.select_for_update().get(pk=pk)


def lock_open_cycle(pk: int) -> MatchCycle:
    """Lock the cycle and refuse with 409 once its rank lists are closed."""
    cycle = lock_cycle(pk)
    if cycle.is_locked(now()):
        raise ConflictError(cycle.lock_message)
    return cycle


def is_cycle_manager(user: User | AnonymousUser, cycle: MatchCycle) -> bool:
    """Staff, or the person who created the cycle."""
    if not user.is_authenticated:
        return False
    return bool(user.is_staff or (cycle.created_by_id and cycle.created_by_id == user.pk))


def ensure_cycle_manager(user: User | AnonymousUser, cycle: MatchCycle) -> None:
    if not is_cycle_manager(user, cycle):
        raise PermissionDenied("Only the cycle's creator or IMGPath staff can do that.")


def ensure_program_manager(user: User | AnonymousUser, program: MatchProgram) -> None:
    if not program.managed_by(user):
        raise PermissionDenied("Only the person who ranks for this program can do that.")


def cycle_link(cycle: MatchCycle) -> str:
    return settings.SITE_URL + reverse("match_cycle", args=[cycle.pk])


def notify_each(
    *, people: Iterable[Any], cycle: MatchCycle, subject: str, lines: list[str]
) -> None:
    """One email per person (never a shared To: line), each sent after commit."""
    seen: set[str] = set()
    for person in people:
        email = getattr(person, "email", "")
        if not email or email in seen or not person.is_active:
            continue
        seen.add(email)
        email_after_commit(
            recipients=[email],
            subject=subject,
            template=EMAIL_TEMPLATE,
            context={"name": person.name, "lines": lines, "link": cycle_link(cycle)},
        )
