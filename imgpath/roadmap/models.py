"""What the roadmap app stores: staff re-checks of facts, and calendar feed secrets."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models


class FactReview(models.Model):
    """Staff checked a fact against its source on a date (the fact file itself is unchanged)."""

    fact_id = models.CharField(max_length=120, db_index=True)
    checked_on = models.DateField()
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-checked_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.fact_id} checked {self.checked_on}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret in a person's calendar subscription URL; rotating it revokes old links."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roadmap_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
