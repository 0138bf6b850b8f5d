"""Private two-person threads, their messages, blocks, reports and email settings.

A thread is about one topic (a mentorship, a rotation application), named by
`topic` and `topic_id`, so any app can open one without this app knowing it.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

MAX_BODY = 4000


class Topic(models.TextChoices):
    MENTORSHIP = "mentorship", "Mentorship"
    ROTATION_APPLICATION = "rotation_application", "Rotation application"


class Thread(models.Model):
    topic = models.CharField(max_length=32, choices=Topic.choices)
    topic_id = models.PositiveBigIntegerField()
    subject = models.CharField(max_length=200)
    link = models.CharField(max_length=200, blank=True, help_text="Where the topic lives.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "topic_id"], name="messaging_one_thread_per_topic"
            )
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Member(models.Model):
    """One of the two people of a thread, with what they have read and been emailed about.

    The row goes with its user when an account is deleted; the other side then sees
    the thread "with a deleted account".
    """

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_memberships"
    )
    last_read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="messaging_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.thread}"


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sent_messages",
        help_text="Empty once the sender deleted their account.",
    )
    body = models.TextField(max_length=MAX_BODY)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.sender_name}: {self.body[:40]}"

    @property
    def sender_name(self) -> str:
        return self.sender.name if self.sender else "a deleted account"


class Block(models.Model):
    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="messaging_block_once"),
            models.CheckConstraint(
                condition=~Q(blocker=models.F("blocked")), name="messaging_no_self_block"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocker} blocked {self.blocked}"


class ReportStatus(models.TextChoices):
    OPEN = "open", "Open"
    DISMISSED = "dismissed", "Dismissed"
    HIDDEN = "hidden", "Message hidden"
    SUSPENDED = "suspended", "Sender suspended"


class Report(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="message_reports",
    )
    reason = models.TextField(max_length=1000)
    status = models.CharField(
        max_length=16, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    staff_note = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reporter"],
                condition=Q(status="open"),
                name="messaging_one_open_report_per_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} ({self.status})"


def _token() -> str:
    return secrets.token_urlsafe(24)


class EmailSettings(models.Model):
    """Whether a person gets emails about new messages; the token unsubscribes without sign-in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_email_settings"
    )
    email_new_messages = models.BooleanField(default=True)
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=_token)

    def __str__(self) -> str:
        return f"Message emails of {self.user}"
