"""The fit rules: one function per policy question, combined so the worst outcome wins."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from imgpath.engines.fit.model import (
    OUTCOME_RANK,
    VERDICT_FOR,
    ApplicantFacts,
    FitResult,
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
    if best.outcome is Outcome.MEETS or len(routes) == 1:
        return best
    # Neither visa settles it: say what is known about both.
    return Reason("visa", best.outcome, " ".join(route.message for route in routes))


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
        return Reason(
            "min_step2ck",
            Outcome.CHECK,
            f"Asks for Step 2 CK {value.number} or more; you have no score yet.",
        )
    outcome = Outcome.MEETS if applicant.step2ck_score >= value.number else Outcome.FAILS
    return Reason(
        "min_step2ck",
        outcome,
        f"Asks for Step 2 CK {value.number} or more; yours is {applicant.step2ck_score}.",
    )


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
    return Reason(
        "ecfmg_certified_by",
        Outcome.CHECK,
        f"Needs ECFMG certification by {when}; you are not yet.",
    )


RULES: tuple[Rule, ...] = (
    _accepts_imgs,
    _visa,
    _graduation,
    _attempts,
    _step2ck,
    _usce,
    _ecfmg,
)
