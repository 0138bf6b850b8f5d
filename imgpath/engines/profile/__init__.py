"""The applicant profile: one typed model, one parser, one way to count what it says.

Pure Python (no Django). Every reader (the roadmap rules, program fit, rotation eligibility,
mentor matching) takes the frozen ``Profile`` that ``parse_profile`` returns, never the JSON.

- ``parse_profile(data) -> Profile`` / ``profile_to_dict(profile)``; ``ProfileError``
- the enums (``UsStatus``, ``ExamStatus``, ``ExperienceKind`` ...) that forms and the API
  turn into their choices
- ``COUNTRY_CODES``, ``SPECIALTIES``, ``US_STATES``
- ``counting``: clinical and hands-on months, passed exams
"""

from __future__ import annotations

from imgpath.engines.profile.codes import COUNTRY_CODES, SPECIALTIES, US_STATES
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
from imgpath.engines.profile.parsing import ProfileError, parse_profile, profile_to_dict

__all__ = [
    "COUNTRY_CODES",
    "SPECIALTIES",
    "USMLE_EXAMS",
    "US_STATES",
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
    "ProfileError",
    "Progress",
    "Targets",
    "UsStatus",
    "UsmleExam",
    "VisaPreference",
    "parse_profile",
    "profile_to_dict",
]
