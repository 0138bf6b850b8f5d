"""The applicant profile the roadmap is built from: frozen, every part optional.

An IMG rarely knows everything at once, so every field may be missing (None or empty);
the engine works with what it has and says what it still needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class UsStatus(StrEnum):
    NONE = "none"
    CITIZEN = "citizen"
    PERMANENT_RESIDENT = "permanent_resident"


class CurrentVisa(StrEnum):
    NONE = "none"
    B1B2 = "B1B2"
    F1 = "F1"
    J1 = "J1"
    H1B = "H1B"
    OTHER = "other"


class Location(StrEnum):
    """Where the applicant is now; it decides whether the $100,000 H-1B payment can apply."""

    US = "us"
    ABROAD = "abroad"


class ExamStatus(StrEnum):
    NOT_TAKEN = "not_taken"
    SCHEDULED = "scheduled"
    PASSED = "passed"
    FAILED = "failed"


class PathwaysStatus(StrEnum):
    NOT_STARTED = "not_started"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"


class ExperienceKind(StrEnum):
    OBSERVERSHIP = "observership"
    EXTERNSHIP = "externship"
    CLERKSHIP = "clerkship"
    US_RESIDENCY = "us_residency"
    TRAINING_ABROAD = "training_abroad"
    PRACTICE_ABROAD = "practice_abroad"


class VisaPreference(StrEnum):
    J1 = "j1"
    H1B = "h1b"
    EITHER = "either"


USMLE_EXAMS = ("usmle_step1", "usmle_step2ck", "usmle_step3")


@dataclass(frozen=True)
class MedicalSchool:
    name: str | None = None
    country: str | None = None
    ecfmg_sponsor_note: bool | None = None
    graduated: bool | None = None
    # The year of graduation, or the expected year when ``graduated`` is False.
    graduation_year: int | None = None
    # ECFMG has verified the final diploma at the source.
    diploma_verified: bool | None = None


@dataclass(frozen=True)
class UsmleExam:
    status: ExamStatus | None = None
    # Every sitting already taken, the passing one included (a scheduled sitting is not).
    attempts: int | None = None
    score: int | None = None
    date: date | None = None


@dataclass(frozen=True)
class OetResult:
    status: ExamStatus | None = None
    date: date | None = None
    listening: int | None = None
    reading: int | None = None
    writing: int | None = None
    speaking: int | None = None


@dataclass(frozen=True)
class Exams:
    usmle_step1: UsmleExam | None = None
    usmle_step2ck: UsmleExam | None = None
    usmle_step3: UsmleExam | None = None
    oet: OetResult | None = None

    def usmle(self, exam_id: str) -> UsmleExam | None:
        return {
            "usmle_step1": self.usmle_step1,
            "usmle_step2ck": self.usmle_step2ck,
            "usmle_step3": self.usmle_step3,
        }[exam_id]


@dataclass(frozen=True)
class Experience:
    kind: ExperienceKind
    months: int | float | None = None
    country: str | None = None
    specialty: str | None = None
    start_date: date | None = None
    end_date: date | None = None


@dataclass(frozen=True)
class Targets:
    specialties: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    match_year: int | None = None


@dataclass(frozen=True)
class Progress:
    """How far the applicant is in the current application cycle (all optional)."""

    program_list_ready: bool | None = None
    personal_statement_ready: bool | None = None
    letters_ready: bool | None = None
    eras_submitted: bool | None = None
    nrmp_registered: bool | None = None
    rank_list_certified: bool | None = None
    matched: bool | None = None


@dataclass(frozen=True)
class Profile:
    citizenships: tuple[str, ...] = ()
    us_status: UsStatus | None = None
    current_visa: CurrentVisa | None = None
    current_location: Location | None = None
    medical_school: MedicalSchool = field(default_factory=MedicalSchool)
    exams: Exams = field(default_factory=Exams)
    pathways: PathwaysStatus | None = None
    ecfmg_certified: bool | None = None
    ecfmg_certified_date: date | None = None
    experience: tuple[Experience, ...] = ()
    licensed_abroad: bool | None = None
    targets: Targets = field(default_factory=Targets)
    visa_preference: VisaPreference | None = None
    progress: Progress = field(default_factory=Progress)
