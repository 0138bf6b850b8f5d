"""IMGs' own reports of being interviewed or matched at a program: private, shown in aggregate."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from imgpath.programs.models.directory import Program


class Outcome(models.TextChoices):
    INTERVIEWED = "interviewed", "Interviewed"
    MATCHED = "matched", "Matched"


class ApplicantKind(models.TextChoices):
    NON_US_IMG = "non_us_img", "Non-US IMG"
    US_IMG = "us_img", "US IMG"


class OutcomeVisa(models.TextChoices):
    J1 = "j1", "J-1"
    H1B = "h1b", "H-1B"
    NONE = "none", "No visa needed"


class GraduationBand(models.TextChoices):
    """Years from graduation to the season's Match."""

    RECENT = "0_2", "Within 2 years"
    MID = "3_5", "3 to 5 years"
    OLDER = "6_10", "6 to 10 years"
    OLDEST = "over_10", "More than 10 years"


class Step2Band(models.TextChoices):
    BELOW_220 = "below_220", "Below 220"
    B220 = "220_239", "220 to 239"
    B240 = "240_259", "240 to 259"
    B260 = "260_up", "260 or above"


class OutcomeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for staff"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class OutcomeReport(models.Model):
    """One applicant's report for one program and Match season. Never shown alone: only
    counts of at least three reports appear (`imgpath.programs.services.outcomes`)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="outcome_reports")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outcome_reports"
    )
    season = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="The Match year, e.g. 2026.",
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    applicant_kind = models.CharField(max_length=12, choices=ApplicantKind.choices)
    visa = models.CharField(max_length=6, choices=OutcomeVisa.choices)
    graduation_band = models.CharField(max_length=8, choices=GraduationBand.choices, blank=True)
    step2ck_band = models.CharField(max_length=10, choices=Step2Band.choices, blank=True)
    status = models.CharField(
        max_length=10, choices=OutcomeStatus.choices, default=OutcomeStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["program", "status"], name="outcome_program_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "author", "season"], name="outcome_one_per_program_season"
            ),
            models.CheckConstraint(
                condition=Q(season__gte=2000, season__lte=2100), name="outcome_season_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program.acgme_id} {self.season} {self.outcome} ({self.status})"
