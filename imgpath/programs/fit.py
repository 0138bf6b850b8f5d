"""Adapters between the programs app and the fit engine: profile -> facts, program -> policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser

from imgpath.accounts.models import User
from imgpath.engines.fit import (
    ApplicantFacts,
    FitResult,
    PolicyValue,
    ProgramPolicy,
    ValueKind,
    VisaPreference,
    assess_fit,
)
from imgpath.engines.profile import USMLE_EXAMS, ExamStatus, Profile, UsmleExam, counting
from imgpath.engines.rules import resolve_match_year
from imgpath.profiles.selectors import profile_for
from imgpath.programs.policy import FIT_FIELDS, SPECS

FIT_COLUMNS = tuple(
    column for key in FIT_FIELDS for column in (key, SPECS[key].value_column) if column is not None
)


def coming_match_year(today: dt.date) -> int:
    """The Match to plan for when nobody said which: the roadmap engine's rule, so the
    roadmap and the program fit always count from the same year."""
    return resolve_match_year(Profile(), today)[0]


def applicant_facts(profile: Profile, *, today: dt.date) -> ApplicantFacts | None:
    """The fit engine's facts from the typed profile, or None when the profile says nothing.

    Experience and passed exams are counted by ``engines.profile.counting``, as the roadmap
    counts them."""
    if profile == Profile():
        return None
    exams = [profile.exams.usmle(exam) or UsmleExam() for exam in USMLE_EXAMS]
    step2ck = exams[1]
    return ApplicantFacts(
        match_year=resolve_match_year(profile, today)[0],
        graduation_year=profile.medical_school.graduation_year,
        needs_visa=counting.needs_visa(profile),
        visa_preference=VisaPreference(profile.visa_preference or VisaPreference.EITHER),
        max_attempts=max(exam.attempts or 0 for exam in exams),
        any_failed_attempt=any(_failed(exam) for exam in exams),
        step2ck_score=step2ck.score if counting.exam_passed(profile, "usmle_step2ck") else None,
        step3_passed=counting.exam_passed(profile, "usmle_step3"),
        usce_hands_on_months=counting.hands_on_months(profile),
        usce_observership_months=counting.observership_months(profile),
        ecfmg_certified=profile.ecfmg_certified is True,
        step2ck_passed=counting.exam_passed(profile, "usmle_step2ck"),
        unknown=_unknown(profile),
    )


def _unknown(profile: Profile) -> frozenset[str]:
    """The profile fields fit reads that the applicant left unanswered."""
    answered = {
        "us_status": profile.us_status is not None or counting.us_citizen(profile),
        "ecfmg_certified": profile.ecfmg_certified is not None,
        "medical_school.graduation_year": profile.medical_school.graduation_year is not None,
        "exams.usmle_step2ck.status": counting.exam_status(profile, "usmle_step2ck") is not None,
    }
    return frozenset(field for field, known in answered.items() if not known)


def _failed(exam: UsmleExam) -> bool:
    attempts = exam.attempts or 0
    return exam.status is ExamStatus.FAILED or (exam.status is ExamStatus.PASSED and attempts > 1)


def facts_for_user(user: User | AnonymousUser, *, today: dt.date) -> ApplicantFacts | None:
    """Only an applicant has facts to judge; anyone else (or an anonymous visitor) has none."""
    if not (user.is_authenticated and user.is_applicant):
        return None
    return applicant_facts(profile_for(user), today=today)


class UserFit:
    """ "Facts for the user, then fit", once: the signed-in applicant's facts, judged against
    any program (None everywhere for anyone who is not an applicant with a profile)."""

    def __init__(self, user: User | AnonymousUser, *, today: dt.date) -> None:
        self.today = today
        self.facts = facts_for_user(user, today=today)

    def of(self, program: Any) -> FitResult | None:
        return program_fit(program, self.facts, today=self.today) if self.facts else None

    def note(self, program: Any) -> str | None:
        return evidence_fit_note(program, self.facts)


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
