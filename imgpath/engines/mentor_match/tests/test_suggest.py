"""Reasons in plain words for what a mentor shares with the applicant."""

from __future__ import annotations

from imgpath.engines.mentor_match import (
    MentorCard,
    Seeker,
    Topic,
    VisaRoute,
    seeker_from_profile,
    suggest_mentors,
)
from imgpath.engines.rules import parse_profile

NIGERIA = Seeker(
    graduation_country="NG",
    graduation_country_name="Nigeria",
    specialties=("internal_medicine",),
    visas_wanted=frozenset({VisaRoute.J1}),
    states=("NY",),
    languages=("en", "yo"),
    topics_needed=(Topic.USMLE,),
)


def mentor(id: int, **fields) -> MentorCard:
    return MentorCard(id=id, capacity=fields.pop("capacity", 2), **fields)


def test_same_country_specialty_and_visa_read_as_sentences():
    card = mentor(
        1,
        graduation_country="NG",
        graduation_country_name="Nigeria",
        specialty="internal_medicine",
        specialty_label="Internal Medicine",
        visa_route=VisaRoute.J1,
    )
    [suggestion] = suggest_mentors([card], NIGERIA)
    assert suggestion.reasons == (
        "Graduated in Nigeria like you.",
        "Matched into internal medicine on a J-1.",
    )


def test_region_counts_when_the_country_differs():
    card = mentor(2, graduation_country="GH", graduation_country_name="Ghana")
    [suggestion] = suggest_mentors([card], NIGERIA)
    assert suggestion.reasons == ("Graduated in Ghana, in West Africa like you.",)


def test_states_languages_and_topics():
    card = mentor(3, states=("NY", "NJ"), languages=("yo", "fr"), topics=(Topic.USMLE,))
    [suggestion] = suggest_mentors([card], NIGERIA)
    assert suggestion.reasons == (
        "Trained or works in NY, a state you target.",
        "Speaks Yoruba like you.",
        "Helps with the USMLE, where you are now.",
    )


def test_nothing_in_common_means_no_suggestion():
    card = mentor(4, graduation_country="BR", specialty="pediatrics", visa_route=VisaRoute.H1B)
    assert suggest_mentors([card], NIGERIA) == []


def test_paused_full_and_excluded_mentors_are_never_suggested():
    shared = {"graduation_country": "NG", "graduation_country_name": "Nigeria"}
    cards = [
        mentor(1, paused=True, **shared),
        mentor(2, capacity=1, active_mentees=1, **shared),
        mentor(3, **shared),
        mentor(4, **shared),
    ]
    seeker = Seeker(**{**NIGERIA.__dict__, "excluded": frozenset({3})})
    assert [s.mentor_id for s in suggest_mentors(cards, seeker)] == [4]


def test_more_in_common_ranks_first_and_ties_go_by_id():
    cards = [
        mentor(9, languages=("yo",)),
        mentor(5, languages=("en",)),
        mentor(7, graduation_country="NG", languages=("yo",)),
    ]
    assert [s.mentor_id for s in suggest_mentors(cards, NIGERIA)] == [7, 5, 9]


def test_the_profile_gives_the_phase_and_the_visa_wanted():
    profile = parse_profile(
        {
            "medical_school": {"country": "PK"},
            "exams": {
                "usmle_step1": {"status": "passed"},
                "usmle_step2ck": {"status": "passed"},
            },
            "visa_preference": "either",
            "targets": {"specialties": ["psychiatry"], "states": ["TX"]},
        }
    )
    seeker = seeker_from_profile(profile, languages=["ur"], excluded=[8])
    assert seeker.graduation_country_name == "Pakistan"
    assert seeker.topics_needed == (Topic.USCE, Topic.VISAS)
    assert seeker.visas_wanted == frozenset({VisaRoute.J1, VisaRoute.H1B})
    assert seeker.excluded == frozenset({8})


def test_a_citizen_wants_no_visa_and_an_empty_profile_starts_at_the_usmle():
    citizen = seeker_from_profile(parse_profile({"us_status": "citizen", "visa_preference": "j1"}))
    assert citizen.visas_wanted == frozenset()
    assert citizen.topics_needed == (Topic.USMLE,)
