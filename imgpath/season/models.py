"""One applicant's application season: tracked programs, interviews, statements, letters.

Everything here belongs to the season's user; selectors always filter by it, so another
person's object is simply not found."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Status(models.TextChoices):
    CONSIDERING = "considering", "Considering"
    APPLIED = "applied", "Applied"
    INVITED = "invited", "Invited"
    INTERVIEW_SCHEDULED = "interview_scheduled", "Interview scheduled"
    INTERVIEWED = "interviewed", "Interviewed"
    RANKED = "ranked", "Ranked"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REJECTED = "rejected", "Rejected"


class Track(models.TextChoices):
    CATEGORICAL = "categorical", "Categorical"
    PRELIMINARY = "preliminary", "Preliminary"
    ADVANCED = "advanced", "Advanced"


class SignalLevel(models.TextChoices):
    NONE = "", "No signal"
    GOLD = "gold", "Gold"
    SILVER = "silver", "Silver"
    SINGLE = "single", "Signal"


class Season(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seasons"
    )
    match_year = models.PositiveSmallIntegerField()
    time_zone = models.CharField(max_length=64, default="America/New_York")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "match_year"], name="season_user_year")
        ]

    def __str__(self) -> str:
        return f"{self.match_year} season"


class Statement(models.Model):
    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="statements")
    title = models.CharField(max_length=200)
    specialty = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class StatementVersion(models.Model):
    """A saved version never changes: editing a statement saves a new version."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(max_length=40_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["statement_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "number"], name="statement_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.statement} v{self.number}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("A saved statement version cannot be changed.")
        super().save(*args, **kwargs)


class Letter(models.Model):
    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="letters")
    writer_name = models.CharField(max_length=200)
    writer_title = models.CharField(max_length=200, blank=True)
    writer_email = models.EmailField(blank=True)
    specialty = models.CharField(max_length=60, blank=True)
    us_physician = models.BooleanField(default=False)
    us_clinical = models.BooleanField(default=False)
    specialty_letter = models.BooleanField(
        default=False, help_text="A specialty's standardized letter, such as the SLOE."
    )
    booking = models.ForeignKey(
        "rotations.Booking", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    waived = models.BooleanField(default=True)
    requested_on = models.DateField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["writer_name", "id"]

    def __str__(self) -> str:
        return self.writer_name


class TrackedProgram(models.Model):
    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="programs")
    program = models.ForeignKey(
        "programs.Program", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=300)
    specialty = models.CharField(max_length=60)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True)
    acgme_id = models.CharField(max_length=10, blank=True)
    nrmp_code = models.CharField(max_length=10, blank=True)
    time_zone = models.CharField(max_length=64, blank=True)
    track = models.CharField(max_length=12, choices=Track.choices, default=Track.CATEGORICAL)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONSIDERING)
    notes = models.TextField(max_length=5000, blank=True)
    tags = models.JSONField(default=list, blank=True)
    signal = models.CharField(max_length=8, choices=SignalLevel.choices, blank=True, default="")
    travel_estimate_usd = models.PositiveIntegerField(default=0)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.SET_NULL, related_name="programs"
    )
    letters = models.ManyToManyField(Letter, blank=True, related_name="programs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["season", "program", "track"],
                condition=models.Q(program__isnull=False),
                name="season_program_track",
            )
        ]

    def __str__(self) -> str:
        return self.name


class StatusChange(models.Model):
    tracked = models.ForeignKey(TrackedProgram, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=20, choices=Status.choices)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.status} at {self.changed_at:%Y-%m-%d}"


class Interview(models.Model):
    """Times are stored in UTC; pages show them in the applicant's and the program's zones."""

    tracked = models.ForeignKey(TrackedProgram, on_delete=models.CASCADE, related_name="interviews")
    offered = models.JSONField(default=list, blank=True)  # ISO datetimes in UTC
    starts_at = models.DateTimeField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(default=240)
    virtual = models.BooleanField(default=True)
    location = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=100, blank=True)
    respond_by = models.DateField(null=True, blank=True)
    thank_you_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"Interview {self.pk}"
