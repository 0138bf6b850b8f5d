"""What hosts offer (observerships, externships, clerkships) and the dated sessions to book."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Count, F, Q

from imgpath.core.models import TimeStampedModel
from imgpath.rotations.choices import (
    HANDS_ON_KINDS,
    KIND_EXPLAINED,
    OBSERVERSHIP_KINDS,
    SEAT_HOLDING_STATUSES,
    Audience,
    DocumentType,
    OfferingKind,
    OfferingStatus,
    Specialty,
)
from imgpath.rotations.models.hosts import HostProfile, Site
from imgpath.rotations.policy import CancellationTerms, describe

MAX_FEE_USD = 50_000
MAX_SEATS = 100


class OfferingQuerySet(models.QuerySet["Offering"]):
    def public(self) -> OfferingQuerySet:
        """Published by a host whose profile staff verified and whose account still exists."""
        return self.filter(
            status=OfferingStatus.PUBLISHED,
            host__verified_at__isnull=False,
            host__owner__isnull=False,
            host__owner__is_active=True,
        )


class Offering(TimeStampedModel):
    host = models.ForeignKey(HostProfile, on_delete=models.PROTECT, related_name="offerings")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="offerings")
    kind = models.CharField(max_length=24, choices=OfferingKind.choices)
    specialty = models.CharField(max_length=32, choices=Specialty.choices)
    title = models.CharField(max_length=150)
    description = models.TextField(max_length=5000)
    typical_day = models.TextField("What a day looks like", max_length=3000)
    hands_on = models.BooleanField(
        "Hands-on patient care", default=False, help_text="Only externships and clerkships."
    )
    letter_possible = models.BooleanField(
        "A letter of recommendation is possible",
        default=False,
        help_text="Never promised: the preceptor decides after the rotation.",
    )
    audience = models.CharField(
        "Who can apply", max_length=16, choices=Audience.choices, default=Audience.ANYONE
    )
    requires_step1 = models.BooleanField(
        "USMLE Step 1 passed is required", default=False, help_text="Required for hands-on."
    )
    required_documents = models.JSONField(default=list, blank=True)
    onboarding_steps = models.TextField(
        "Onboarding steps after booking",
        blank=True,
        max_length=3000,
        help_text="One per line, e.g. “Complete HIPAA training”. Shown as a checklist.",
    )
    preceptor = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who supervises: name, licence state, board certification.",
    )
    fee_usd = models.PositiveIntegerField(
        "Fee (USD)", default=0, validators=[MaxValueValidator(MAX_FEE_USD)]
    )
    fee_covers = models.TextField("What the fee covers", blank=True, max_length=2000)
    cost_items = models.JSONField(default=list, blank=True)
    deposit_usd = models.PositiveIntegerField("Non-refundable deposit (USD)", default=0)
    full_refund_days_before = models.PositiveSmallIntegerField(
        "Full refund until (days before the start)",
        default=30,
        validators=[MaxValueValidator(365)],
    )
    late_refund_percent = models.PositiveSmallIntegerField(
        "Refund after that (percent)", default=0, validators=[MaxValueValidator(100)]
    )
    visa_denial_full_refund = models.BooleanField(
        "Full refund if the applicant's US visa is refused", default=True
    )
    policy_notes = models.TextField("More about cancellation", blank=True, max_length=2000)
    status = models.CharField(
        max_length=16, choices=OfferingStatus.choices, default=OfferingStatus.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)

    objects = OfferingQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=Q(fee_usd__gte=0), name="rotations_fee_not_negative"),
            models.CheckConstraint(
                condition=Q(deposit_usd__lte=F("fee_usd")), name="rotations_deposit_within_fee"
            ),
            models.CheckConstraint(
                condition=Q(late_refund_percent__lte=100), name="rotations_refund_percent_max_100"
            ),
            models.CheckConstraint(
                condition=Q(hands_on=False) | Q(kind__in=HANDS_ON_KINDS),
                name="rotations_observerships_are_not_hands_on",
            ),
            models.CheckConstraint(
                condition=Q(hands_on=False) | Q(requires_step1=True),
                name="rotations_hands_on_requires_step1",
            ),
            models.CheckConstraint(
                condition=~Q(kind=OfferingKind.CLERKSHIP) | Q(audience=Audience.STUDENTS),
                name="rotations_clerkships_are_for_students",
            ),
            models.CheckConstraint(
                condition=~Q(kind=OfferingKind.EXTERNSHIP) | Q(audience=Audience.GRADUATES),
                name="rotations_externships_are_for_graduates",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.site_id and self.host_id and self.site.host_id != self.host_id:
            errors["site"] = "Choose one of this host's sites."
        if not set(self.required_documents or []) <= set(DocumentType.values):
            errors["required_documents"] = "Choose documents from the list."
        errors.update(self._kind_errors())
        errors.update(self._price_errors())
        if errors:
            raise ValidationError(errors)

    def _kind_errors(self) -> dict[str, str]:
        errors = {}
        if self.hands_on and self.kind not in HANDS_ON_KINDS:
            errors["hands_on"] = "Observerships are observation only: no hands-on patient care."
        if self.hands_on and not self.requires_step1:
            errors["requires_step1"] = "Hands-on offerings require USMLE Step 1 passed."
        if self.kind == OfferingKind.CLERKSHIP and self.audience != Audience.STUDENTS:
            errors["audience"] = "Clerkships are for current medical students."
        if self.kind == OfferingKind.EXTERNSHIP and self.audience != Audience.GRADUATES:
            errors["audience"] = "Externships are for graduates."
        if self.is_nonprofit and not self.preceptor.strip():
            errors["preceptor"] = "Name the licensed physician who precepts (AMA guidelines)."
        return errors

    def _price_errors(self) -> dict[str, str]:
        errors = {}
        items = self.cost_items or []
        if not _valid_cost_items(items):
            return {"cost_items": "Each cost needs a label and a whole-dollar amount."}
        total = sum(item["usd"] for item in items)
        if items and total != self.fee_usd:
            errors["cost_items"] = f"The itemized costs add up to ${total}, not the fee."
        if self.is_nonprofit and self.fee_usd and not items:
            errors["cost_items"] = (
                "A not-for-profit observership is free or charges itemized actual costs only: "
                "list each cost."
            )
        if self.deposit_usd > self.fee_usd:
            errors["deposit_usd"] = "The deposit cannot be more than the fee."
        return errors

    @property
    def is_nonprofit(self) -> bool:
        return self.kind == OfferingKind.NONPROFIT_OBSERVERSHIP

    @property
    def kind_noun(self) -> str:
        """The plain noun for sentences: “this observership”, “this clerkship”."""
        return "observership" if self.kind in OBSERVERSHIP_KINDS else self.kind

    @property
    def is_free(self) -> bool:
        return self.fee_usd == 0

    @property
    def is_public(self) -> bool:
        return Offering.objects.public().filter(pk=self.pk).exists()

    @property
    def kind_explained(self) -> str:
        return KIND_EXPLAINED[OfferingKind(self.kind)]

    @property
    def terms(self) -> CancellationTerms:
        return CancellationTerms(
            fee_usd=self.fee_usd,
            deposit_usd=self.deposit_usd,
            full_refund_days_before=self.full_refund_days_before,
            late_refund_percent=self.late_refund_percent,
            visa_denial_full_refund=self.visa_denial_full_refund,
        )

    @property
    def policy_lines(self) -> list[str]:
        lines = describe(self.terms)
        if self.policy_notes.strip():
            lines.append(self.policy_notes.strip())
        return lines

    @property
    def onboarding_step_list(self) -> list[str]:
        return [line.strip() for line in self.onboarding_steps.splitlines() if line.strip()]

    @property
    def required_document_labels(self) -> list[str]:
        return [DocumentType(code).label for code in self.required_documents]


def _valid_cost_items(items: Any) -> bool:
    if not isinstance(items, list):
        return False
    return all(
        isinstance(item, dict)
        and isinstance(item.get("label"), str)
        and item["label"].strip()
        and isinstance(item.get("usd"), int)
        and 0 <= item["usd"] <= MAX_FEE_USD
        for item in items
    )


class SessionQuerySet(models.QuerySet["Session"]):
    def with_seats(self) -> SessionQuerySet:
        taken = Count("bookings", filter=Q(bookings__status__in=SEAT_HOLDING_STATUSES))
        return self.annotate(seats_taken=taken).annotate(seats_left=F("seats") - F("seats_taken"))

    def upcoming(self, today: date) -> SessionQuerySet:
        return self.filter(start_date__gt=today)


class Session(models.Model):
    """Dated seats of an offering. Bookings never outnumber `seats` (see services.bookings)."""

    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="sessions")
    start_date = models.DateField()
    end_date = models.DateField()
    seats = models.PositiveSmallIntegerField(validators=[MaxValueValidator(MAX_SEATS)])
    is_open = models.BooleanField(
        "Taking applications", default=True, help_text="Close it to stop new applications."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=0), name="rotations_seats_not_negative"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="rotations_session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offering} · {self.start_date:%d %b %Y} to {self.end_date:%d %b %Y}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The session must end on or after its start."})
        if self.start_date and self.end_date and (self.end_date - self.start_date).days > 183:
            raise ValidationError({"end_date": "A session lasts at most six months."})

    @property
    def weeks(self) -> int:
        return max(1, round(((self.end_date - self.start_date).days + 1) / 7))

    def seats_taken_now(self) -> int:
        return self.bookings.filter(status__in=SEAT_HOLDING_STATUSES).count()
