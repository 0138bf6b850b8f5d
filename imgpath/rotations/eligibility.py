"""Does an applicant meet an offering's requirements, as far as their profile tells?

Pure Python over the typed profile (``profiles.selectors.profile_for``). A missing answer
is "unconfirmed", never a refusal; only an answer that contradicts a requirement is "not
met". A passed Step 1 is counted as the roadmap counts it (ECFMG Certification proves it).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from imgpath.engines.profile import ExamStatus, Profile
from imgpath.engines.profile.counting import exam_status

MET = "met"
UNCONFIRMED = "unconfirmed"
NOT_MET = "not_met"


@dataclass(frozen=True)
class Check:
    requirement: str
    status: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def check_audience(audience: str, profile: Profile) -> Check | None:
    if audience == "anyone":
        return None
    wanted = audience == "graduates"
    requirement = "Medical school graduate" if wanted else "Current medical student"
    known = profile.medical_school.graduated
    if known is None:
        return Check(requirement, UNCONFIRMED, "The profile does not say whether you graduated.")
    if known == wanted:
        return Check(requirement, MET, "Confirmed by the applicant's profile.")
    detail = (
        "The profile says you have not graduated yet."
        if wanted
        else "The profile says you have graduated."
    )
    return Check(requirement, NOT_MET, detail)


def check_step1(profile: Profile) -> Check:
    requirement = "USMLE Step 1 passed"
    status = exam_status(profile, "usmle_step1")
    if status is ExamStatus.PASSED:
        return Check(requirement, MET, "Confirmed by the applicant's profile.")
    if status in {ExamStatus.FAILED, ExamStatus.NOT_TAKEN}:
        shown = "not taken" if status is ExamStatus.NOT_TAKEN else "not passed"
        return Check(requirement, NOT_MET, f"The profile says Step 1 is {shown}.")
    if status is ExamStatus.SCHEDULED:
        return Check(requirement, UNCONFIRMED, "Step 1 is scheduled; a pass is not confirmed yet.")
    return Check(requirement, UNCONFIRMED, "The profile does not give a Step 1 result.")


def assess(*, audience: str, requires_step1: bool, profile: Profile) -> list[Check]:
    checks = [check_audience(audience, profile)]
    if requires_step1:
        checks.append(check_step1(profile))
    return [c for c in checks if c is not None]
