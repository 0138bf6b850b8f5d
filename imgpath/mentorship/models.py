"""Mentor profiles, mentorships (a request that becomes one), office hours and bookings.

Every time is stored in UTC (USE_TZ); pages show it in the viewer's own zone.
"""

from __future__ import annotations

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from imgpath.core.models import TimeStampedModel
from imgpath.mentorship.choices import (
    MentorshipStatus,
    SlotKind,
    UsceKind,
    VisaRouteChoice,
)

MAX_CAPACITY = 20
MAX_GOAL = 500


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not an IANA time zone such as Asia/Kolkata.")


class MentorProfile(TimeStampedModel):
    """What a mentor tells applicants. Public only once staff approved the account; no contact."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile"
    )
    headline = models.CharField(max_length=160, blank=True)
    bio = models.TextField(max_length=2000, blank=True)
    graduation_country = models.CharField(max_length=2, blank=True)
    school_name = models.CharField(max_length=200, blank=True)
    graduation_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    specialty = models.CharField(max_length=64, blank=True)
    training_institution = models.CharField(max_length=200, blank=True)
    training_program_acgme_id = models.CharField(
        "ACGME program id", max_length=10, blank=True, help_text="Links to the program directory."
    )
    current_position = models.CharField(max_length=200, blank=True)
    current_state = models.CharField(max_length=2, blank=True)
    ecfmg_route = models.CharField(
        "ECFMG certification route",
        max_length=200,
        blank=True,
        help_text="For example: OET Medicine and Pathway 3.",
    )
    usce_kind = models.CharField(max_length=16, choices=UsceKind.choices, blank=True)
    visa_route = models.CharField(max_length=16, choices=VisaRouteChoice.choices, blank=True)
    waiver = models.CharField(max_length=200, blank=True, help_text="J-1 waiver, if any.")
    alternative_licensure = models.CharField(max_length=200, blank=True)
    languages = models.JSONField(default=list, blank=True)
    topics = models.JSONField(default=list, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    capacity = models.PositiveSmallIntegerField(
        default=2,
        validators=[MaxValueValidator(MAX_CAPACITY)],
        help_text="How many mentees at once.",
    )
    paused = models.BooleanField(default=False, help_text="Take no new requests for now.")

    class Meta:
        ordering = ["user__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__lte=MAX_CAPACITY), name="mentorship_capacity_bounded"
            )
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_public(self) -> bool:
        user = self.user
        return user.is_active and user.is_mentor and user.approved_at is not None


class MenteeSettings(models.Model):
    """The applicant's languages and time zone (the profile has neither)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentee_settings"
    )
    languages = models.JSONField(default=list, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])

    def __str__(self) -> str:
        return f"Mentee settings of {self.user}"


class Mentorship(TimeStampedModel):
    """A request from an applicant to a mentor; once accepted, the mentorship itself."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_as_mentor"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_as_mentee"
    )
    goal = models.TextField(max_length=MAX_GOAL)
    status = models.CharField(
        max_length=16, choices=MentorshipStatus.choices, default=MentorshipStatus.REQUESTED
    )
    response = models.TextField(max_length=1000, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    thread_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "mentee"],
                condition=Q(status__in=["requested", "active"]),
                name="mentorship_one_open_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(mentor=models.F("mentee")), name="mentorship_not_with_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} → {self.mentor} ({self.status})"


class OfficeHour(TimeStampedModel):
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_hours"
    )
    title = models.CharField(max_length=160)
    kind = models.CharField(max_length=16, choices=SlotKind.choices, default=SlotKind.ONE_TO_ONE)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="office_hour_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & (~Q(kind="one_to_one") | Q(capacity=1)),
                name="office_hour_one_to_one_has_one_seat",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%Y-%m-%d %H:%M} UTC)"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"


class OfficeHourBooking(models.Model):
    slot = models.ForeignKey(OfficeHour, on_delete=models.CASCADE, related_name="bookings")
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_hour_bookings"
    )
    status = models.CharField(max_length=16, choices=BookingStatus.choices, default="booked")
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "mentee"],
                condition=Q(status="booked"),
                name="office_hour_booked_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentee} in {self.slot} ({self.status})"


def _feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of a person's office-hours iCalendar feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_hours_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=_feed_token)

    def __str__(self) -> str:
        return f"Office-hours feed of {self.user}"
