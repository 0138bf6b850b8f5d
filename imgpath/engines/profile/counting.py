"""What a profile counts as: U.S. clinical experience, hands-on experience, a passed exam.

One definition for the roadmap, program fit and rotation eligibility, so no two pages can
disagree about the same applicant. The rules follow the roadmap engine (pathway-facts
section 8 for experience; ECFMG Certification is only issued after Step 1 and Step 2 CK).
"""

from __future__ import annotations

from imgpath.engines.profile.model import ExamStatus, Experience, ExperienceKind, Profile, UsStatus

# Observation and hands-on work in the U.S. short of residency: "U.S. clinical experience".
US_CLINICAL_KINDS = (
    ExperienceKind.OBSERVERSHIP,
    ExperienceKind.EXTERNSHIP,
    ExperienceKind.CLERKSHIP,
)
# Hands-on: the applicant treats patients. A U.S. residency is hands-on U.S. experience.
HANDS_ON_KINDS = (ExperienceKind.EXTERNSHIP, ExperienceKind.CLERKSHIP, ExperienceKind.US_RESIDENCY)
# Exams that ECFMG Certification proves passed (it is only issued after both).
CERTIFICATION_EXAMS = ("usmle_step1", "usmle_step2ck")


def in_us(item: Experience) -> bool:
    """Experience without a country is taken as U.S. experience (the form asks about the U.S.)."""
    return item.country in (None, "US")


def _months(profile: Profile, kinds: tuple[ExperienceKind, ...]) -> float:
    return float(
        sum(item.months or 0 for item in profile.experience if item.kind in kinds and in_us(item))
    )


def us_clinical_months(profile: Profile) -> float:
    """Months of observerships, externships and clerkships in the U.S. (residency apart)."""
    return _months(profile, US_CLINICAL_KINDS)


def hands_on_months(profile: Profile) -> float:
    """Months of hands-on U.S. experience: externships, clerkships and U.S. residency."""
    return _months(profile, HANDS_ON_KINDS)


def observership_months(profile: Profile) -> float:
    return _months(profile, (ExperienceKind.OBSERVERSHIP,))


def exam_passed(profile: Profile, exam_id: str) -> bool:
    """Passed by the profile's own word, or proven by ECFMG Certification (Steps 1 and 2 CK)."""
    exam = profile.exams.usmle(exam_id)
    if exam is not None and exam.status is ExamStatus.PASSED:
        return True
    return profile.ecfmg_certified is True and exam_id in CERTIFICATION_EXAMS


def exam_status(profile: Profile, exam_id: str) -> ExamStatus | None:
    """The exam's status as far as the profile tells (a pass ECFMG proves reads as passed)."""
    if exam_passed(profile, exam_id):
        return ExamStatus.PASSED
    exam = profile.exams.usmle(exam_id)
    return exam.status if exam is not None else None


def us_citizen(profile: Profile) -> bool:
    return profile.us_status is UsStatus.CITIZEN or "US" in profile.citizenships


def needs_visa(profile: Profile) -> bool:
    """Neither a U.S. citizen nor a permanent resident (an unknown status counts as needing one)."""
    return not us_citizen(profile) and profile.us_status is not UsStatus.PERMANENT_RESIDENT
