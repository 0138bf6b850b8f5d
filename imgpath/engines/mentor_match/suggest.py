"""Rank mentors for an applicant, each suggestion with the reasons it was made.

Problem: an IMG looks for someone who walked the same path. Among approved mentors
with free capacity, prefer those who share the applicant's country (or region) of
graduation, target specialty, visa route, target states and languages, and who help
with the topics of the phase the applicant is in.

Steps:
1. Drop mentors who are paused, full, or excluded (already connected, blocked).
2. For each remaining mentor, collect reasons in plain words; each reason has a weight.
3. Drop mentors with no reason: nothing is suggested without saying why.
4. Order by total weight, highest first, then by mentor id, so equal inputs give
   equal output whatever order the mentors came in.
"""

from __future__ import annotations

from collections.abc import Iterable

from imgpath.engines.mentor_match.languages import language_name
from imgpath.engines.mentor_match.model import (
    TOPIC_WORDS,
    VISA_WORDS,
    MentorCard,
    Seeker,
    Suggestion,
    Topic,
)
from imgpath.engines.mentor_match.regions import region_of

WEIGHT_COUNTRY = 5
WEIGHT_SPECIALTY = 4
WEIGHT_VISA = 3
WEIGHT_REGION = 2
WEIGHT_STATE = 2
WEIGHT_LANGUAGE = 2
WEIGHT_TOPIC = 2


def suggest_mentors(
    mentors: Iterable[MentorCard], seeker: Seeker, *, limit: int | None = None
) -> list[Suggestion]:
    """The mentors worth suggesting to `seeker`, best first, each with its reasons."""
    found = []
    for mentor in mentors:
        if not mentor.has_room or mentor.id in seeker.excluded:
            continue
        weighted = reasons_for(mentor, seeker)
        if weighted:
            score = sum(weight for weight, _ in weighted)
            found.append(Suggestion(mentor.id, score, tuple(text for _, text in weighted)))
    found.sort(key=lambda s: (-s.score, s.mentor_id))
    return found if limit is None else found[:limit]


def reasons_for(mentor: MentorCard, seeker: Seeker) -> list[tuple[int, str]]:
    """(weight, sentence) for each thing the mentor shares with the seeker."""
    reasons = [*_origin(mentor, seeker), *_training(mentor, seeker), *_languages(mentor, seeker)]
    reasons.extend(_topics(mentor, seeker))
    return reasons


def _origin(mentor: MentorCard, seeker: Seeker) -> list[tuple[int, str]]:
    mine, theirs = seeker.graduation_country, mentor.graduation_country
    if not mine or not theirs:
        return []
    if mine.upper() == theirs.upper():
        return [
            (WEIGHT_COUNTRY, f"Graduated in {mentor.graduation_country_name or theirs} like you.")
        ]
    region = region_of(theirs)
    if region is not None and region == region_of(mine):
        name = mentor.graduation_country_name or theirs
        return [(WEIGHT_REGION, f"Graduated in {name}, in {region} like you.")]
    return []


def _training(mentor: MentorCard, seeker: Seeker) -> list[tuple[int, str]]:
    reasons: list[tuple[int, str]] = []
    same_specialty = bool(mentor.specialty) and mentor.specialty in seeker.specialties
    shared_visa = mentor.visa_route is not None and mentor.visa_route in seeker.visas_wanted
    label = (mentor.specialty_label or mentor.specialty or "").lower()
    if same_specialty and shared_visa and mentor.visa_route is not None:
        visa = VISA_WORDS[mentor.visa_route]
        reasons.append((WEIGHT_SPECIALTY + WEIGHT_VISA, f"Matched into {label} on {visa}."))
    elif same_specialty:
        reasons.append((WEIGHT_SPECIALTY, f"Trained in {label}, the specialty you target."))
    elif shared_visa and mentor.visa_route is not None:
        reasons.append(
            (WEIGHT_VISA, f"Trained on {VISA_WORDS[mentor.visa_route]}, the visa you want.")
        )
    states = [s for s in mentor.states if s in seeker.states]
    if states:
        reasons.append(
            (WEIGHT_STATE, f"Trained or works in {', '.join(states)}, a state you target.")
        )
    return reasons


def _languages(mentor: MentorCard, seeker: Seeker) -> list[tuple[int, str]]:
    shared = [code for code in mentor.languages if code in seeker.languages]
    if not shared:
        return []
    names = ", ".join(language_name(code) for code in shared)
    return [(WEIGHT_LANGUAGE, f"Speaks {names} like you.")]


def _topics(mentor: MentorCard, seeker: Seeker) -> list[tuple[int, str]]:
    shared = [t for t in seeker.topics_needed if t in mentor.topics]
    if not shared:
        return []
    words = _join([TOPIC_WORDS[Topic(t)] for t in shared])
    return [(WEIGHT_TOPIC, f"Helps with {words}, where you are now.")]


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"
