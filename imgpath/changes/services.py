"""Load the repository's change log, publish change sets, tell the people they concern.

Publishing commits first; the notices and the batched emails follow after commit, so nobody
hears of a change that was rolled back.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.changes.models import (
    ChangeEmailPreference,
    ChangeNotice,
    ChangeSet,
    EmailState,
    FactChange,
)
from imgpath.changes.tasks import notify_affected_task
from imgpath.core.errors import ServiceError
from imgpath.core.notify import email_after_commit
from imgpath.engines.fact_changes import Scope, read_log
from imgpath.engines.fact_changes.log import ChangeSet as LoggedSet
from imgpath.engines.fact_changes.recorder import LOG
from imgpath.engines.fact_changes.scope import touched
from imgpath.engines.rules import evaluate, load_default_facts, roadmap_to_dict
from imgpath.engines.rules.codes import DEFAULT_FACTS_DIR
from imgpath.profiles.selectors import applicants_with_profiles, visas_of

HISTORY_DIR = DEFAULT_FACTS_DIR / "history"


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    published: int


def load_change_log(path: Path | None = None, *, notify: bool = True) -> LoadResult:
    """Bring the database in line with the log, all or nothing; a second run changes nothing.

    A published set is never rewritten: people were told what it said. A draft follows the
    log; a set the log marks published is published (and announced) on load."""
    logged_sets = read_log(path or HISTORY_DIR / LOG)
    created = updated = published = 0
    with transaction.atomic():
        for logged in logged_sets:
            change_set, is_new = ChangeSet.objects.get_or_create(
                key=logged.key,
                defaults={"recorded_on": logged.recorded_on, "summary": logged.summary},
            )
            if change_set.is_published:
                continue
            if is_new:
                created += 1
            elif _differs(change_set, logged):
                updated += 1
                change_set.summary = logged.summary
                change_set.recorded_on = logged.recorded_on
                change_set.save(update_fields=["summary", "recorded_on"])
                change_set.changes.all().delete()
            else:
                continue
            FactChange.objects.bulk_create(_fact_changes(change_set, logged))
            if logged.published_on:
                at = datetime.combine(logged.published_on, time.min, tzinfo=UTC)
                publish(change_set, summary=logged.summary, by=None, at=at, notify=notify)
                published += 1
    return LoadResult(created, updated, published)


def _differs(change_set: ChangeSet, logged: LoggedSet) -> bool:
    stored = {(c.fact_id, c.why, c.summary) for c in change_set.changes.all()}
    wanted = {(c.fact_id, c.why or "", c.summary) for c in logged.changes}
    return stored != wanted or change_set.summary != logged.summary


def _fact_changes(change_set: ChangeSet, logged: LoggedSet) -> list[FactChange]:
    return [
        FactChange(
            change_set=change_set,
            fact_id=change.fact_id,
            kind=change.kind.value,
            title=change.title[:300],
            summary=change.summary,
            why=change.why or "",
            phase=change.scope.phase or "",
            countries=list(change.scope.countries),
            states=list(change.scope.states),
            visas=list(change.scope.visas),
            source=change.source or "",
            source_title=(change.source_title or "")[:300],
            source_date=change.source_date or None,
            fields=[{"field": f.field, "old": f.old, "new": f.new} for f in change.fields],
        )
        for change in logged.changes
    ]


def publish(
    change_set: ChangeSet,
    *,
    summary: str,
    by: User | None,
    at: datetime | None = None,
    notify: bool = True,
) -> ChangeSet:
    """Make ``change_set`` public with its plain-words summary; notify after commit."""
    summary = " ".join(summary.split())
    if not summary:
        raise ServiceError("Write a short summary of what changed and why.", field="summary")
    with transaction.atomic():
        locked = ChangeSet.objects.select_for_update().get(pk=change_set.pk)
        if locked.is_published:
            raise ServiceError("This change set is already published.")
        if not locked.changes.exists():
            raise ServiceError("This change set has no changes to publish.")
        locked.summary = summary
        locked.published_at = at or timezone.now()
        locked.published_by = by
        locked.save(update_fields=["summary", "published_at", "published_by"])
        if notify:
            pk = locked.pk
            transaction.on_commit(lambda: notify_affected_task.enqueue(pk))
    return locked


def notify_affected(change_set_id: int) -> int:
    """Give each applicant whose roadmap the set touches one notice; then send the digests."""
    change_set = ChangeSet.objects.get(pk=change_set_id)
    changes = [
        (
            change.fact_id,
            Scope(
                change.phase or None,
                tuple(change.countries),
                tuple(change.states),
                tuple(change.visas),
            ),
        )
        for change in change_set.changes.all()
    ]
    facts = load_default_facts()
    today = timezone.localdate()
    notices = []
    for user, profile in applicants_with_profiles():
        roadmap = roadmap_to_dict(evaluate(profile, facts, today))
        touch = touched(
            changes,
            roadmap,
            citizenships=profile.citizenships,
            states=profile.targets.states,
            visas=visas_of(profile),
        )
        if touch.fact_ids:
            notices.append(
                ChangeNotice(
                    user=user,
                    change_set=change_set,
                    fact_ids=list(touch.fact_ids),
                    step_ids=list(touch.step_ids),
                )
            )
    ChangeNotice.objects.bulk_create(notices, ignore_conflicts=True)
    send_digests()
    return len(notices)


def send_digests() -> int:
    """One email per person for all their notices not yet emailed; opted-out people get none."""
    pending = ChangeNotice.objects.filter(email_state=EmailState.PENDING).select_related(
        "user", "change_set"
    )
    by_user: dict[int, list[ChangeNotice]] = defaultdict(list)
    for notice in pending:
        by_user[notice.user_id].append(notice)
    opted_out = set(
        ChangeEmailPreference.objects.filter(
            user_id__in=by_user, email_rule_changes=False
        ).values_list("user_id", flat=True)
    )
    sent = 0
    now = timezone.now()
    with transaction.atomic():
        for user_id, notices in by_user.items():
            ids = [notice.pk for notice in notices]
            if user_id in opted_out:
                ChangeNotice.objects.filter(pk__in=ids).update(email_state=EmailState.SKIPPED)
                continue
            user = notices[0].user
            email_after_commit(
                recipients=[user.email],
                subject="Rules that affect your roadmap have changed",
                template="changes/email/digest.txt",
                context={
                    "user": user,
                    "notices": notices,
                    "site_url": settings.SITE_URL,
                    "mine_path": reverse("changes:mine"),
                },
            )
            ChangeNotice.objects.filter(pk__in=ids).update(
                email_state=EmailState.SENT, emailed_at=now
            )
            sent += 1
    return sent


def set_email_preference(user: User, *, email_rule_changes: bool) -> ChangeEmailPreference:
    preference, _ = ChangeEmailPreference.objects.update_or_create(
        user=user, defaults={"email_rule_changes": email_rule_changes}
    )
    return preference


def mark_read(user: User, notice_ids: list[int] | None = None) -> int:
    """Mark the user's own notices read (all when ``notice_ids`` is None); others' are untouched."""
    notices = ChangeNotice.objects.filter(user=user, read_at__isnull=True)
    if notice_ids is not None:
        notices = notices.filter(pk__in=notice_ids)
    return notices.update(read_at=timezone.now())
