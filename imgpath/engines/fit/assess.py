"""The fit rules: one function per policy question, combined so the worst outcome wins."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from imgpath.engines.fit.model import (
    OUTCOME_RANK,
    VERDICT_FOR,
    ApplicantFacts,
    FitResult,
    Missing,
    Outcome,
    PolicyValue,
    ProgramPolicy,
    Reason,
    ValueKind,
    VisaPreference,
)

Rule = Callable[[ApplicantFacts, ProgramPolicy, date], Reason]


def assess_fit(applicant: ApplicantFacts, policy: ProgramPolicy, *, today: date) -> FitResult:
    """Say whether a program is likely to consider this applicant, and why.

    The problem: programs screen international medical graduates on a handful of published
    (or unpublished) rules, and an applicant can only tell which programs to pay for by
    comparing their own record with each rule. Source of the rules: the program-policy ledger
    fields IMGs filter on (visa sponsorship, year-of-graduation and attempt limits, minimum
    Step 2 CK, US clinical experience, ECFMG certification deadline).

    Steps:
    1. Run each rule below; a rule returns `meets`, `check` or `fails` with a message. A rule
       whose policy value is unknown returns `check`, never `meets`.
    2. The verdict is the worst outcome: any `fails` gives `not_eligible`, else any `check`
       gives `check`, else `likely_eligible`.
    The function is pure: the same inputs always give the same result.
    """
    reasons = tuple(rule(applicant, policy, today) for rule in RULES)
    worst = min((reason.outcome for reason in reasons), key=OUTCOME_RANK.__getitem__)
    return FitResult(verdict=VERDICT_FOR[worst], reasons=reasons)


def _accepts_imgs(applicant: ApplicantFacts, policy: ProgramPolicy, today: date) -> Reason:
    value = policy.accepts_imgs
    if value.kind is ValueKind.YES:
        return Reason("accepts_imgs", Outcome.MEETS, "Considers international medical graduates.")
    if value.kind is ValueKind.NO:
        return Reason(
            "accepts_imgs", Outcome.FAILS, "Does not consider international medical graduates."
        )
    return Reason("accepts_imgs", Outcome.CHECK, "Not known whether it considers IMGs.")


def _visa(applicant: ApplicantFacts, policy: ProgramPolicy, today: date) -> Reason:
    if not applicant.needs_visa:
        return Reason("visa", Outcome.MEETS, "You need no visa sponsorship.")
    routes = []
    if applicant.visa_preference in (VisaPreference.J1, VisaPreference.EITHER):
        routes.append(_j1_route(policy))
    if applicant.visa_preference in (VisaPreference.H1B, VisaPreference.EITHER):
        routes.append(_h1b_route(applicant, policy))
    best = max(routes, key=lambda reason: OUTCOME_RANK[reason.outcome])
    if best.outcome is Outcome.MEETS:
        return best
    if len(routes) > 1:
        # Neither visa settles it: say what is known about both.
        best = Reason("visa", best.outcome, " ".join(route.message for route in routes))
    return _with_missing(applicant, best, _VISA_STATUS)


_VISA_STATUS = Missing(
    "us_status",
    "Your U.S. immigration status",
    "If you are a U.S. citizen or permanent resident, the program's visa policy does not "
    "apply to you and this rule is met.",
)


def _with_missing(applicant: ApplicantFacts, reason: Reason, missing: Missing) -> Reason:
    """`reason` naming `missing` when the applicant has not answered that field."""
    if missing.field not in applicant.unknown:
        return reason
    return Reason(reason.rule, reason.outcome, reason.message, missing)


def _j1_route(policy: ProgramPolicy) -> Reason:
    kind = policy.j1_sponsorship.kind
    if kind is ValueKind.YES:
        return Reason("j1_sponsorship", Outcome.MEETS, "Sponsors the J-1 visa.")
    if kind is ValueKind.NO:
        return Reason("j1_sponsorship", Outcome.FAILS, "Does not sponsor the J-1 visa.")
    return Reason("j1_sponsorship", Outcome.CHECK, "J-1 sponsorship not known.")


def _h1b_route(applicant: ApplicantFacts, policy: ProgramPolicy) -> Reason:
    kind = policy.h1b_sponsorship.kind
    if kind is ValueKind.NO:
        return Reason("h1b_sponsorship", Outcome.FAILS, "Does not sponsor the H-1B visa.")
    if kind is not ValueKind.YES:
        return Reason("h1b_sponsorship", Outcome.CHECK, "H-1B sponsorship not known.")
    if applicant.step3_passed:
        return Reason("h1b_sponsorship", Outcome.MEETS, "Sponsors the H-1B visa.")
    step3 = policy.h1b_step3_before_ranking.kind
    if step3 is ValueKind.NO:
        return Reason("h1b_sponsorship", Outcome.MEETS, "Sponsors the H-1B visa.")
    if step3 is ValueKind.YES:
        return Reason(
            "h1b_step3_before_ranking",
            Outcome.FAILS,
            "Sponsors the H-1B only with Step 3 passed before ranking; yours is not passed.",
        )
    return Reason(
        "h1b_step3_before_ranking",
        Outcome.CHECK,
        "Sponsors the H-1B; not known whether Step 3 must be passed before ranking.",
    )


def _graduation(applicant: ApplicantFacts, policy: ProgramPolicy, today: date) -> Reason:
    value = policy.yog_limit_years
    if value.kind is ValueKind.NO:
        return Reason("yog_limit_years", Outcome.MEETS, "No year-of-graduation limit.")
    if value.kind is not ValueKind.NUMBER or value.number is None:
        return Reason("yog_limit_years", Outcome.CHECK, "Year-of-graduation limit not known.")
    if applicant.graduation_year is None:
        return Reason(
            "yog_limit_years",
            Outcome.CHECK,
            f"Graduates within {value.number} years only; add your graduation year.",
            Missing(
                "medical_school.graduation_year",
                "Your year of graduation",
                f"Graduating within {value.number} years of the {applicant.match_year} Match "
                "meets this rule; earlier fails it.",
            ),
        )
    gap = max(0, applicant.match_year - applicant.graduation_year)
    outcome = Outcome.MEETS if gap <= value.number else Outcome.FAILS
    return Reason(
        "yog_limit_years",
        outcome,
        f"Graduates within {value.number} years only; you will be {gap} years out "
        f"at the {applicant.match_year} Match.",
    )


def _attempts(applicant: ApplicantFacts, policy: ProgramPolicy, today: date) -> Reason:
    value = policy.usmle_attempt_limit
    if value.kind is ValueKind.NO:
        return Reason("usmle_attempt_limit", Outcome.MEETS, "No USMLE attempt limit.")
    if value.kind is not ValueKind.NUMBER or value.number is None:
        return Reason("usmle_attempt_limit", Outcome.CHECK, "USMLE attempt limit not known.")
    # A failed sitting means the pass needs at least a second one.
    needed = (
        max(applicant.max_attempts, 2) if applicant.any_failed_attempt else (applicant.max_attempts)
    )
    outcome = Outcome.MEETS if needed <= value.number else Outcome.FAILS
    limit = "first-attempt passes only" if value.number == 1 else f"at most {value.number} attempts"
    return Reason("usmle_attempt_limit", outcome, f"Accepts {limit} per Step; you need {needed}.")


def _step2ck(applicant: ApplicantFacts, policy: ProgramPolicy, today: date) -> Reason:
    value = policy.min_step2ck
    if value.kind is ValueKind.NO:
        return Reason("min_step2ck", Outcome.MEETS, "No minimum Step 2 CK score.")
    if value.kind is not ValueKind.NUMBER or value.number is None:
        return Reason("min_step2ck", Outcome.CHECK, "Minimum Step 2 CK score not known.")
    if applicant.step2ck_score is None:
        return _step2ck_unknown(applicant, value.number)
    outcome = Outcome.MEETS if applicant.step2ck_score >= value.number else Outcome.FAILS
    return Reason(
        "min_step2ck",
        outcome,
        f"Asks for Step 2 CK {value.number} or more; yours is {applicant.step2ck_score}.",
    )


def _step2ck_unknown(applicant: ApplicantFacts, minimum: int) -> Reason:
    changes = f"A score of {minimum} or more meets this rule; a lower score fails it."
    if applicant.step2ck_passed:
        return Reason(
            "min_step2ck",
            Outcome.CHECK,
            f"Asks for Step 2 CK {minimum} or more; your profile has no score for your pass.",
            Missing("exams.usmle_step2ck.score", "Your Step 2 CK score", changes),
        )
    reason = Reason(
        "min_step2ck",
        Outcome.CHECK,
        f"Asks for Step 2 CK {minimum} or more; you have no score yet.",
    )
    missing = Missing(
        "exams.usmle_step2ck.status", "Your Step 2 CK result and score", f"With a pass: {changes}"
    )
    return _with_missing(applicant, reason, missing)


def _usce(applicant: ApplicantFacts, policy: ProgramPolicy, today: date) -> Reason:
    value = policy.usce_required_months
    if value.kind is ValueKind.NO or (value.kind is ValueKind.NUMBER and value.number == 0):
        return Reason("usce_required_months", Outcome.MEETS, "No US clinical experience required.")
    if value.kind is not ValueKind.NUMBER or value.number is None:
        return Reason(
            "usce_required_months", Outcome.CHECK, "US clinical experience requirement not known."
        )
    return _usce_months(applicant, value.number, policy.usce_observership_accepted)


def _usce_months(applicant: ApplicantFacts, months: int, observership: PolicyValue) -> Reason:
    hands_on = applicant.usce_hands_on_months
    total = hands_on + applicant.usce_observership_months
    asked = f"Asks for {months} months of US clinical experience"
    if hands_on >= months:
        return Reason(
            "usce_required_months", Outcome.MEETS, f"{asked}; you have {hands_on:g} hands-on."
        )
    if total < months:
        return Reason("usce_required_months", Outcome.FAILS, f"{asked}; you have {total:g}.")
    if observership.kind is ValueKind.YES:
        return Reason(
            "usce_required_months",
            Outcome.MEETS,
            f"{asked}, observerships count; you have {total:g}.",
        )
    if observership.kind is ValueKind.NO:
        return Reason(
            "usce_observership_accepted",
            Outcome.FAILS,
            f"{asked}, hands-on only; you have {hands_on:g} hands-on.",
        )
    return Reason(
        "usce_observership_accepted",
        Outcome.CHECK,
        f"{asked}; you reach it only with observerships, and it is not known whether they count.",
    )


def _ecfmg(applicant: ApplicantFacts, policy: ProgramPolicy, today: date) -> Reason:
    if applicant.ecfmg_certified:
        return Reason("ecfmg_certified_by", Outcome.MEETS, "You are ECFMG certified.")
    value = policy.ecfmg_certified_by
    if value.kind is ValueKind.NO:
        return Reason("ecfmg_certified_by", Outcome.MEETS, "No early ECFMG certification deadline.")
    if value.kind is not ValueKind.DATE or value.day is None:
        return Reason(
            "ecfmg_certified_by", Outcome.CHECK, "ECFMG certification deadline not known."
        )
    when = value.day.isoformat()
    if value.day < today:
        return Reason("ecfmg_certified_by", Outcome.FAILS, f"Needed ECFMG certification by {when}.")
    reason = Reason(
        "ecfmg_certified_by",
        Outcome.CHECK,
        f"Needs ECFMG certification by {when}; you are not yet.",
    )
    missing = Missing(
        "ecfmg_certified",
        "Whether you are ECFMG certified",
        "If you are certified, this rule is met.",
    )
    return _with_missing(applicant, reason, missing)


RULES: tuple[Rule, ...] = (
    _accepts_imgs,
    _visa,
    _graduation,
    _attempts,
    _step2ck,
    _usce,
    _ecfmg,
)
