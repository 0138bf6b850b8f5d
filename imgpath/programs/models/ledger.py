"""The program policy ledger: every value with who said it and when, plus claims and reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from imgpath.programs.models.directory import Program
from imgpath.programs.policy import SPECS, PolicyField, SourceKind, ValueKind


def _value_consistency(prefix: str) -> list[models.CheckConstraint]:
    """Exactly the value column of the entry's kind is filled."""
    return [
        models.CheckConstraint(
            condition=(Q(kind=ValueKind.NUMBER) & Q(number_value__isnull=False))
            | (~Q(kind=ValueKind.NUMBER) & Q(number_value__isnull=True)),
            name=f"{prefix}_number_iff_number_kind",
        ),
        models.CheckConstraint(
            condition=(Q(kind=ValueKind.DATE) & Q(date_value__isnull=False))
            | (~Q(kind=ValueKind.DATE) & Q(date_value__isnull=True)),
            name=f"{prefix}_date_iff_date_kind",
        ),
        models.CheckConstraint(
            condition=(Q(kind=ValueKind.URL) & ~Q(text_value=""))
            | (~Q(kind=ValueKind.URL) & Q(text_value="")),
            name=f"{prefix}_text_iff_url_kind",
        ),
    ]


def _with_unit(number: int | None, unit: str) -> str:
    if unit == "%":
        return f"{number}%"
    if number == 1 and unit.endswith("s"):
        unit = unit[:-1]
    return f"{number} {unit}".strip()


class PolicyValueMixin(models.Model):
    """A value of one ledger field: yes, no, a number, a date, a web address, or unknown."""

    field = models.CharField(max_length=32, choices=PolicyField.choices)
    kind = models.CharField(max_length=8, choices=ValueKind.choices)
    number_value = models.IntegerField(null=True, blank=True)
    date_value = models.DateField(null=True, blank=True)
    text_value = models.URLField(max_length=500, blank=True)

    class Meta:
        abstract = True

    @property
    def spec(self):
        return SPECS[self.field]

    @property
    def display_value(self) -> str:
        if self.kind == ValueKind.NUMBER:
            return _with_unit(self.number_value, self.spec.unit)
        if self.kind == ValueKind.DATE:
            return f"{self.date_value.day} {self.date_value:%b %Y}" if self.date_value else ""
        if self.kind == ValueKind.URL:
            return self.text_value
        if self.kind == ValueKind.NO:
            return self.spec.no_label
        return ValueKind(self.kind).label

    def same_value_as(self, other: PolicyValueMixin) -> bool:
        return (self.kind, self.number_value, self.date_value, self.text_value) == (
            other.kind,
            other.number_value,
            other.date_value,
            other.text_value,
        )


class LedgerEntryQuerySet(models.QuerySet["LedgerEntry"]):
    def active(self) -> LedgerEntryQuerySet:
        return self.filter(superseded_at__isnull=True)


class LedgerEntry(PolicyValueMixin):
    """One statement about one program's policy field, kept forever as history.

    A newer statement from the same kind of source supersedes the older one; statements from
    other sources stay active so that disagreements show.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="ledger_entries")
    source_kind = models.CharField(max_length=24, choices=SourceKind.choices)
    source_url = models.URLField(max_length=500, blank=True)
    note = models.TextField(max_length=1000, blank=True)
    verified_on = models.DateField(help_text="The date the value was last checked at its source.")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["program", "field", "-verified_on", "-created_at"]
        verbose_name_plural = "ledger entries"
        indexes = [
            models.Index(fields=["program", "field", "superseded_at"], name="ledger_program_field")
        ]
        constraints = [
            *_value_consistency("ledger"),
            models.CheckConstraint(
                condition=~Q(source_url="")
                | ~Q(note="")
                | Q(source_kind=SourceKind.REPRESENTATIVE),
                name="ledger_has_a_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program.acgme_id} {self.field}={self.display_value} ({self.source_kind})"


class ClaimStatus(models.TextChoices):
    PENDING = "pending", "Waiting for staff"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    REVOKED = "revoked", "Revoked"


class ProgramClaim(models.Model):
    """A host's request to represent a program; only approved claims may edit its ledger."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="claims")
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="program_claims"
    )
    role_title = models.CharField(max_length=120, help_text="e.g. Program coordinator")
    evidence = models.TextField(
        max_length=1000, help_text="How staff can verify you, e.g. your institutional email."
    )
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "host"],
                condition=Q(status__in=["pending", "approved"]),
                name="claim_one_open_per_host_program",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False),
                name="claim_decided_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.host} for {self.program.acgme_id} ({self.status})"


class ReportStatus(models.TextChoices):
    PENDING = "pending", "Waiting for staff"
    PROMOTED = "promoted", "Promoted to the ledger"
    REJECTED = "rejected", "Rejected"


class CommunityReport(PolicyValueMixin):
    """What an applicant says about a program's policy, with a link or a note."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="community_reports")
    source_url = models.URLField(max_length=500, blank=True)
    note = models.TextField(max_length=1000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="program_reports",
    )
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ledger_entry = models.OneToOneField(
        LedgerEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="report"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["program", "status"], name="report_program_status")]
        constraints = [
            *_value_consistency("report"),
            models.CheckConstraint(
                condition=~Q(source_url="") | ~Q(note=""), name="report_has_link_or_note"
            ),
            models.UniqueConstraint(
                fields=["program", "field", "author"],
                condition=Q(status="pending"),
                name="report_one_pending_per_author_field",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program.acgme_id} {self.field}={self.display_value} ({self.status})"
