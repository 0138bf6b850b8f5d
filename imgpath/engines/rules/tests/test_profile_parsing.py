"""The profile parser: every bad value is refused with a message naming the field path."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from imgpath.engines.profile.model import ExamStatus, ExperienceKind, UsStatus
from imgpath.engines.rules import (
    SPECIALTIES,
    US_STATES,
    ProfileError,
    parse_profile,
    profile_to_dict,
)
from imgpath.engines.rules.tests.support import INDIAN_GRADUATE


def test_the_example_profile_parses_into_typed_values() -> None:
    profile = parse_profile(INDIAN_GRADUATE)
    assert profile.us_status is UsStatus.NONE
    assert profile.citizenships == ("IN",)
    step1 = profile.exams.usmle_step1
    assert step1 is not None
    assert step1.status is ExamStatus.PASSED
    assert step1.date == date(2023, 5, 1)
    assert profile.targets.states == ("TX",)
    assert profile.medical_school.graduation_year == 2021


def test_an_empty_profile_is_valid() -> None:
    profile = parse_profile({})
    assert profile.citizenships == ()
    assert profile.exams.usmle_step1 is None
    assert parse_profile(profile_to_dict(profile)) == profile


def test_to_dict_gives_the_documented_shape() -> None:
    data = profile_to_dict(parse_profile(INDIAN_GRADUATE))
    assert data["exams"]["usmle_step1"] == {
        "status": "passed",
        "attempts": 1,
        "score": None,
        "date": "2023-05-01",
    }
    assert data["targets"] == {
        "specialties": ["internal_medicine"],
        "states": ["TX"],
        "match_year": 2027,
    }
    assert data["visa_preference"] == "j1"


def test_codes_are_normalised_and_duplicates_dropped() -> None:
    profile = parse_profile(
        {"citizenships": ["in", "IN", "ng"], "targets": {"states": ["tx", "TX", "dc", "pr"]}}
    )
    assert profile.citizenships == ("IN", "NG")
    assert profile.targets.states == ("TX", "DC", "PR")


def test_tables_for_forms() -> None:
    assert len(US_STATES) == 52
    assert US_STATES["DC"] == "District of Columbia"
    assert US_STATES["PR"] == "Puerto Rico"
    for specialty in (
        "internal_medicine",
        "family_medicine",
        "pediatrics",
        "psychiatry",
        "neurology",
        "general_surgery",
        "anesthesiology",
        "emergency_medicine",
        "obstetrics_gynecology",
        "pathology",
        "diagnostic_radiology",
    ):
        assert specialty in SPECIALTIES
    assert SPECIALTIES["internal_medicine"] == "Internal Medicine"


def test_experience_months_may_be_fractional() -> None:
    profile = parse_profile(
        {
            "experience": [
                {"kind": "observership", "months": 0.5},
                {"kind": "externship", "months": 2.0},
            ]
        }
    )
    assert profile.experience[0].months == 0.5
    assert profile.experience[1].months == 2
    assert profile.experience[1].kind is ExperienceKind.EXTERNSHIP


BAD: list[tuple[dict[str, Any], str]] = [
    ({"favourite_color": "blue"}, "favourite_color: unknown field"),
    ({"exams": {"usmle_step4": {}}}, "exams.usmle_step4: unknown field"),
    (
        {"exams": {"usmle_step1": {"status": "passed", "grade": 1}}},
        "exams.usmle_step1.grade: unknown field",
    ),
    ({"us_status": "green_card"}, "us_status: must be one of none, citizen, permanent_resident"),
    ({"current_visa": "H1"}, "current_visa: must be one of none, B1B2, F1, J1, H1B, other"),
    (
        {"exams": {"usmle_step1": {"status": "passed", "attempts": 11}}},
        "exams.usmle_step1.attempts: must be an integer between 0 and 10",
    ),
    (
        {"exams": {"usmle_step1": {"attempts": "2"}}},
        "exams.usmle_step1.attempts: must be an integer between 0 and 10",
    ),
    (
        {"exams": {"usmle_step1": {"attempts": True}}},
        "exams.usmle_step1.attempts: must be an integer between 0 and 10",
    ),
    (
        {"exams": {"usmle_step1": {"status": "passed", "attempts": 0}}},
        "exams.usmle_step1.attempts: must be at least 1 when status is passed",
    ),
    (
        {"exams": {"usmle_step2ck": {"status": "not_taken", "attempts": 2}}},
        "exams.usmle_step2ck.attempts: must be 0 when status is not_taken",
    ),
    (
        {"exams": {"usmle_step2ck": {"score": 301}}},
        "exams.usmle_step2ck.score: must be an integer between 1 and 300",
    ),
    (
        {"exams": {"usmle_step2ck": {"score": 0}}},
        "exams.usmle_step2ck.score: must be an integer between 1 and 300",
    ),
    (
        {"exams": {"usmle_step1": {"date": "2023-02-30"}}},
        "exams.usmle_step1.date: is not a real date (2023-02-30)",
    ),
    (
        {"exams": {"usmle_step1": {"date": "01/05/2023"}}},
        "exams.usmle_step1.date: must be a date written YYYY-MM-DD",
    ),
    (
        {"exams": {"usmle_step1": {"date": "1900-01-01"}}},
        "exams.usmle_step1.date: must be between 1950 and 2100",
    ),
    (
        {"exams": {"oet": {"writing": 501}}},
        "exams.oet.writing: must be an integer between 0 and 500",
    ),
    (
        {"exams": {"oet": {"speaking": -1}}},
        "exams.oet.speaking: must be an integer between 0 and 500",
    ),
    (
        {"medical_school": {"graduation_year": 1949}},
        "medical_school.graduation_year: must be an integer between 1950 and 2100",
    ),
    (
        {"medical_school": {"country": "India"}},
        "medical_school.country: must be a two-letter ISO country code",
    ),
    (
        {"medical_school": {"country": "ZZ"}},
        "medical_school.country: must be a two-letter ISO country code",
    ),
    ({"medical_school": {"graduated": "yes"}}, "medical_school.graduated: must be true or false"),
    ({"medical_school": "Harvard"}, "medical_school: must be an object"),
    ({"citizenships": "IN"}, "citizenships: must be a list of at most 50 items"),
    ({"citizenships": ["IN", "XX"]}, "citizenships[1]: must be a two-letter ISO country code"),
    (
        {"targets": {"states": ["TX", "ON"]}},
        "targets.states[1]: must be a US state code (50 states, DC or PR)",
    ),
    (
        {"targets": {"specialties": ["cardiology"]}},
        "targets.specialties[0]: must be a known specialty id (see SPECIALTIES)",
    ),
    (
        {"targets": {"match_year": 2101}},
        "targets.match_year: must be an integer between 1950 and 2100",
    ),
    ({"experience": [{"months": 2}]}, "experience[0].kind: is required"),
    (
        {"experience": [{"kind": "volunteering"}]},
        "experience[0].kind: must be one of observership, externship, clerkship, us_residency, "
        "training_abroad, practice_abroad",
    ),
    (
        {"experience": [{"kind": "observership", "months": 601}]},
        "experience[0].months: must be a number of months between 0 and 600",
    ),
    (
        {"experience": [{"kind": "observership", "months": float("nan")}]},
        "experience[0].months: must be a number of months between 0 and 600",
    ),
    (
        {"experience": [{"kind": "practice_abroad", "country": "US"}]},
        "experience[0].country: cannot be US for practice_abroad",
    ),
    (
        {"experience": [{"kind": "us_residency", "country": "IN"}]},
        "experience[0].country: must be US for us_residency",
    ),
    (
        {
            "experience": [
                {"kind": "observership", "start_date": "2024-03-01", "end_date": "2024-02-01"}
            ]
        },
        "experience[0].end_date: must not be before start_date",
    ),
    (
        {"ecfmg_certified": False, "ecfmg_certified_date": "2024-01-01"},
        "ecfmg_certified_date: only allowed when ecfmg_certified is true",
    ),
    (
        {"citizenships": ["US"], "us_status": "none"},
        "us_status: must be citizen when citizenships includes US",
    ),
    ({"progress": {"matched": 1}}, "progress.matched: must be true or false"),
    ([], "profile: must be an object"),
]


@pytest.mark.parametrize(("data", "message"), BAD)
def test_bad_values_are_refused_with_the_field_path(data: Any, message: str) -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(data)
    assert str(caught.value) == message
    assert caught.value.path == message.split(":", maxsplit=1)[0]
