"""Reads: a person's threads with unread counts, one thread guarded to its two members."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from imgpath.accounts.models import User
from imgpath.messaging.models import Member, Message, Report, ReportStatus, Thread

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class ThreadCounts(TypedDict):
    """What `threads_of` adds to each thread: when the person last read it, and what is new."""

    my_last_read: datetime | None
    unread: int


def threads_of(user: User) -> QuerySet[WithAnnotations[Thread, ThreadCounts]]:
    """The person's threads, newest activity first, each with `unread` and `other_member`."""
    last_read = Member.objects.filter(thread=OuterRef("pk"), user=user).values("last_read_at")[:1]
    return (
        Thread.objects.filter(members__user=user)
        .annotate(my_last_read=Subquery(last_read))
        .annotate(
            unread=Count(
                "messages",
                filter=~Q(messages__sender=user)
                & (Q(my_last_read__isnull=True) | Q(messages__created_at__gt=F("my_last_read"))),
            )
        )
        .order_by(F("last_message_at").desc(nulls_last=True), "-created_at")
        .prefetch_related("members__user")
    )


def unread_total(user: User) -> int:
    """One query: messages from others newer than what `user` last read, in their threads."""
    return (
        Message.objects.filter(
            Q(thread__members__user=user)
            & (
                Q(thread__members__last_read_at__isnull=True)
                | Q(created_at__gt=F("thread__members__last_read_at"))
            )
        )
        .exclude(sender=user)
        .count()
    )


def thread_for_member(user: User, pk: int) -> Thread:
    """The thread if `user` is one of its two people; 404 otherwise (staff included)."""
    thread = Thread.objects.filter(pk=pk, members__user=user).first()
    if thread is None:
        raise Http404("No such conversation.")
    return thread


def other_person(thread: Thread, user: User) -> User | None:
    """The other participant, or None when they deleted their account."""
    for member in thread.members.all():
        if member.user_id != user.pk:
            return member.user
    return None


def messages_of(thread: Thread) -> QuerySet[Message]:
    return thread.messages.select_related("sender")


def message_for_member(user: User, pk: int) -> Message:
    message = Message.objects.filter(pk=pk, thread__members__user=user).first()
    if message is None:
        raise Http404("No such message.")
    return message


def open_reports() -> QuerySet[Report]:
    return Report.objects.filter(status=ReportStatus.OPEN).select_related(
        "message__sender", "reporter", "message__thread"
    )


def handled_reports() -> QuerySet[Report]:
    return (
        Report.objects.exclude(status=ReportStatus.OPEN)
        .select_related("message__sender", "reporter", "handled_by")
        .order_by("-handled_at")
    )
