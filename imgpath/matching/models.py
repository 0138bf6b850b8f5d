"""Match cycles: who ranks whom, in what order, and what the Match gave each applicant.

A cycle is a mock match (programs made up for practice) or a placement round (the programs are
rotation sessions and the results become bookings). Both sides keep ordered rank lists; a list
is used only once certified, and no list changes after the deadline or the run.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.core.models import TimeStampedModel

MAX_CAPACITY = 100
MAX_PROGRAMS = 40
MAX_PARTICIPANTS = 300


class CycleKind(models.TextChoices):
    MOCK = "mock", "Mock match"
    PLACEMENT = "placement", "Rotation placement round"


class CycleStatus(models.TextChoices):
    OPEN = "open", "Open"
    COMPLETED = "completed", "Results released"
    CANCELLED = "cancelled", "Cancelled"


class MatchCycleQuerySet(models.QuerySet["MatchCycle"]):
    def due(self, now: datetime) -> MatchCycleQuerySet:
        """Open cycles whose rank-list deadline has passed: the scheduler runs these."""
        return self.filter(status=CycleStatus.OPEN, rank_deadline__lte=now)


class MatchCycle(TimeStampedModel):
    kind = models.CharField(max_length=16, choices=CycleKind.choices)
    title = models.CharField(max_length=150)
    description = models.TextField(max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="match_cycles_created",
    )
    rank_deadline = models.DateTimeField(help_text="Rank lists can change until this moment.")
    status = models.CharField(max_length=16, choices=CycleStatus.choices, default=CycleStatus.OPEN)
    ran_at = models.DateTimeField(null=True, blank=True)
    ran_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stats = models.JSONField(default=dict, blank=True)

    objects = MatchCycleQuerySet.as_manager()

    class Meta:
        ordering = ["-rank_deadline", "-pk"]
        indexes = [models.Index(fields=["status", "rank_deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=CycleStatus.COMPLETED, ran_at__isnull=False)
                | (~Q(status=CycleStatus.COMPLETED) & Q(ran_at__isnull=True)),
                name="matching_ran_at_iff_completed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_placement(self) -> bool:
        return self.kind == CycleKind.PLACEMENT

    @property
    def is_completed(self) -> bool:
        return self.status == CycleStatus.COMPLETED

    def is_locked(self, now: datetime | None = None) -> bool:
        """Rank lists close at the deadline or when the cycle runs or is cancelled."""
        return self.status != CycleStatus.OPEN or (now or timezone.now()) >= self.rank_deadline

    def is_due(self, now: datetime | None = None) -> bool:
        return self.status == CycleStatus.OPEN and (now or timezone.now()) >= self.rank_deadline

    @property
    def lock_message(self) -> str:
        if self.status == CycleStatus.COMPLETED:
            return f"“{self.title}” has run: rank lists can no longer change."
        if self.status == CycleStatus.CANCELLED:
            return f"“{self.title}” was cancelled: rank lists can no longer change."
        deadline = timezone.localtime(self.rank_deadline)
        return (
            f"Rank lists for “{self.title}” closed on {deadline:%d %b %Y at %H:%M %Z}: "
            "they can no longer change."
        )


class MatchProgram(models.Model):
    """A program of a cycle: made up for a mock match, or a rotation session in a round."""

    cycle = models.ForeignKey(MatchCycle, on_delete=models.CASCADE, related_name="programs")
    name = models.CharField(max_length=150)
    capacity = models.PositiveSmallIntegerField(
        "Positions", validators=[MaxValueValidator(MAX_CAPACITY)]
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="match_programs",
        help_text="The host who ranks applicants for it; empty: the cycle's creator.",
    )
    session = models.ForeignKey(
        "rotations.Session",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="match_programs",
    )
    certified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=0), name="matching_capacity_not_negative"
            ),
            models.UniqueConstraint(
                fields=["cycle", "name"],
                condition=Q(session__isnull=True),
                name="matching_program_name_unique_per_cycle",
            ),
            models.UniqueConstraint(
                fields=["cycle", "session"],
                condition=Q(session__isnull=False),
                name="matching_session_once_per_cycle",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def managed_by(self, user: User | AnonymousUser) -> bool:
        """The program's owner ranks for it; without one, the cycle's creator does."""
        if not user.is_authenticated:
            return False
        if self.owner_id is not None:
            return self.owner_id == user.pk
        return self.cycle.created_by_id == user.pk


class Participant(models.Model):
    """An applicant in a cycle, with their result once the cycle has run."""

    cycle = models.ForeignKey(MatchCycle, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_participations"
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    certified_at = models.DateTimeField(null=True, blank=True)
    list_used = models.BooleanField(
        default=False, help_text="Set by the run: the list was certified and went into the Match."
    )
    matched_program = models.ForeignKey(
        MatchProgram, null=True, blank=True, on_delete=models.SET_NULL, related_name="matched"
    )
    matched_choice = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Where the match was on the applicant's list (1 = first)."
    )
    booking = models.ForeignKey(
        "rotations.Booking", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    placement_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["user__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "user"], name="matching_join_once"),
            models.CheckConstraint(
                condition=Q(matched_choice__isnull=True) | Q(matched_choice__gte=1),
                name="matching_choice_from_one",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.cycle}"

    @property
    def name(self) -> str:
        return self.user.name or self.user.email


class ApplicantRank(models.Model):
    """One line of an applicant's rank list: a program at a position (1 = most preferred)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="ranks")
    program = models.ForeignKey(MatchProgram, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "position"], name="matching_applicant_position_unique"
            ),
            models.UniqueConstraint(
                fields=["participant", "program"], name="matching_applicant_program_once"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="matching_applicant_position_from_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.program}"


class ProgramRank(models.Model):
    """One line of a program's rank list: an applicant at a position (1 = most preferred)."""

    program = models.ForeignKey(MatchProgram, on_delete=models.CASCADE, related_name="ranks")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="program_ranks"
    )
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "position"], name="matching_program_position_unique"
            ),
            models.UniqueConstraint(
                fields=["program", "participant"], name="matching_program_applicant_once"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="matching_program_position_from_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.participant}"
