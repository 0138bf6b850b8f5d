"""Federal H-1B evidence per sponsoring institution: the filings, the employer crosswalk.

This is evidence about an employer, never a program's policy: it lives apart from the
ledger and is shown with its source, period and limits.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class SponsoringInstitution(models.Model):
    """The employer of residents, as the ACGME names a program's sponsor ("X Program" -> X).

    `evidence` and `has_h1b_evidence` are computed from the published crosswalk links by
    `imgpath.programs.services.evidence.evidence_refresh`, so pages read them in one join.
    """

    key = models.CharField(max_length=220, unique=True, help_text="STATE|name")
    name = models.CharField(max_length=200)
    state = models.CharField(max_length=2)
    city = models.CharField(max_length=100, blank=True)
    nrmp_institution_codes = models.CharField(max_length=200, blank=True)
    program_count = models.PositiveIntegerField(default=0)
    has_h1b_evidence = models.BooleanField(default=False, db_index=True)
    evidence = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["state", "name"]
        indexes = [models.Index(fields=["state", "name"], name="institution_state_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.state})"

    @property
    def nrmp_codes(self) -> list[str]:
        return [code for code in self.nrmp_institution_codes.split(",") if code]


class LcaFiling(models.Model):
    """One Labor Condition Application row for a physician job, from DOL's disclosure files."""

    case_number = models.CharField(max_length=40, unique=True)
    case_status = models.CharField(
        max_length=40, blank=True, help_text="Empty when the file has no CASE_STATUS column."
    )
    visa_class = models.CharField(max_length=30, blank=True)
    employer_name = models.CharField(max_length=200)
    employer_key = models.CharField(max_length=200)
    worksite_city = models.CharField(max_length=100, blank=True)
    worksite_state = models.CharField(max_length=2)
    job_title = models.CharField(max_length=200)
    soc_code = models.CharField(max_length=12)
    trainee_title = models.BooleanField()
    period = models.CharField(max_length=12, help_text='"FY2025 Q2", or "FY2025" for a year.')
    source_file = models.CharField(max_length=255)

    class Meta:
        ordering = ["case_number"]
        verbose_name = "LCA filing"
        indexes = [
            models.Index(fields=["employer_key", "worksite_state"], name="lca_employer_state")
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.employer_name} ({self.worksite_state})"


class UscisApproval(models.Model):
    """One row of the USCIS H-1B Employer Data Hub: one employer, one fiscal year."""

    fiscal_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    employer_name = models.CharField(max_length=200)
    employer_key = models.CharField(max_length=200)
    state = models.CharField(max_length=2)
    city = models.CharField(max_length=100, blank=True)
    zip_code = models.CharField(max_length=10, blank=True)
    initial_approvals = models.PositiveIntegerField(default=0)
    initial_denials = models.PositiveIntegerField(default=0)
    continuing_approvals = models.PositiveIntegerField(default=0)
    continuing_denials = models.PositiveIntegerField(default=0)
    source_file = models.CharField(max_length=255)

    class Meta:
        ordering = ["fiscal_year", "employer_key"]
        verbose_name = "USCIS H-1B approval count"
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "employer_key", "state", "city", "zip_code"],
                name="uscis_approval_unique_row",
            )
        ]
        indexes = [models.Index(fields=["employer_key", "state"], name="uscis_employer_state")]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year} {self.employer_name} ({self.state})"


class EmployerSource(models.TextChoices):
    DOL_LCA = "dol_lca", "Department of Labor LCA disclosure data"
    USCIS_HUB = "uscis_hub", "USCIS H-1B Employer Data Hub"


class LinkStatus(models.TextChoices):
    PUBLISHED = "published", "Published (high confidence)"
    PENDING = "pending", "Waiting for review"
    CONFIRMED = "confirmed", "Confirmed by staff"
    REJECTED = "rejected", "Rejected by staff"


SHOWN_STATUSES = (LinkStatus.PUBLISHED, LinkStatus.CONFIRMED)


class EmployerLink(models.Model):
    """One crosswalk row: an employer (as a federal file names it, in one state) is this
    institution. Only published and confirmed links show evidence."""

    source = models.CharField(max_length=12, choices=EmployerSource.choices)
    employer_key = models.CharField(max_length=200)
    employer_name = models.CharField(max_length=200)
    state = models.CharField(max_length=2)
    institution = models.ForeignKey(
        SponsoringInstitution, on_delete=models.CASCADE, related_name="employer_links"
    )
    method = models.CharField(max_length=30)
    score = models.FloatField(validators=[MinValueValidator(0), MaxValueValidator(100)])
    confidence = models.FloatField(validators=[MinValueValidator(0), MaxValueValidator(1)])
    reasons = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=LinkStatus.choices)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-confidence", "employer_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "employer_key", "state", "institution"],
                name="employer_link_unique",
            )
        ]
        indexes = [
            models.Index(fields=["status", "-confidence"], name="employer_link_status"),
            models.Index(fields=["source", "employer_key", "state"], name="employer_link_employer"),
        ]

    def __str__(self) -> str:
        return f"{self.employer_name} ({self.state}) -> {self.institution.name}"

    @property
    def shows(self) -> bool:
        return self.status in SHOWN_STATUSES
