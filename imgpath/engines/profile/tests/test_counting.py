"""The profile engine's own tables and counting rules."""

from __future__ import annotations

from imgpath.engines.profile import SPECIALTIES, parse_profile
from imgpath.engines.profile.counting import (
    exam_passed,
    hands_on_months,
    observership_months,
    us_clinical_months,
)
from imgpath.engines.rules import load_default_facts


def test_the_specialty_vocabulary_is_the_one_the_facts_check():
    facts = load_default_facts()
    assert dict(SPECIALTIES) == {item.id: item.label for item in facts.specialties}


def test_residency_is_hands_on_but_not_short_term_clinical_experience():
    profile = parse_profile(
        {
            "experience": [
                {"kind": "us_residency", "months": 6},
                {"kind": "externship", "months": 2, "country": "US"},
                {"kind": "observership", "months": 3},
                {"kind": "clerkship", "months": 4, "country": "IN"},
            ]
        }
    )
    assert (hands_on_months(profile), observership_months(profile)) == (8, 3)
    assert us_clinical_months(profile) == 5


def test_ecfmg_certification_proves_steps_1_and_2ck_only():
    profile = parse_profile({"ecfmg_certified": True})
    assert [exam_passed(profile, e) for e in ("usmle_step1", "usmle_step2ck", "usmle_step3")] == [
        True,
        True,
        False,
    ]


def test_every_choice_value_has_a_label():
    from imgpath.engines.profile.labels import CHOICE_ENUMS, choices

    for enum in CHOICE_ENUMS:
        assert [value for value, _ in choices(enum)] == [member.value for member in enum]
