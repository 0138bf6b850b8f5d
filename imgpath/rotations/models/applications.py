"""Applications to sessions and the record of every change to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from imgpath.core.models import TimeStampedModel
from imgpath.rotations.choices import ACTIVE_APPLICATION_STATUSES, ApplicationStatus, EventKind
from imgpath.rotations.models.documents import Document
from imgpath.rotations.models.offerings import Session

MAX_STATEMENT = 2000


class Application(TimeStampedModel):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rotation_applications",
        help_text="Empty once the applicant deleted their account.",
    )
    statement = models.TextField(max_length=MAX_STATEMENT, blank=True)
    documents = models.ManyToManyField(Document, blank=True, related_name="applications")
    status = models.CharField(
        max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    eligibility = models.JSONField(
        default=list, blank=True, help_text="Checks against the profile when they applied."
    )
    host_message = models.TextField(blank=True, max_length=2000)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    waitlisted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "applicant"],
                condition=Q(status__in=ACTIVE_APPLICATION_STATUSES),
                name="rotations_one_active_application_per_session",
            )
        ]

    def __str__(self) -> str:
        return f"{self.applicant or 'Deleted account'} → {self.session}"

    @property
    def offering(self):
        return self.session.offering

    @property
    def unconfirmed_checks(self) -> list[dict[str, str]]:
        return [c for c in self.eligibility if c.get("status") != "met"]

    @property
    def applicant_name(self) -> str:
        return self.applicant.name if self.applicant else "Deleted account"


class ApplicationEvent(models.Model):
    """Who changed what, when. `actor` is empty for IMGPath itself or a deleted account."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_role = models.CharField(max_length=16)
    message = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.actor_label}"

    @property
    def actor_label(self) -> str:
        if self.actor_role == "system":
            return "IMGPath"
        if self.actor is None:
            return f"a former {self.actor_role}"
        return self.actor.name
