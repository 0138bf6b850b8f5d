from __future__ import annotations

import datetime as dt

from imgpath.engines.fit import VisaPreference
from imgpath.engines.profile import Profile, parse_profile
from imgpath.programs.fit import applicant_facts, coming_match_year

TODAY = dt.date(2026, 6, 1)


def test_an_empty_profile_gives_no_facts():
    assert applicant_facts(Profile(), today=TODAY) is None


def test_the_profile_contract_maps_to_facts():
    facts = applicant_facts(
        parse_profile(
            {
                "us_status": "none",
                "current_visa": "B1B2",
                "medical_school": {"graduation_year": 2021},
                "exams": {
                    "usmle_step1": {"status": "passed", "attempts": 2},
                    "usmle_step2ck": {"status": "passed", "attempts": 1, "score": 247},
                    "usmle_step3": {"status": "passed", "attempts": 1},
                },
                "ecfmg_certified": True,
                "experience": [
                    {"kind": "externship", "months": 2, "country": "US"},
                    {"kind": "observership", "months": 3, "country": "US"},
                    {"kind": "clerkship", "months": 4, "country": "IN"},
                ],
                "targets": {"match_year": 2028},
                "visa_preference": "h1b",
            }
        ),
        today=TODAY,
    )

    assert facts.match_year == 2028
    assert facts.graduation_year == 2021
    assert facts.needs_visa is True
    assert facts.visa_preference is VisaPreference.H1B
    assert (facts.max_attempts, facts.any_failed_attempt) == (2, True)
    assert (facts.step2ck_score, facts.step3_passed, facts.ecfmg_certified) == (247, True, True)
    assert (facts.usce_hands_on_months, facts.usce_observership_months) == (2, 3)


def test_citizens_and_residents_need_no_visa_and_unpassed_scores_do_not_count():
    facts = applicant_facts(
        parse_profile(
            {
                "us_status": "permanent_resident",
                "exams": {"usmle_step2ck": {"status": "scheduled", "score": 250}},
            }
        ),
        today=TODAY,
    )

    assert facts.needs_visa is False
    assert facts.graduation_year is None
    assert facts.step2ck_score is None
    assert facts.visa_preference is VisaPreference.EITHER
    assert facts.match_year == 2027


def test_us_residency_is_hands_on_and_certification_proves_step2ck():
    facts = applicant_facts(
        parse_profile(
            {
                "ecfmg_certified": True,
                "exams": {"usmle_step2ck": {"score": 241}},
                "experience": [
                    {"kind": "us_residency", "months": 12},
                    {"kind": "observership", "months": 1.5},
                ],
            }
        ),
        today=TODAY,
    )

    assert (facts.usce_hands_on_months, facts.usce_observership_months) == (12, 1.5)
    assert facts.step2ck_score == 241


def test_the_default_match_year_is_the_roadmaps():
    # Before 1 September the next cycle can still be joined from the start; from then on,
    # the one after it (the rule the roadmap engine uses).
    assert coming_match_year(dt.date(2026, 8, 31)) == 2027
    assert coming_match_year(dt.date(2026, 9, 1)) == 2028
