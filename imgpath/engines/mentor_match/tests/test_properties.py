"""Properties: never a paused or full mentor, every suggestion has a reason, stable order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from imgpath.engines.mentor_match import MentorCard, Seeker, Topic, VisaRoute, suggest_mentors

COUNTRIES = st.sampled_from(["NG", "GH", "IN", "PK", "EG", "BR", "PH", None])
SPECIALTIES = st.sampled_from(["internal_medicine", "pediatrics", "psychiatry", None])
LANGS = st.lists(st.sampled_from(["en", "fr", "ar", "hi", "yo"]), max_size=3, unique=True)
STATES = st.lists(st.sampled_from(["NY", "TX", "CA", "FL"]), max_size=2, unique=True)
TOPICS = st.lists(st.sampled_from(list(Topic)), max_size=4, unique=True)
VISAS = st.sampled_from([*VisaRoute, None])


@st.composite
def mentors(draw) -> list[MentorCard]:
    count = draw(st.integers(min_value=0, max_value=12))
    ids = draw(st.lists(st.integers(1, 10_000), min_size=count, max_size=count, unique=True))
    cards = []
    for mentor_id in ids:
        capacity = draw(st.integers(0, 4))
        cards.append(
            MentorCard(
                id=mentor_id,
                graduation_country=draw(COUNTRIES),
                specialty=draw(SPECIALTIES),
                specialty_label="Some specialty",
                visa_route=draw(VISAS),
                states=tuple(draw(STATES)),
                languages=tuple(draw(LANGS)),
                topics=tuple(draw(TOPICS)),
                capacity=capacity,
                active_mentees=draw(st.integers(0, 5)),
                paused=draw(st.booleans()),
            )
        )
    return cards


seekers = st.builds(
    Seeker,
    graduation_country=COUNTRIES,
    specialties=st.lists(SPECIALTIES.filter(bool), max_size=2).map(tuple),
    visas_wanted=st.frozensets(st.sampled_from(list(VisaRoute)), max_size=2),
    states=STATES.map(tuple),
    languages=LANGS.map(tuple),
    topics_needed=TOPICS.map(tuple),
    excluded=st.frozensets(st.integers(1, 10_000), max_size=5),
)


@given(mentors(), seekers)
def test_never_a_paused_full_or_excluded_mentor(cards, seeker):
    by_id = {c.id: c for c in cards}
    for suggestion in suggest_mentors(cards, seeker):
        card = by_id[suggestion.mentor_id]
        assert not card.paused
        assert card.active_mentees < card.capacity
        assert card.id not in seeker.excluded


@given(mentors(), seekers)
def test_every_suggestion_has_a_reason_and_a_positive_score(cards, seeker):
    for suggestion in suggest_mentors(cards, seeker):
        assert suggestion.reasons
        assert all(r.strip().endswith(".") for r in suggestion.reasons)
        assert suggestion.score > 0


@given(mentors(), seekers, st.randoms())
def test_order_does_not_depend_on_input_order(cards, seeker, random):
    shuffled = list(cards)
    random.shuffle(shuffled)
    assert suggest_mentors(shuffled, seeker) == suggest_mentors(cards, seeker)


@given(mentors(), seekers)
def test_sorted_best_first_with_ties_by_id(cards, seeker):
    keys = [(-s.score, s.mentor_id) for s in suggest_mentors(cards, seeker)]
    assert keys == sorted(keys)


@given(mentors(), seekers, st.integers(0, 5))
def test_limit_is_a_prefix(cards, seeker, limit):
    assert suggest_mentors(cards, seeker, limit=limit) == suggest_mentors(cards, seeker)[:limit]
