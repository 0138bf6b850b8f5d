from __future__ import annotations

from datetime import date

import pytest

from imgpath.engines.fit import (
    UNKNOWN,
    ApplicantFacts,
    Outcome,
    PolicyValue,
    ProgramPolicy,
    ValueKind,
    Verdict,
    VisaPreference,
    assess_fit,
)

TODAY = date(2026, 6, 1)
YES = PolicyValue(ValueKind.YES)
NO = PolicyValue(ValueKind.NO)


def number(value: int) -> PolicyValue:
    return PolicyValue(ValueKind.NUMBER, number=value)


def by(day: date) -> PolicyValue:
    return PolicyValue(ValueKind.DATE, day=day)


STRONG = ApplicantFacts(
    match_year=2027,
    graduation_year=2022,
    needs_visa=True,
    visa_preference=VisaPreference.EITHER,
    max_attempts=1,
    step2ck_score=250,
    step3_passed=False,
    usce_hands_on_months=3,
    usce_observership_months=2,
    ecfmg_certified=True,
)
OPEN_PROGRAM = ProgramPolicy(
    accepts_imgs=YES,
    j1_sponsorship=YES,
    h1b_sponsorship=NO,
    h1b_step3_before_ranking=UNKNOWN,
    yog_limit_years=number(5),
    usmle_attempt_limit=number(1),
    min_step2ck=number(230),
    usce_required_months=number(3),
    usce_observership_accepted=NO,
    ecfmg_certified_by=NO,
)


def reason(result, rule: str):
    return next(r for r in result.reasons if r.rule == rule)


def test_a_program_with_every_rule_known_and_met_is_likely_eligible():
    result = assess_fit(STRONG, OPEN_PROGRAM, today=TODAY)

    assert result.verdict is Verdict.LIKELY_ELIGIBLE
    assert all(r.outcome is Outcome.MEETS for r in result.reasons)


def test_an_empty_ledger_gives_check_with_a_reason_per_unknown_field():
    result = assess_fit(STRONG, ProgramPolicy(), today=TODAY)

    assert result.verdict is Verdict.CHECK
    checks = {r.rule for r in result.with_outcome(Outcome.CHECK)}
    assert checks == {
        "accepts_imgs",
        "visa",
        "yog_limit_years",
        "usmle_attempt_limit",
        "min_step2ck",
        "usce_required_months",
    }


@pytest.mark.parametrize(
    ("change", "rule", "outcome"),
    [
        ({"accepts_imgs": NO}, "accepts_imgs", Outcome.FAILS),
        ({"yog_limit_years": number(3)}, "yog_limit_years", Outcome.FAILS),
        ({"yog_limit_years": NO}, "yog_limit_years", Outcome.MEETS),
        ({"min_step2ck": number(251)}, "min_step2ck", Outcome.FAILS),
        ({"min_step2ck": number(250)}, "min_step2ck", Outcome.MEETS),
        ({"usce_required_months": number(4)}, "usce_observership_accepted", Outcome.FAILS),
        ({"usce_required_months": number(6)}, "usce_required_months", Outcome.FAILS),
        (
            {"usce_required_months": number(5), "usce_observership_accepted": YES},
            "usce_required_months",
            Outcome.MEETS,
        ),
        (
            {"usce_required_months": number(5), "usce_observership_accepted": UNKNOWN},
            "usce_observership_accepted",
            Outcome.CHECK,
        ),
        ({"usce_required_months": number(0)}, "usce_required_months", Outcome.MEETS),
        ({"j1_sponsorship": NO}, "visa", Outcome.FAILS),
        ({"j1_sponsorship": UNKNOWN}, "visa", Outcome.CHECK),
    ],
)
def test_each_rule_reads_its_field(change, rule, outcome):
    policy = ProgramPolicy(**{**_fields(OPEN_PROGRAM), **change})

    assert reason(assess_fit(STRONG, policy, today=TODAY), rule).outcome is outcome


def _fields(policy: ProgramPolicy) -> dict[str, PolicyValue]:
    return {name: getattr(policy, name) for name in policy.__slots__}


@pytest.mark.parametrize(
    ("preference", "j1", "h1b", "step3", "step3_passed", "rule", "outcome"),
    [
        (VisaPreference.J1, YES, NO, UNKNOWN, False, "j1_sponsorship", Outcome.MEETS),
        (VisaPreference.H1B, YES, NO, UNKNOWN, False, "h1b_sponsorship", Outcome.FAILS),
        (VisaPreference.H1B, NO, YES, NO, False, "h1b_sponsorship", Outcome.MEETS),
        (VisaPreference.H1B, NO, YES, YES, False, "h1b_step3_before_ranking", Outcome.FAILS),
        (VisaPreference.H1B, NO, YES, YES, True, "h1b_sponsorship", Outcome.MEETS),
        (VisaPreference.H1B, NO, YES, UNKNOWN, False, "h1b_step3_before_ranking", Outcome.CHECK),
        (VisaPreference.EITHER, NO, YES, YES, False, "visa", Outcome.FAILS),
        (VisaPreference.EITHER, UNKNOWN, NO, UNKNOWN, False, "visa", Outcome.CHECK),
        (VisaPreference.EITHER, NO, YES, NO, False, "h1b_sponsorship", Outcome.MEETS),
    ],
)
def test_visa_routes(preference, j1, h1b, step3, step3_passed, rule, outcome):
    applicant = _applicant(visa_preference=preference, step3_passed=step3_passed)
    policy = ProgramPolicy(
        **{
            **_fields(OPEN_PROGRAM),
            "j1_sponsorship": j1,
            "h1b_sponsorship": h1b,
            "h1b_step3_before_ranking": step3,
        }
    )

    result = assess_fit(applicant, policy, today=TODAY)

    visa = next(r for r in result.reasons if r.rule.startswith(("visa", "j1", "h1b")))
    assert (visa.rule, visa.outcome) == (rule, outcome)


def _applicant(**changes) -> ApplicantFacts:
    fields = {name: getattr(STRONG, name) for name in STRONG.__slots__}
    return ApplicantFacts(**{**fields, **changes})


def test_when_no_visa_route_works_both_are_explained():
    policy = ProgramPolicy(**{**_fields(OPEN_PROGRAM), "j1_sponsorship": NO})

    message = reason(assess_fit(STRONG, policy, today=TODAY), "visa").message

    assert message == "Does not sponsor the J-1 visa. Does not sponsor the H-1B visa."


def test_no_visa_needed_ignores_unknown_sponsorship():
    policy = ProgramPolicy(
        **{**_fields(OPEN_PROGRAM), "j1_sponsorship": UNKNOWN, "h1b_sponsorship": UNKNOWN}
    )

    result = assess_fit(_applicant(needs_visa=False), policy, today=TODAY)

    assert result.verdict is Verdict.LIKELY_ELIGIBLE
    assert reason(result, "visa").message == "You need no visa sponsorship."


@pytest.mark.parametrize(
    ("attempts", "failed", "limit", "outcome"),
    [
        (1, False, 1, Outcome.MEETS),
        (1, True, 1, Outcome.FAILS),  # failed once, not yet retaken: the pass needs a 2nd sitting
        (2, True, 2, Outcome.MEETS),
        (3, True, 2, Outcome.FAILS),
        (0, False, 1, Outcome.MEETS),
    ],
)
def test_attempt_limit_counts_the_sitting_a_failure_still_needs(attempts, failed, limit, outcome):
    policy = ProgramPolicy(**{**_fields(OPEN_PROGRAM), "usmle_attempt_limit": number(limit)})
    applicant = _applicant(max_attempts=attempts, any_failed_attempt=failed)

    assert reason(assess_fit(applicant, policy, today=TODAY), "usmle_attempt_limit").outcome is (
        outcome
    )


def test_graduation_gap_is_counted_to_the_match_year():
    policy = ProgramPolicy(**{**_fields(OPEN_PROGRAM), "yog_limit_years": number(5)})

    inside = assess_fit(_applicant(graduation_year=2022), policy, today=TODAY)
    outside = assess_fit(_applicant(graduation_year=2021), policy, today=TODAY)
    missing = assess_fit(_applicant(graduation_year=None), policy, today=TODAY)

    assert reason(inside, "yog_limit_years").outcome is Outcome.MEETS
    assert "5 years out at the 2027 Match" in reason(inside, "yog_limit_years").message
    assert reason(outside, "yog_limit_years").outcome is Outcome.FAILS
    assert reason(missing, "yog_limit_years").outcome is Outcome.CHECK


def test_missing_score_is_check_not_pass():
    policy = ProgramPolicy(**{**_fields(OPEN_PROGRAM), "min_step2ck": number(220)})

    result = assess_fit(_applicant(step2ck_score=None), policy, today=TODAY)

    assert result.verdict is Verdict.CHECK
    assert "no score yet" in reason(result, "min_step2ck").message


@pytest.mark.parametrize(
    ("certified", "deadline", "outcome"),
    [
        (True, UNKNOWN, Outcome.MEETS),
        (False, UNKNOWN, Outcome.CHECK),
        (False, NO, Outcome.MEETS),
        (False, by(date(2027, 2, 1)), Outcome.CHECK),
        (False, by(date(2026, 1, 1)), Outcome.FAILS),
    ],
)
def test_ecfmg_deadline(certified, deadline, outcome):
    policy = ProgramPolicy(**{**_fields(OPEN_PROGRAM), "ecfmg_certified_by": deadline})
    applicant = _applicant(ecfmg_certified=certified)

    assert reason(assess_fit(applicant, policy, today=TODAY), "ecfmg_certified_by").outcome is (
        outcome
    )


def test_one_failure_outweighs_unknowns():
    policy = ProgramPolicy(accepts_imgs=NO)

    assert assess_fit(STRONG, policy, today=TODAY).verdict is Verdict.NOT_ELIGIBLE


def test_policy_values_refuse_inconsistent_parts():
    with pytest.raises(ValueError, match="number"):
        PolicyValue(ValueKind.NUMBER)
    with pytest.raises(ValueError, match="date"):
        PolicyValue(ValueKind.YES, day=date(2026, 1, 1))
