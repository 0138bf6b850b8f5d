"""Hosts (physicians, practices, hospitals, associations) and the sites where they teach."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from imgpath.core.models import TimeStampedModel
from imgpath.rotations.choices import HostKind, Specialty, USState


class HostProfile(TimeStampedModel):
    """A host as IMGs see it. Nothing it offers is public until staff verify it."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="host_profiles",
        help_text="Empty once the owner deleted their account; the profile stays for history.",
    )
    kind = models.CharField(max_length=16, choices=HostKind.choices)
    name = models.CharField(max_length=150, help_text="As applicants should see it.")
    about = models.TextField(blank=True, max_length=3000)
    credentials = models.TextField(
        max_length=2000,
        help_text=(
            "Licences (state and number), board certifications or accreditation. "
            "IMGPath staff check them before verifying the profile."
        ),
    )
    website = models.URLField(blank=True)
    specialties = models.JSONField(default=list, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        valid = set(Specialty.values)
        if not isinstance(self.specialties, list) or not set(self.specialties) <= valid:
            raise ValidationError({"specialties": "Choose specialties from the list."})

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def specialty_labels(self) -> list[str]:
        return [Specialty(code).label for code in self.specialties if code in Specialty.values]


class Site(models.Model):
    host = models.ForeignKey(HostProfile, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(max_length=150, help_text="e.g. “Main campus” or the clinic's name.")
    street = models.CharField("Street address", max_length=200)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=USState.choices)
    postal_code = models.CharField(
        "ZIP code",
        max_length=10,
        validators=[RegexValidator(r"^\d{5}(-\d{4})?$", "Use a US ZIP code such as 60601.")],
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.city}, {self.state}"

    @property
    def address(self) -> str:
        return f"{self.street}, {self.city}, {self.state} {self.postal_code}"
