"""Staff curation: values read from programs' own pages, and how much applicants look at each."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from imgpath.programs.models.directory import Program
from imgpath.programs.models.ledger import LedgerEntry, PolicyValueMixin, _value_consistency


class ProgramViewDay(models.Model):
    """How many times signed-in applicants opened a program's page on one day: the curation
    queue's measure of interest. No person is recorded."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="view_days")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["program", "day"], name="program_view_day_unique")
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.day}: {self.views}"


class CurationStatus(models.TextChoices):
    PUBLISHED = "published", "In the ledger"
    AWAITING_CHECK = "awaiting_check", "Waiting for a second person"
    CHECKED = "checked", "Checked by a second person, in the ledger"
    REJECTED = "rejected", "Rejected by the second person"


class CurationValue(PolicyValueMixin):
    """A value a staff member read on the program's own page. One marked verified waits for a
    second staff member before it reaches the ledger."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="curation_values")
    source_url = models.URLField(max_length=500)
    read_on = models.DateField(help_text="The date the value was read at its source.")
    note = models.CharField(max_length=500, blank=True)
    verified = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=CurationStatus.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    ledger_entry = models.OneToOneField(
        LedgerEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="curation"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="curation_status_created")]
        constraints = [
            *_value_consistency("curation"),
            models.CheckConstraint(condition=~Q(source_url=""), name="curation_has_source_url"),
        ]

    def __str__(self) -> str:
        return f"{self.program.acgme_id} {self.field}={self.display_value} ({self.status})"
