"""The applicant profile over the API: the same document the page edits.

The schemas give the OpenAPI contract its types; `profile_save` then applies the
engine's parser, so the API refuses exactly what the page refuses (422 naming the field).
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from imgpath.core.permissions import require_applicant
from imgpath.profiles.selectors import profile_data_for
from imgpath.profiles.services import profile_save

ROUTER_PREFIX = ""
router = Router(tags=["profile"])

ExamStatus = Literal["not_taken", "scheduled", "passed", "failed"]
IsoDate = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
Code2 = Field(None, pattern=r"^[A-Z]{2}$")


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class MedicalSchoolIn(Strict):
    name: str | None = Field(None, max_length=200, pattern=r"^[^\x00]*$")
    country: str | None = Code2
    ecfmg_sponsor_note: bool | None = None
    graduated: bool | None = None
    graduation_year: int | None = Field(None, ge=1950, le=2100)
    diploma_verified: bool | None = None


class UsmleIn(Strict):
    status: ExamStatus | None = None
    attempts: int | None = Field(None, ge=0, le=10)
    score: int | None = Field(None, ge=1, le=300)
    date: str | None = IsoDate


class OetIn(Strict):
    status: ExamStatus | None = None
    date: str | None = IsoDate
    listening: int | None = Field(None, ge=0, le=500)
    reading: int | None = Field(None, ge=0, le=500)
    writing: int | None = Field(None, ge=0, le=500)
    speaking: int | None = Field(None, ge=0, le=500)


class ExamsIn(Strict):
    usmle_step1: UsmleIn | None = None
    usmle_step2ck: UsmleIn | None = None
    usmle_step3: UsmleIn | None = None
    oet: OetIn | None = None


class ExperienceIn(Strict):
    kind: Literal[
        "observership",
        "externship",
        "clerkship",
        "us_residency",
        "training_abroad",
        "practice_abroad",
    ]
    months: float | None = Field(None, ge=0, le=600)
    country: str | None = Code2
    specialty: str | None = Field(None, max_length=60, pattern=r"^[a-z_]+$")
    start_date: str | None = IsoDate
    end_date: str | None = IsoDate


class TargetsIn(Strict):
    specialties: list[str] = Field(default_factory=list, max_length=50)
    states: list[str] = Field(default_factory=list, max_length=60)
    match_year: int | None = Field(None, ge=1950, le=2100)


class ProgressIn(Strict):
    program_list_ready: bool | None = None
    personal_statement_ready: bool | None = None
    letters_ready: bool | None = None
    eras_submitted: bool | None = None
    nrmp_registered: bool | None = None
    rank_list_certified: bool | None = None
    matched: bool | None = None


class ProfileIn(Strict):
    citizenships: list[str] = Field(default_factory=list, max_length=50)
    us_status: Literal["none", "citizen", "permanent_resident"] | None = None
    current_visa: Literal["none", "B1B2", "F1", "J1", "H1B", "other"] | None = None
    current_location: Literal["us", "abroad"] | None = None
    medical_school: MedicalSchoolIn | None = None
    exams: ExamsIn | None = None
    pathways: Literal["not_started", "submitted", "accepted"] | None = None
    ecfmg_certified: bool | None = None
    ecfmg_certified_date: str | None = IsoDate
    experience: list[ExperienceIn] = Field(default_factory=list, max_length=50)
    licensed_abroad: bool | None = None
    targets: TargetsIn | None = None
    visa_preference: Literal["j1", "h1b", "either"] | None = None
    progress: ProgressIn | None = None


class Message(Schema):
    detail: str


@router.get("/profile", response={200: dict[str, Any], 404: Message}, summary="My profile")
def profile_get(request: HttpRequest) -> dict[str, Any]:
    """The signed-in applicant's profile document ({} when nothing was saved)."""
    require_applicant(request)
    return profile_data_for(request.user)


@router.put(
    "/profile",
    response={200: dict[str, Any], 404: Message, 422: Message},
    summary="Replace my profile",
)
def profile_put(request: HttpRequest, payload: ProfileIn) -> dict[str, Any]:
    """Replace the whole profile. Every field is optional; an unknown field is refused."""
    require_applicant(request)
    document = payload.model_dump(exclude_none=True, exclude_defaults=False)
    profile = profile_save(user=request.user, data=_drop_empty(document))
    return profile.data


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        cleaned = {k: _drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in ({}, [])}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value
