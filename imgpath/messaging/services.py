"""Every write to threads, messages, blocks and reports (the pages and the API call these)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.accounts.services import user_suspend
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.core.notify import email_after_commit
from imgpath.messaging.models import (
    MAX_BODY,
    Block,
    EmailSettings,
    Member,
    Message,
    Report,
    ReportStatus,
    Thread,
)

RATE_WINDOW = timedelta(minutes=10)
RATE_LIMIT = 20
BLOCKED_MESSAGE = "You cannot message this person."
CLOSED_MESSAGE = "This conversation is closed; nobody can write in it any more."


class RateLimited(ServiceError):
    """Too many actions in a short time; try again later."""

    status_code = 429


def is_blocked(first: User, second: User) -> bool:
    """True when either person blocked the other."""
    return Block.objects.filter(
        Q(blocker=first, blocked=second) | Q(blocker=second, blocked=first)
    ).exists()


@transaction.atomic
def thread_open(
    *, topic: str, topic_id: int, subject: str, people: list[User], link: str = ""
) -> Thread:
    """The one thread about this topic between these two people (created on first use)."""
    if len({p.pk for p in people}) != 2:
        raise ServiceError("A conversation has exactly two people.")
    thread, created = Thread.objects.get_or_create(
        topic=topic, topic_id=topic_id, defaults={"subject": subject[:200], "link": link}
    )
    if created:
        Member.objects.bulk_create([Member(thread=thread, user=p) for p in people])
    return thread


def thread_set_closed(*, topic: str, topic_id: int, closed: bool) -> None:
    Thread.objects.filter(topic=topic, topic_id=topic_id).update(
        closed_at=timezone.now() if closed else None
    )


def _member(thread: Thread, user: User) -> Member:
    member = Member.objects.filter(thread=thread, user=user).first()
    if member is None:
        raise Http404("No such conversation.")
    return member


def _clean_body(body: str) -> str:
    text = (body or "").replace("\x00", "").replace("\r\n", "\n").strip()
    if not text:
        raise ServiceError("Write a message first.", field="body")
    if len(text) > MAX_BODY:
        raise ServiceError(
            f"A message is at most {MAX_BODY} characters; this one has {len(text)}.", field="body"
        )
    return text


def _check_rate(sender: User) -> None:
    since = timezone.now() - RATE_WINDOW
    if Message.objects.filter(sender=sender, created_at__gte=since).count() >= RATE_LIMIT:
        minutes = int(RATE_WINDOW.total_seconds() // 60)
        raise RateLimited(
            f"You sent {RATE_LIMIT} messages in the last {minutes} minutes; wait a little."
        )


@transaction.atomic
def message_send(*, thread: Thread, sender: User, body: str) -> Message:
    """Post a message; the other side is emailed once per unread stretch, after commit."""
    me = _member(thread, sender)
    text = _clean_body(body)
    if thread.is_closed:
        raise ConflictError(CLOSED_MESSAGE)
    others = list(Member.objects.filter(thread=thread).exclude(user=sender).select_related("user"))
    if not others or not all(o.user.is_active for o in others):
        raise ConflictError("The other person has left IMGPath or is suspended.")
    if any(is_blocked(sender, o.user) for o in others):
        raise ConflictError(BLOCKED_MESSAGE)
    _check_rate(sender)
    message = Message.objects.create(thread=thread, sender=sender, body=text)
    now = message.created_at
    Thread.objects.filter(pk=thread.pk).update(last_message_at=now)
    Member.objects.filter(pk=me.pk).update(last_read_at=now)
    for other in others:
        _notify(other, thread=thread, sender=sender, now=now)
    return message


def _notify(member: Member, *, thread: Thread, sender: User, now: datetime) -> None:
    # Batching: one email per unread stretch. Once emailed, nothing more is sent until
    # the person has read the thread again.
    waiting = member.emailed_at is not None and (
        member.last_read_at is None or member.emailed_at > member.last_read_at
    )
    prefs = email_settings_for(member.user)
    if waiting or not prefs.email_new_messages:
        return
    Member.objects.filter(pk=member.pk).update(emailed_at=now)
    site = settings.SITE_URL.rstrip("/")
    email_after_commit(
        recipients=[member.user.email],
        subject=f"New message from {sender.name}",
        template="messaging/email/new_message.txt",
        context={
            "recipient": member.user,
            "sender": sender,
            "thread": thread,
            "link": site + reverse("messaging:thread", args=[thread.pk]),
            "unsubscribe": site + reverse("messaging:unsubscribe", args=[prefs.unsubscribe_token]),
        },
    )


def thread_mark_read(*, thread: Thread, user: User) -> None:
    Member.objects.filter(thread=thread, user=user).update(last_read_at=timezone.now())


def email_settings_for(user: User) -> EmailSettings:
    prefs, _ = EmailSettings.objects.get_or_create(user=user)
    return prefs


def email_settings_update(*, user: User, email_new_messages: bool) -> EmailSettings:
    prefs = email_settings_for(user)
    prefs.email_new_messages = email_new_messages
    prefs.save(update_fields=["email_new_messages"])
    return prefs


def unsubscribe(*, token: str) -> EmailSettings:
    prefs = EmailSettings.objects.filter(unsubscribe_token=token).first()
    if prefs is None:
        raise Http404("Unknown unsubscribe link.")
    prefs.email_new_messages = False
    prefs.save(update_fields=["email_new_messages"])
    return prefs


def block_create(*, blocker: User, blocked: User | None) -> Block:
    """After this, `blocked` can no longer message or send requests to `blocker`."""
    if blocked is None or not blocked.is_active:
        raise Http404("No such person.")
    if blocked.pk == blocker.pk:
        raise ServiceError("You cannot block yourself.", field="user_id")
    block, _ = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return block


def block_remove(*, blocker: User, blocked_id: int) -> None:
    Block.objects.filter(blocker=blocker, blocked_id=blocked_id).delete()


@transaction.atomic
def report_create(*, message: Message, reporter: User, reason: str) -> Report:
    """A participant reports a message of the other side for staff to review."""
    _member(message.thread, reporter)
    if message.sender_id == reporter.pk:
        raise ServiceError("You cannot report your own message.")
    text = (reason or "").replace("\x00", "").strip()
    if not text:
        raise ServiceError("Say briefly what is wrong with this message.", field="reason")
    if len(text) > 1000:
        raise ServiceError("A reason is at most 1000 characters.", field="reason")
    if Report.objects.filter(message=message, reporter=reporter, status=ReportStatus.OPEN).exists():
        raise ConflictError("You already reported this message; staff will look at it.")
    return Report.objects.create(message=message, reporter=reporter, reason=text)


MODERATION_ACTIONS = {
    "dismiss": ReportStatus.DISMISSED,
    "hide": ReportStatus.HIDDEN,
    "suspend": ReportStatus.SUSPENDED,
}


@transaction.atomic
def report_resolve(*, report: Report, staff: User, action: str, note: str = "") -> Report:
    """Staff dismiss a report, hide the message, or suspend its sender (hiding it too)."""
    if not staff.is_staff:
        raise Http404
    if action not in MODERATION_ACTIONS:
        raise ServiceError("Choose dismiss, hide or suspend.", field="action")
    report = Report.objects.select_for_update().select_related("message").get(pk=report.pk)
    if report.status != ReportStatus.OPEN:
        raise ConflictError("This report was already handled.")
    now = timezone.now()
    message = report.message
    if action in ("hide", "suspend") and message.hidden_at is None:
        message.hidden_at, message.hidden_by = now, staff
        message.save(update_fields=["hidden_at", "hidden_by"])
    if action == "suspend" and message.sender is not None:
        user_suspend(user=message.sender, suspended_by=staff)
    report.status = MODERATION_ACTIONS[action]
    report.handled_by, report.handled_at, report.staff_note = staff, now, note.strip()[:1000]
    report.save(update_fields=["status", "handled_by", "handled_at", "staff_note"])
    # Other open reports of the same message are settled by the same decision.
    Report.objects.filter(message=message, status=ReportStatus.OPEN).update(
        status=report.status, handled_by=staff, handled_at=now
    )
    return report
