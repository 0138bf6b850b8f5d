"""Fit, rotation eligibility and the roadmap read the same profile the same way: clinical
experience, hands-on experience and passed exams (property-based over generated profiles)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imgpath.engines.profile import Profile, parse_profile
from imgpath.engines.rules import evaluate, load_default_facts
from imgpath.engines.rules.roadmap import StepStatus
from imgpath.engines.rules.tests.strategies import profiles
from imgpath.programs.fit import applicant_facts
from imgpath.rotations import eligibility

TODAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31))


def _steps(roadmap):
    return {step.id: step for phase in roadmap.phases for step in phase.steps}


@settings(max_examples=60, deadline=None)
@given(profiles(), TODAYS)
def test_fit_eligibility_and_roadmap_agree(data, today):
    profile = parse_profile(data)
    steps = _steps(evaluate(profile, load_default_facts(), today))
    facts = applicant_facts(profile, today=today)
    if facts is None:
        assert profile == Profile()
        return
    experience = steps["us_clinical_experience"].details
    # Hands-on (U.S. residency included) and all U.S. clinical months are the same numbers
    # (fractional months summed in another grouping may differ in the last binary digit).
    assert facts.usce_hands_on_months == experience["hands_on_months"]
    assert facts.usce_hands_on_months + facts.usce_observership_months == pytest.approx(
        experience["us_months"] + experience["us_residency_months"], rel=1e-12, abs=1e-12
    )
    # A Step the roadmap marks done is a passed Step for fit and for rotation eligibility.
    step1_met = eligibility.check_step1(profile).status == eligibility.MET
    assert step1_met == (steps["usmle_step1"].status is StepStatus.DONE)
    assert facts.step3_passed == (steps["usmle_step3"].status is StepStatus.DONE)
    step2ck = profile.exams.usmle_step2ck
    if steps["usmle_step2ck"].status is StepStatus.DONE:
        assert facts.step2ck_score == (step2ck.score if step2ck else None)
    else:
        assert facts.step2ck_score is None
    # The roadmap drops the visa step exactly when fit says no visa is needed.
    assert facts.needs_visa == (steps["visa"].status is not StepStatus.NOT_APPLICABLE)
