"""Messages in "export my data", and what happens to them when an account is deleted."""

from __future__ import annotations

from typing import Any

from imgpath.accounts.models import User
from imgpath.messaging.models import Block, EmailSettings, Message, Report, Thread


def export_user_data(user: User) -> dict[str, Any]:
    threads = Thread.objects.filter(members__user=user).prefetch_related("members__user")
    prefs = EmailSettings.objects.filter(user=user).first()
    return {
        "threads": [
            {
                "subject": t.subject,
                "topic": t.topic,
                "created_at": t.created_at.isoformat(),
                "messages": [
                    {
                        "from_me": m.sender_id == user.pk,
                        "from": m.sender_name,
                        "body": m.body,
                        "sent_at": m.created_at.isoformat(),
                        "hidden_by_moderators": m.hidden_at is not None,
                    }
                    for m in Message.objects.filter(thread=t).select_related("sender")
                ],
            }
            for t in threads
        ],
        "blocked_people": [
            {"name": b.blocked.name, "since": b.created_at.isoformat()}
            for b in Block.objects.filter(blocker=user).select_related("blocked")
        ],
        "reports_made": [
            {"reason": r.reason, "status": r.status, "created_at": r.created_at.isoformat()}
            for r in Report.objects.filter(reporter=user)
        ],
        "email_new_messages": prefs.email_new_messages if prefs else True,
    }


def erase_user_data(user: User) -> None:
    """The other side keeps the conversation, shown as with "a deleted account".

    Sent messages lose their sender (SET_NULL), memberships, blocks either way and
    email settings go with the user row; reports keep their text for moderation.
    """
    Report.objects.filter(reporter=user).update(reporter=None)
