"""Properties of the fit function: unknown never passes, better records never do worse."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from imgpath.engines.fit import (
    ApplicantFacts,
    PolicyValue,
    ProgramPolicy,
    ValueKind,
    Verdict,
    VisaPreference,
    assess_fit,
)

TODAY = date(2026, 6, 1)

tri = st.sampled_from([ValueKind.YES, ValueKind.NO, ValueKind.UNKNOWN]).map(PolicyValue)


def limit(low: int, high: int) -> st.SearchStrategy[PolicyValue]:
    return st.one_of(
        st.sampled_from([PolicyValue(ValueKind.NO), PolicyValue(ValueKind.UNKNOWN)]),
        st.integers(low, high).map(lambda n: PolicyValue(ValueKind.NUMBER, number=n)),
    )


deadline = st.one_of(
    st.sampled_from([PolicyValue(ValueKind.NO), PolicyValue(ValueKind.UNKNOWN)]),
    st.dates(date(2025, 1, 1), date(2028, 1, 1)).map(lambda d: PolicyValue(ValueKind.DATE, day=d)),
)

policies = st.builds(
    ProgramPolicy,
    accepts_imgs=tri,
    j1_sponsorship=tri,
    h1b_sponsorship=tri,
    h1b_step3_before_ranking=tri,
    yog_limit_years=limit(0, 15),
    usmle_attempt_limit=limit(1, 4),
    min_step2ck=limit(200, 270),
    usce_required_months=limit(0, 12),
    usce_observership_accepted=tri,
    ecfmg_certified_by=deadline,
)

applicants = st.builds(
    ApplicantFacts,
    match_year=st.integers(2025, 2030),
    graduation_year=st.one_of(st.none(), st.integers(1990, 2030)),
    needs_visa=st.booleans(),
    visa_preference=st.sampled_from(VisaPreference),
    max_attempts=st.integers(0, 5),
    any_failed_attempt=st.booleans(),
    step2ck_score=st.one_of(st.none(), st.integers(180, 290)),
    step3_passed=st.booleans(),
    usce_hands_on_months=st.integers(0, 24),
    usce_observership_months=st.integers(0, 24),
    ecfmg_certified=st.booleans(),
)

RANK = {Verdict.NOT_ELIGIBLE: 0, Verdict.CHECK: 1, Verdict.LIKELY_ELIGIBLE: 2}


def _verdict(applicant: ApplicantFacts, policy: ProgramPolicy) -> int:
    return RANK[assess_fit(applicant, policy, today=TODAY).verdict]


@given(applicants, policies)
def test_never_likely_eligible_when_a_relevant_field_is_unknown(applicant, policy):
    result = assess_fit(applicant, policy, today=TODAY)
    if result.verdict is not Verdict.LIKELY_ELIGIBLE:
        return
    always_relevant = [
        policy.accepts_imgs,
        policy.yog_limit_years,
        policy.usmle_attempt_limit,
        policy.min_step2ck,
        policy.usce_required_months,
    ]
    assert all(value.known for value in always_relevant)
    if not applicant.ecfmg_certified:
        assert policy.ecfmg_certified_by.known
    if applicant.needs_visa:
        assert _some_visa_route_is_known_yes(applicant, policy)


def _some_visa_route_is_known_yes(applicant: ApplicantFacts, policy: ProgramPolicy) -> bool:
    j1_ok = policy.j1_sponsorship.kind is ValueKind.YES and applicant.visa_preference != "h1b"
    h1b_ok = (
        policy.h1b_sponsorship.kind is ValueKind.YES
        and applicant.visa_preference != "j1"
        and (applicant.step3_passed or policy.h1b_step3_before_ranking.kind is ValueKind.NO)
    )
    return j1_ok or h1b_ok


@given(applicants, policies)
def test_an_unknown_value_never_gives_a_better_verdict_than_the_known_one(applicant, policy):
    # Forgetting a known value can only move the verdict towards "check", never to "eligible".
    forgotten = replace(policy, min_step2ck=PolicyValue(ValueKind.UNKNOWN))
    if _verdict(applicant, forgotten) == RANK[Verdict.LIKELY_ELIGIBLE]:
        raise AssertionError("an unknown minimum score gave likely eligible")


@given(applicants, policies, st.integers(0, 60))
def test_improving_the_score_never_worsens_the_verdict(applicant, policy, gain):
    if applicant.step2ck_score is None:
        return
    better = replace(applicant, step2ck_score=applicant.step2ck_score + gain)

    assert _verdict(better, policy) >= _verdict(applicant, policy)


@given(applicants, policies, st.integers(0, 12), st.integers(0, 12))
def test_more_clinical_experience_never_worsens_the_verdict(applicant, policy, extra, extra_obs):
    better = replace(
        applicant,
        usce_hands_on_months=applicant.usce_hands_on_months + extra,
        usce_observership_months=applicant.usce_observership_months + extra_obs,
    )

    assert _verdict(better, policy) >= _verdict(applicant, policy)


@given(applicants, policies)
def test_passing_step3_or_certification_never_worsens_the_verdict(applicant, policy):
    better = replace(applicant, step3_passed=True, ecfmg_certified=True)

    assert _verdict(better, policy) >= _verdict(applicant, policy)


@given(applicants, policies, st.integers(0, 10))
def test_a_more_recent_graduation_never_worsens_the_verdict(applicant, policy, years):
    if applicant.graduation_year is None:
        return
    better = replace(applicant, graduation_year=applicant.graduation_year + years)

    assert _verdict(better, policy) >= _verdict(applicant, policy)


@given(applicants, policies)
def test_fit_is_deterministic(applicant, policy):
    assert assess_fit(applicant, policy, today=TODAY) == assess_fit(applicant, policy, today=TODAY)
