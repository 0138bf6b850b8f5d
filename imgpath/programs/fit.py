"""Adapters between the programs app and the fit engine: profile -> facts, program -> policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from imgpath.engines.fit import (
    ApplicantFacts,
    FitResult,
    PolicyValue,
    ProgramPolicy,
    ValueKind,
    VisaPreference,
    assess_fit,
)
from imgpath.engines.rules import Profile, ProfileError, parse_profile, resolve_match_year
from imgpath.profiles.selectors import profile_data_for
from imgpath.programs.policy import FIT_FIELDS, SPECS

HANDS_ON_KINDS = {"externship", "clerkship", "us_residency"}
STEPS = ("usmle_step1", "usmle_step2ck", "usmle_step3")
FIT_COLUMNS = tuple(
    column for key in FIT_FIELDS for column in (key, SPECS[key].value_column) if column is not None
)


def coming_match_year(today: dt.date) -> int:
    """The Match to plan for when nobody said which: the roadmap engine's rule, so the
    roadmap and the program fit always count from the same year."""
    return resolve_match_year(Profile(), today)[0]


def _int(value: Any, low: int, high: int) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def applicant_facts(profile: Mapping[str, Any], *, today: dt.date) -> ApplicantFacts | None:
    """The fit engine's facts from a profile document, or None when no profile was saved."""
    if not profile:
        return None
    exams = _dict(profile.get("exams"))
    steps = [_dict(exams.get(step)) for step in STEPS]
    months = _usce_months(profile.get("experience"))
    return ApplicantFacts(
        match_year=_match_year(profile, today),
        graduation_year=_int(
            _dict(profile.get("medical_school")).get("graduation_year"), 1940, 2100
        ),
        needs_visa=profile.get("us_status") not in {"citizen", "permanent_resident"},
        visa_preference=_visa_preference(profile.get("visa_preference")),
        max_attempts=max((_int(s.get("attempts"), 0, 20) or 0 for s in steps), default=0),
        any_failed_attempt=any(_failed(step) for step in steps),
        step2ck_score=_step2ck(steps[1]),
        step3_passed=steps[2].get("status") == "passed",
        usce_hands_on_months=months[0],
        usce_observership_months=months[1],
        ecfmg_certified=profile.get("ecfmg_certified") is True,
    )


def _match_year(profile: Mapping[str, Any], today: dt.date) -> int:
    try:
        return resolve_match_year(parse_profile(dict(profile)), today)[0]
    except ProfileError:
        # Stored profiles are validated on save; an older, unreadable one falls back to its
        # explicit year or the default.
        explicit = _int(_dict(profile.get("targets")).get("match_year"), 2000, 2100)
        return explicit or coming_match_year(today)


def _visa_preference(value: Any) -> VisaPreference:
    try:
        return VisaPreference(value)
    except ValueError:
        return VisaPreference.EITHER


def _failed(step: Mapping[str, Any]) -> bool:
    attempts = _int(step.get("attempts"), 0, 20) or 0
    return step.get("status") == "failed" or (step.get("status") == "passed" and attempts > 1)


def _step2ck(step: Mapping[str, Any]) -> int | None:
    return _int(step.get("score"), 1, 300) if step.get("status") == "passed" else None


def _usce_months(experience: Any) -> tuple[int, int]:
    hands_on = observership = 0
    for item in experience if isinstance(experience, list) else []:
        item = _dict(item)
        if item.get("country", "US") != "US":
            continue
        months = _int(item.get("months"), 0, 600) or 0
        if item.get("kind") == "observership":
            observership += months
        elif item.get("kind") in HANDS_ON_KINDS:
            hands_on += months
    return hands_on, observership


def facts_for_user(user, *, today: dt.date) -> ApplicantFacts | None:
    if not getattr(user, "is_authenticated", False) or user.role != "applicant":
        return None
    return applicant_facts(profile_data_for(user), today=today)


def policy_from_columns(columns: Mapping[str, Any]) -> ProgramPolicy:
    """The engine's policy from a program's ledger columns (a Program or a values() row)."""
    values = {}
    for key in FIT_FIELDS:
        kind = ValueKind(columns[key])
        column = SPECS[key].value_column
        raw = columns[column] if column else None
        values[key] = PolicyValue(
            kind,
            number=raw if kind is ValueKind.NUMBER else None,
            day=raw if kind is ValueKind.DATE else None,
        )
    return ProgramPolicy(**values)


def program_columns(program) -> dict[str, Any]:
    return {column: getattr(program, column) for column in FIT_COLUMNS}


def program_fit(program, facts: ApplicantFacts, *, today: dt.date) -> FitResult:
    return assess_fit(facts, policy_from_columns(program_columns(program)), today=today)


def evidence_fit_note(program, facts: ApplicantFacts | None) -> str | None:
    """Federal H-1B evidence as a hint beside the fit, never as a yes: only when the applicant
    needs a visa that could be H-1B and the program's own H-1B policy is unknown."""
    institution = getattr(program, "institution", None)
    if facts is None or not facts.needs_visa or facts.visa_preference is VisaPreference.J1:
        return None
    if program.h1b_sponsorship != ValueKind.UNKNOWN or institution is None:
        return None
    lca = next((e for e in institution.evidence if e["kind"] == "h1b_lca"), None)
    if lca is None:
        return None
    who = "trainees" if lca.get("trainee_count") else "physicians"
    return (
        f"Evidence, not policy: this institution has filed H-1B labor applications for {who} "
        f"({lca['period']}, Department of Labor); confirm H-1B sponsorship with the program."
    )


class FitJudge:
    """Judges programs for one applicant, once per distinct ledger: most programs share one."""

    def __init__(self, facts: ApplicantFacts, *, today: dt.date) -> None:
        self.facts = facts
        self.today = today
        self._seen: dict[tuple, FitResult] = {}

    def of_columns(self, columns: Mapping[str, Any]) -> FitResult:
        return self.of_values(tuple(columns[column] for column in FIT_COLUMNS))

    def of_values(self, values: tuple) -> FitResult:
        """`values` are the FIT_COLUMNS of one program, in that order."""
        if values not in self._seen:
            policy = policy_from_columns(dict(zip(FIT_COLUMNS, values, strict=True)))
            self._seen[values] = assess_fit(self.facts, policy, today=self.today)
        return self._seen[values]

    def of_program(self, program) -> FitResult:
        return self.of_columns(program_columns(program))
