"""Bookings (a taken seat), their onboarding checklist, reviews and letter requests."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from imgpath.core.models import TimeStampedModel
from imgpath.rotations.choices import (
    BookingStatus,
    CancelReason,
    ChecklistKind,
    LetterStatus,
    PaymentStatus,
)
from imgpath.rotations.models.applications import Application
from imgpath.rotations.models.offerings import Session
from imgpath.rotations.policy import CancellationTerms

_USER = settings.AUTH_USER_MODEL


class Booking(TimeStampedModel):
    """A seat taken. Price and policy are copied here so later edits by the host don't apply."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="booking"
    )
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="bookings")
    applicant = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="rotation_bookings"
    )
    status = models.CharField(
        max_length=16, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    price_usd = models.PositiveIntegerField()
    fee_covers = models.TextField(blank=True)
    policy_terms = models.JSONField(default=dict)
    policy_text = models.TextField()
    payment_status = models.CharField(max_length=16, choices=PaymentStatus.choices)
    refund_due_usd = models.PositiveIntegerField(null=True, blank=True)
    refunded_usd = models.PositiveIntegerField(null=True, blank=True)
    promoted_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the seat came automatically from the waitlist."
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(max_length=24, choices=CancelReason.choices, blank=True)
    cancel_note = models.TextField(blank=True, max_length=2000)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evaluation = models.TextField(blank=True, max_length=5000)

    class Meta:
        ordering = ["session__start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_usd__gte=0), name="rotations_booking_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"Booking {self.pk}: {self.application}"

    @property
    def terms(self) -> CancellationTerms:
        return CancellationTerms.from_dict(self.policy_terms)

    @property
    def policy_lines(self) -> list[str]:
        return [line for line in self.policy_text.splitlines() if line.strip()]

    @property
    def is_active(self) -> bool:
        return self.status == BookingStatus.BOOKED


class ChecklistItem(models.Model):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="checklist")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=ChecklistKind.choices)
    label = models.CharField(max_length=200)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "position"], name="rotations_checklist_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class Review(models.Model):
    """A review exists only for a completed booking: every review is a verified one."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="review")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="rotations_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 for booking {self.booking_id}"


class LetterRequest(TimeStampedModel):
    """Tracks a letter of recommendation; the letter itself never passes through IMGPath."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="letter_request")
    status = models.CharField(
        max_length=16, choices=LetterStatus.choices, default=LetterStatus.REQUESTED
    )
    applicant_note = models.TextField(blank=True, max_length=2000)
    host_note = models.TextField(blank=True, max_length=2000)

    def __str__(self) -> str:
        return f"Letter for booking {self.booking_id}: {self.status}"
