"""The profile document's schema: the API's contract, and the first check every path applies.

The API, the JSON import on the profile page and `manage.py roadmap` all validate through
`imgpath.profiles.services.profile_check`, so they refuse the same documents naming the same
field.
"""

from __future__ import annotations

from typing import Literal

from ninja import Field
from pydantic import ConfigDict

from imgpath.core.api import BodySchema

ExamStatus = Literal["not_taken", "scheduled", "passed", "failed"]
IsoDate = Field(None, pattern=r"^(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
Code2 = Field(None, pattern=r"^[A-Z]{2}$")


class Strict(BodySchema):
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
