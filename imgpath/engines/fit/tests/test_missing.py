"""Fit names exactly what the profile is missing when an applicant-side unknown leaves a rule
undecided, and what answering it would change."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from imgpath.engines.fit import (
    ApplicantFacts,
    Outcome,
    PolicyValue,
    ProgramPolicy,
    ValueKind,
    Verdict,
    assess_fit,
)
from imgpath.engines.fit.model import NO, YES

TODAY = date(2026, 6, 1)
OPEN = ProgramPolicy(
    accepts_imgs=YES,
    j1_sponsorship=YES,
    h1b_sponsorship=YES,
    h1b_step3_before_ranking=NO,
    yog_limit_years=NO,
    usmle_attempt_limit=NO,
    min_step2ck=PolicyValue(ValueKind.NUMBER, number=230),
    usce_required_months=NO,
    usce_observership_accepted=NO,
    ecfmg_certified_by=NO,
)


def test_a_passed_step2ck_without_score_is_the_one_thing_missing():
    facts = ApplicantFacts(match_year=2027, step2ck_passed=True, ecfmg_certified=True)

    result = assess_fit(facts, OPEN, today=TODAY)

    assert result.verdict is Verdict.CHECK
    (missing,) = result.missing
    assert missing.field == "exams.usmle_step2ck.score"
    assert "230 or more meets this rule" in missing.changes
    with_score = ApplicantFacts(match_year=2027, step2ck_score=231, step2ck_passed=True)
    assert assess_fit(with_score, OPEN, today=TODAY).verdict is Verdict.LIKELY_ELIGIBLE


def test_an_answered_field_is_never_reported_missing():
    # Step 2 CK scheduled (answered): "no score yet" is a fact, not a gap in the profile.
    facts = ApplicantFacts(match_year=2027)
    assert assess_fit(facts, OPEN, today=TODAY).missing == ()
    unknown = ApplicantFacts(match_year=2027, unknown=frozenset({"exams.usmle_step2ck.status"}))
    assert [m.field for m in assess_fit(unknown, OPEN, today=TODAY).missing] == [
        "exams.usmle_step2ck.status"
    ]


def test_unknown_graduation_year_visa_status_and_certification_are_named():
    policy = ProgramPolicy(
        yog_limit_years=PolicyValue(ValueKind.NUMBER, number=5),
        ecfmg_certified_by=PolicyValue(ValueKind.DATE, day=date(2026, 12, 1)),
    )
    facts = ApplicantFacts(match_year=2027, unknown=frozenset({"us_status", "ecfmg_certified"}))

    fields = {m.field for m in assess_fit(facts, policy, today=TODAY).missing}

    assert fields == {"us_status", "medical_school.graduation_year", "ecfmg_certified"}


@given(
    st.frozensets(
        st.sampled_from(
            [
                "us_status",
                "ecfmg_certified",
                "medical_school.graduation_year",
                "exams.usmle_step2ck.status",
            ]
        )
    ),
    st.booleans(),
)
def test_missing_items_only_explain_undecided_rules(unknown, passed):
    facts = ApplicantFacts(match_year=2027, unknown=unknown, step2ck_passed=passed)
    result = assess_fit(facts, ProgramPolicy(), today=TODAY)
    for reason in result.reasons:
        if reason.missing is not None:
            assert reason.outcome is not Outcome.MEETS
    assert len({m.field for m in result.missing}) == len(result.missing)
