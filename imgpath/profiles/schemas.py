"""The profile document's schema: the API's contract, and the first check every path applies.

The API, the JSON import on the profile page and `manage.py roadmap` all validate through
`imgpath.profiles.services.profile_check`, so they refuse the same documents naming the same
field.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from ninja import Field
from pydantic import ConfigDict

from imgpath.core.api import BodySchema
from imgpath.engines import profile as engine


def _api_enum(enum: type[StrEnum]) -> type[StrEnum]:
    """The engine's enum under a unique, prefixed API schema name (``ProfileExamStatus``):
    the values come from the engine, so a new one is added there once."""
    return StrEnum(f"Profile{enum.__name__}", {m.name: m.value for m in enum})  # type: ignore[return-value]


if TYPE_CHECKING:  # the checker sees the engine's enums, whose values these copy
    ProfileExamStatus = engine.ExamStatus
    ProfileUsStatus = engine.UsStatus
    ProfileCurrentVisa = engine.CurrentVisa
    ProfileLocation = engine.Location
    ProfilePathwaysStatus = engine.PathwaysStatus
    ProfileExperienceKind = engine.ExperienceKind
    ProfileVisaPreference = engine.VisaPreference
else:
    ProfileExamStatus = _api_enum(engine.ExamStatus)
    ProfileUsStatus = _api_enum(engine.UsStatus)
    ProfileCurrentVisa = _api_enum(engine.CurrentVisa)
    ProfileLocation = _api_enum(engine.Location)
    ProfilePathwaysStatus = _api_enum(engine.PathwaysStatus)
    ProfileExperienceKind = _api_enum(engine.ExperienceKind)
    ProfileVisaPreference = _api_enum(engine.VisaPreference)
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
    status: ProfileExamStatus | None = None
    attempts: int | None = Field(None, ge=0, le=10)
    score: int | None = Field(None, ge=1, le=300)
    date: str | None = IsoDate


class OetIn(Strict):
    status: ProfileExamStatus | None = None
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
    kind: ProfileExperienceKind
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
    us_status: ProfileUsStatus | None = None
    current_visa: ProfileCurrentVisa | None = None
    current_location: ProfileLocation | None = None
    medical_school: MedicalSchoolIn | None = None
    exams: ExamsIn | None = None
    pathways: ProfilePathwaysStatus | None = None
    ecfmg_certified: bool | None = None
    ecfmg_certified_date: str | None = IsoDate
    experience: list[ExperienceIn] = Field(default_factory=list, max_length=50)
    licensed_abroad: bool | None = None
    targets: TargetsIn | None = None
    visa_preference: ProfileVisaPreference | None = None
    progress: ProgressIn | None = None
