"""Parse and serialise the profile's JSON form, shared by the API, imports and commands.

The parser is strict: an unknown key, an impossible date or an out-of-range number is an
error whose message starts with the field path (``exams.usmle_step1.attempts: ...``), so a
form or an API client can point at the exact field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

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

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

MIN_YEAR, MAX_YEAR = 1950, 2100
MAX_ATTEMPTS = 10
MAX_LIST = 50
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ABROAD_KINDS = (ExperienceKind.TRAINING_ABROAD, ExperienceKind.PRACTICE_ABROAD)


class ProfileError(ValueError):
    """An invalid profile; ``path`` names the field, e.g. ``exams.oet.writing``."""

    def __init__(self, path: str, message: str) -> None:
        self.path, self.message = path or "profile", message
        super().__init__(f"{self.path}: {message}")


def parse_profile(data: dict[str, Any]) -> Profile:
    """Check ``data`` (the profile's JSON form) and return a frozen ``Profile``."""
    top = _object(data, "", _TOP_KEYS)
    profile = Profile(
        citizenships=_list(top.get("citizenships"), "citizenships", _country),
        us_status=_enum(top.get("us_status"), "us_status", UsStatus),
        current_visa=_enum(top.get("current_visa"), "current_visa", CurrentVisa),
        current_location=_enum(top.get("current_location"), "current_location", Location),
        medical_school=_school(top.get("medical_school")),
        exams=_exams(top.get("exams")),
        pathways=_enum(top.get("pathways"), "pathways", PathwaysStatus),
        ecfmg_certified=_bool(top.get("ecfmg_certified"), "ecfmg_certified"),
        ecfmg_certified_date=_date(top.get("ecfmg_certified_date"), "ecfmg_certified_date"),
        experience=_experience_list(top.get("experience")),
        licensed_abroad=_bool(top.get("licensed_abroad"), "licensed_abroad"),
        targets=_targets(top.get("targets")),
        visa_preference=_enum(top.get("visa_preference"), "visa_preference", VisaPreference),
        progress=_progress(top.get("progress")),
    )
    _check_consistency(profile)
    return profile


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    """The JSON form of ``profile``; ``parse_profile(profile_to_dict(p)) == p``."""
    plain: dict[str, Any] = _plain(profile)
    return plain


_TOP_KEYS = (
    "citizenships",
    "us_status",
    "current_visa",
    "current_location",
    "medical_school",
    "exams",
    "pathways",
    "ecfmg_certified",
    "ecfmg_certified_date",
    "experience",
    "licensed_abroad",
    "targets",
    "visa_preference",
    "progress",
)


def _plain(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return {item.name: _plain(getattr(value, item.name)) for item in fields(value)}
    return value


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _object(value: object, path: str, keys: tuple[str, ...]) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ProfileError(path, "must be an object")
    for key in value:
        if key not in keys:
            raise ProfileError(_join(path, str(key)), "unknown field")
    return value


def _enum(value: object, path: str, enum: type[E]) -> E | None:
    if value is None:
        return None
    allowed = [item.value for item in enum]
    if value not in allowed:
        raise ProfileError(path, f"must be one of {', '.join(allowed)}")
    return enum(value)


def _bool(value: object, path: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise ProfileError(path, "must be true or false")
    return value


def _int(value: object, path: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ProfileError(path, f"must be an integer between {low} and {high}")
    return value


def _months(value: object, path: str) -> int | float | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not 0 <= value <= 600
    ):
        raise ProfileError(path, "must be a number of months between 0 and 600")
    return int(value) if float(value).is_integer() else float(value)


def _text(value: object, path: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise ProfileError(path, "must be a non-empty text of at most 200 characters")
    return value.strip()


def _date(value: object, path: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise ProfileError(path, "must be a date written YYYY-MM-DD")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise ProfileError(path, f"is not a real date ({value})") from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ProfileError(path, f"must be between {MIN_YEAR} and {MAX_YEAR}")
    return parsed


def _code(value: object, path: str, table: Any, what: str) -> str:
    code = value.upper() if isinstance(value, str) else None
    if code is None or code not in table:
        raise ProfileError(path, f"must be {what}")
    return code


def _country(value: object, path: str) -> str:
    return _code(value, path, COUNTRY_CODES, "a two-letter ISO country code")


def _state(value: object, path: str) -> str:
    return _code(value, path, US_STATES, "a US state code (50 states, DC or PR)")


def _specialty(value: object, path: str) -> str:
    if value not in SPECIALTIES:
        raise ProfileError(path, "must be a known specialty id (see SPECIALTIES)")
    return str(value)


def _list(value: object, path: str, item: Callable[[object, str], T]) -> tuple[T, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise ProfileError(path, f"must be a list of at most {MAX_LIST} items")
    parsed = [item(entry, _join(path, index)) for index, entry in enumerate(value)]
    # Duplicates carry no meaning; keep the first of each.
    return tuple(dict.fromkeys(parsed))


def _school(value: object) -> MedicalSchool:
    path = "medical_school"
    raw = _object(value, path, tuple(item.name for item in fields(MedicalSchool)))
    return MedicalSchool(
        name=_text(raw.get("name"), _join(path, "name")),
        country=None if raw.get("country") is None else _country(raw["country"], f"{path}.country"),
        ecfmg_sponsor_note=_bool(raw.get("ecfmg_sponsor_note"), f"{path}.ecfmg_sponsor_note"),
        graduated=_bool(raw.get("graduated"), f"{path}.graduated"),
        graduation_year=_int(
            raw.get("graduation_year"), f"{path}.graduation_year", MIN_YEAR, MAX_YEAR
        ),
        diploma_verified=_bool(raw.get("diploma_verified"), f"{path}.diploma_verified"),
    )


def _exams(value: object) -> Exams:
    raw = _object(value, "exams", (*USMLE_EXAMS, "oet"))
    usmle = {name: _usmle(raw.get(name), f"exams.{name}") for name in USMLE_EXAMS}
    return Exams(**usmle, oet=_oet(raw.get("oet")))


def _usmle(value: object, path: str) -> UsmleExam | None:
    if value is None:
        return None
    raw = _object(value, path, ("status", "attempts", "score", "date"))
    exam = UsmleExam(
        status=_enum(raw.get("status"), f"{path}.status", ExamStatus),
        attempts=_int(raw.get("attempts"), f"{path}.attempts", 0, MAX_ATTEMPTS),
        score=_int(raw.get("score"), f"{path}.score", 1, 300),
        date=_date(raw.get("date"), f"{path}.date"),
    )
    _check_attempts(exam.status, exam.attempts, f"{path}.attempts")
    return exam


def _check_attempts(status: ExamStatus | None, attempts: int | None, path: str) -> None:
    if attempts is None:
        return
    if status in (ExamStatus.PASSED, ExamStatus.FAILED) and attempts == 0:
        raise ProfileError(path, f"must be at least 1 when status is {status.value}")
    if status is ExamStatus.NOT_TAKEN and attempts > 0:
        raise ProfileError(path, "must be 0 when status is not_taken")


def _oet(value: object) -> OetResult | None:
    path = "exams.oet"
    if value is None:
        return None
    raw = _object(value, path, tuple(item.name for item in fields(OetResult)))
    scores = {
        part: _int(raw.get(part), f"{path}.{part}", 0, 500)
        for part in ("listening", "reading", "writing", "speaking")
    }
    return OetResult(
        status=_enum(raw.get("status"), f"{path}.status", ExamStatus),
        date=_date(raw.get("date"), f"{path}.date"),
        **scores,
    )


def _experience_list(value: object) -> tuple[Experience, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise ProfileError("experience", f"must be a list of at most {MAX_LIST} items")
    return tuple(_experience(item, f"experience[{index}]") for index, item in enumerate(value))


def _experience(value: object, path: str) -> Experience:
    if value is None:
        raise ProfileError(path, "must be an object")
    raw = _object(value, path, tuple(item.name for item in fields(Experience)))
    if raw.get("kind") is None:
        raise ProfileError(f"{path}.kind", "is required")
    item = Experience(
        kind=_enum(raw["kind"], f"{path}.kind", ExperienceKind),  # type: ignore[arg-type]
        months=_months(raw.get("months"), f"{path}.months"),
        country=None if raw.get("country") is None else _country(raw["country"], f"{path}.country"),
        specialty=None
        if raw.get("specialty") is None
        else _specialty(raw["specialty"], f"{path}.specialty"),
        start_date=_date(raw.get("start_date"), f"{path}.start_date"),
        end_date=_date(raw.get("end_date"), f"{path}.end_date"),
    )
    if item.start_date and item.end_date and item.end_date < item.start_date:
        raise ProfileError(f"{path}.end_date", "must not be before start_date")
    if item.kind in _ABROAD_KINDS and item.country == "US":
        raise ProfileError(f"{path}.country", f"cannot be US for {item.kind.value}")
    if item.kind is ExperienceKind.US_RESIDENCY and item.country not in (None, "US"):
        raise ProfileError(f"{path}.country", "must be US for us_residency")
    return item


def _targets(value: object) -> Targets:
    raw = _object(value, "targets", ("specialties", "states", "match_year"))
    return Targets(
        specialties=_list(raw.get("specialties"), "targets.specialties", _specialty),
        states=_list(raw.get("states"), "targets.states", _state),
        match_year=_int(raw.get("match_year"), "targets.match_year", MIN_YEAR, MAX_YEAR),
    )


def _progress(value: object) -> Progress:
    names = tuple(item.name for item in fields(Progress))
    raw = _object(value, "progress", names)
    return Progress(**{name: _bool(raw.get(name), f"progress.{name}") for name in names})


def _check_consistency(profile: Profile) -> None:
    """Contradictions the engine could only guess about."""
    if profile.ecfmg_certified_date and profile.ecfmg_certified is not True:
        raise ProfileError("ecfmg_certified_date", "only allowed when ecfmg_certified is true")
    if "US" in profile.citizenships and profile.us_status in (
        UsStatus.NONE,
        UsStatus.PERMANENT_RESIDENT,
    ):
        raise ProfileError("us_status", "must be citizen when citizenships includes US")
