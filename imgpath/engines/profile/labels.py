"""Words for each value of the profile's enums: forms and pages build their choices from these,
so a new value is added once, in the enum, with its label here (a test checks every value
has one)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from imgpath.engines.profile.model import (
    CurrentVisa,
    ExamStatus,
    ExperienceKind,
    Location,
    PathwaysStatus,
    UsStatus,
    VisaPreference,
)

LABELS: Mapping[StrEnum, str] = {
    ExamStatus.NOT_TAKEN: "Not taken",
    ExamStatus.SCHEDULED: "Scheduled",
    ExamStatus.PASSED: "Passed",
    ExamStatus.FAILED: "Failed (most recent attempt)",
    UsStatus.NONE: "Neither (I will need a visa)",
    UsStatus.CITIZEN: "US citizen",
    UsStatus.PERMANENT_RESIDENT: "US permanent resident (green card)",
    CurrentVisa.NONE: "No US visa",
    CurrentVisa.B1B2: "B-1/B-2 visitor",
    CurrentVisa.F1: "F-1 student",
    CurrentVisa.J1: "J-1 exchange visitor",
    CurrentVisa.H1B: "H-1B",
    CurrentVisa.OTHER: "Other",
    Location.US: "In the United States",
    Location.ABROAD: "Outside the United States",
    VisaPreference.J1: "J-1 (ECFMG-sponsored)",
    VisaPreference.H1B: "H-1B",
    VisaPreference.EITHER: "Either",
    PathwaysStatus.NOT_STARTED: "Not started",
    PathwaysStatus.SUBMITTED: "Application submitted",
    PathwaysStatus.ACCEPTED: "Accepted (requirement met)",
    ExperienceKind.OBSERVERSHIP: "Observership (US, observation only)",
    ExperienceKind.EXTERNSHIP: "Externship (US, hands-on, after graduation)",
    ExperienceKind.CLERKSHIP: "Clerkship / elective (US, as a student)",
    ExperienceKind.US_RESIDENCY: "US residency training",
    ExperienceKind.TRAINING_ABROAD: "Postgraduate training abroad",
    ExperienceKind.PRACTICE_ABROAD: "Independent practice abroad",
}

CHOICE_ENUMS: tuple[type[StrEnum], ...] = (
    ExamStatus,
    UsStatus,
    CurrentVisa,
    Location,
    VisaPreference,
    PathwaysStatus,
    ExperienceKind,
)


def choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """``(value, label)`` for every value of ``enum``, in declaration order."""
    return [(member.value, LABELS[member]) for member in enum]
