"""Does an applicant meet an offering's requirements, as far as their profile tells?

Pure Python: it reads the profile document defensively. A missing answer is
"unconfirmed", never a refusal; only an answer that contradicts a requirement
is "not met".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

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


def _section(profile: dict[str, Any], key: str) -> dict[str, Any]:
    value = profile.get(key) if isinstance(profile, dict) else None
    return value if isinstance(value, dict) else {}


def graduated(profile: dict[str, Any]) -> bool | None:
    value = _section(profile, "medical_school").get("graduated")
    return value if isinstance(value, bool) else None


def step1_status(profile: dict[str, Any]) -> str | None:
    value = _section(_section(profile, "exams"), "usmle_step1").get("status")
    return value if isinstance(value, str) and value else None


def check_audience(audience: str, profile: dict[str, Any]) -> Check | None:
    if audience == "anyone":
        return None
    wanted = audience == "graduates"
    requirement = "Medical school graduate" if wanted else "Current medical student"
    known = graduated(profile)
    if known is None:
        return Check(requirement, UNCONFIRMED, "The profile does not say whether you graduated.")
    if known == wanted:
        return Check(requirement, MET, "Confirmed by the applicant's profile.")
    detail = (
        "The profile says you have not graduated yet."
        if wanted
        else ("The profile says you have graduated.")
    )
    return Check(requirement, NOT_MET, detail)


def check_step1(profile: dict[str, Any]) -> Check:
    requirement = "USMLE Step 1 passed"
    status = step1_status(profile)
    if status == "passed":
        return Check(requirement, MET, "Confirmed by the applicant's profile.")
    if status in {"failed", "not_taken"}:
        shown = "not taken" if status == "not_taken" else "not passed"
        return Check(requirement, NOT_MET, f"The profile says Step 1 is {shown}.")
    if status == "scheduled":
        return Check(requirement, UNCONFIRMED, "Step 1 is scheduled; a pass is not confirmed yet.")
    return Check(requirement, UNCONFIRMED, "The profile does not give a Step 1 result.")


def assess(*, audience: str, requires_step1: bool, profile: dict[str, Any]) -> list[Check]:
    checks = [check_audience(audience, profile)]
    if requires_step1:
        checks.append(check_step1(profile))
    return [c for c in checks if c is not None]
