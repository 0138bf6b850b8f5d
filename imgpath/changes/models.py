"""Rule changes as people read them: change sets, their fact changes, and who was told.

A change set mirrors one entry of the repository's change log (``imgpath/data/facts/history/``);
it stays a draft until staff publish it with a plain-words summary. Publishing notifies the
applicants whose roadmap it touches, in the app (``ChangeNotice``) and by a batched email.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ChangeSet(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    recorded_on = models.DateField(help_text="When the edit of the facts data was recorded.")
    summary = models.TextField(help_text="What changed and why, in plain words.")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-recorded_on", "key"]

    def __str__(self) -> str:
        return self.key

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ChangeKind(models.TextChoices):
    ADDED = "added", "New fact"
    CHANGED = "changed", "Changed"
    REMOVED = "removed", "Removed"


class FactChange(models.Model):
    change_set = models.ForeignKey(ChangeSet, on_delete=models.CASCADE, related_name="changes")
    fact_id = models.CharField(max_length=80)
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    why = models.TextField(blank=True)
    phase = models.CharField(max_length=40, blank=True)
    countries = models.JSONField(default=list, blank=True)
    states = models.JSONField(default=list, blank=True)
    visas = models.JSONField(default=list, blank=True)
    source = models.TextField(blank=True)
    source_title = models.CharField(max_length=300, blank=True)
    source_date = models.DateField(null=True, blank=True)
    # [{"field": ..., "old": ..., "new": ...}] as the change log records it.
    fields = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["phase", "title"]
        constraints = [
            models.UniqueConstraint(fields=["change_set", "fact_id"], name="one_change_per_fact")
        ]

    def __str__(self) -> str:
        return f"{self.change_set.key}: {self.fact_id}"

    @property
    def source_url(self) -> str | None:
        return self.source if self.source.startswith(("http://", "https://")) else None


class EmailState(models.TextChoices):
    PENDING = "pending", "Waiting for the next digest"
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Not sent (email turned off)"


class ChangeNotice(models.Model):
    """One person told of one change set, with the facts and steps of theirs it touches."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="change_notices"
    )
    change_set = models.ForeignKey(ChangeSet, on_delete=models.CASCADE, related_name="notices")
    fact_ids = models.JSONField(default=list)
    step_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(
        max_length=10, choices=EmailState.choices, default=EmailState.PENDING
    )
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "change_set"], name="one_notice_per_set")
        ]

    def __str__(self) -> str:
        return f"{self.change_set.key} for {self.user}"


class ChangeEmailPreference(models.Model):
    """Opt-out of rule-change emails; in-app notices are always kept."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="change_email_preference"
    )
    email_rule_changes = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"Rule-change emails {'on' if self.email_rule_changes else 'off'} for {self.user}"


class RoadmapVisit(models.Model):
    """When the applicant last saw their roadmap, for "changed since your last visit"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roadmap_visit"
    )
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user} saw the roadmap at {self.seen_at:%Y-%m-%d %H:%M}"
