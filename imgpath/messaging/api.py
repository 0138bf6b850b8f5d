"""Messages over JSON: threads, messages, reports and blocks (tag `messages`)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

from django.contrib.auth import get_user_model
from django.http import Http404
from ninja import Router, Schema, Status
from pydantic import Field, StringConstraints

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.accounts.models import User
from imgpath.core.api import ERRORS as CORE_ERRORS
from imgpath.core.api import ErrorOut
from imgpath.messaging import selectors, services
from imgpath.messaging.models import MAX_BODY, Thread

ROUTER_PREFIX = ""
if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

router = Router(tags=["messages"])

Id = Annotated[int, Field(ge=1, le=2**62)]


# Sending too fast is refused with 429, on top of the answers every operation may give.
ERRORS: dict[int, Any] = {**CORE_ERRORS, 429: ErrorOut}


class ThreadOut(Schema):
    id: int
    subject: str
    topic: str
    topic_id: int
    other_user_id: int | None
    other_name: str
    unread: int
    closed: bool
    last_message_at: datetime | None


class MessageOut(Schema):
    id: int
    thread_id: int
    sender_id: int | None
    sender_name: str
    body: str | None = Field(description="Empty (null) when moderators hid the message.")
    hidden: bool
    created_at: datetime


class MessageIn(Schema):
    body: Annotated[str, StringConstraints(min_length=1, max_length=MAX_BODY)]


class ReportIn(Schema):
    reason: Annotated[str, StringConstraints(min_length=1, max_length=1000)]


class MessageReportOut(Schema):
    id: int
    message_id: int
    status: str
    created_at: datetime


class BlockIn(Schema):
    user_id: Id


class BlockOut(Schema):
    user_id: int
    created_at: datetime


def _thread_out(thread: WithAnnotations[Thread, selectors.ThreadCounts], user: User) -> ThreadOut:
    other = selectors.other_person(thread, user)
    return ThreadOut(
        id=thread.pk,
        subject=thread.subject,
        topic=thread.topic,
        topic_id=thread.topic_id,
        other_user_id=other.pk if other else None,
        other_name=other.name if other else "a deleted account",
        unread=thread.unread,
        closed=thread.is_closed,
        last_message_at=thread.last_message_at,
    )


def _message_out(message) -> MessageOut:
    return MessageOut(
        id=message.pk,
        thread_id=message.thread_id,
        sender_id=message.sender_id,
        sender_name=message.sender_name,
        body=None if message.hidden_at else message.body,
        hidden=message.hidden_at is not None,
        created_at=message.created_at,
    )


@router.get("/messages/threads", response={200: list[ThreadOut], **ERRORS})
def list_threads(request: AuthenticatedHttpRequest):
    """My conversations, newest activity first, with unread counts."""
    return [_thread_out(t, request.user) for t in selectors.threads_of(request.user)]


@router.get("/messages/threads/{thread_id}/messages", response={200: list[MessageOut], **ERRORS})
def list_messages(request: AuthenticatedHttpRequest, thread_id: Id):
    """The messages of one of my conversations, oldest first; reading marks them read."""
    thread = selectors.thread_for_member(request.user, thread_id)
    services.thread_mark_read(thread=thread, user=request.user)
    return [_message_out(m) for m in selectors.messages_of(thread)]


@router.post("/messages/threads/{thread_id}/messages", response={201: MessageOut, **ERRORS})
def send_message(request: AuthenticatedHttpRequest, thread_id: Id, payload: MessageIn):
    """Send `{"body": ...}` (plain text). 409 when blocked or closed, 429 when too fast."""
    thread = selectors.thread_for_member(request.user, thread_id)
    message = services.message_send(thread=thread, sender=request.user, body=payload.body)
    return Status(201, _message_out(message))


@router.post("/messages/{message_id}/report", response={201: MessageReportOut, **ERRORS})
def report_message(request: AuthenticatedHttpRequest, message_id: Id, payload: ReportIn):
    """Report a message of the other person in one of my conversations to staff."""
    message = selectors.message_for_member(request.user, message_id)
    report = services.report_create(message=message, reporter=request.user, reason=payload.reason)
    return Status(
        201,
        MessageReportOut(
            id=report.pk, message_id=message.pk, status=report.status, created_at=report.created_at
        ),
    )


@router.post("/blocks", response={201: BlockOut, **ERRORS})
def block_user(request: AuthenticatedHttpRequest, payload: BlockIn):
    """Block a person: they can no longer message me or send me mentorship requests."""
    person = get_user_model().objects.filter(pk=payload.user_id, is_active=True).first()
    if person is None:
        raise Http404
    block = services.block_create(blocker=request.user, blocked=person)
    return Status(201, BlockOut(user_id=person.pk, created_at=block.created_at))
