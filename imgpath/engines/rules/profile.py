"""Kept so older imports work: the profile model lives in ``imgpath.engines.profile``."""

from imgpath.engines.profile.model import (
    USMLE_EXAMS,
    CurrentVisa,
    Exams,
    ExamStatus,
    Experience,
    ExperienceKind,
    Location,
    MedicalSchool,
    OetResult,
    PathwaysStatus,
    Profile,
    Progress,
    Targets,
    UsmleExam,
    UsStatus,
    VisaPreference,
)

__all__ = [
    "USMLE_EXAMS",
    "CurrentVisa",
    "ExamStatus",
    "Exams",
    "Experience",
    "ExperienceKind",
    "Location",
    "MedicalSchool",
    "OetResult",
    "PathwaysStatus",
    "Profile",
    "Progress",
    "Targets",
    "UsStatus",
    "UsmleExam",
    "VisaPreference",
]
