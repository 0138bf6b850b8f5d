"""Mentor suggestions: who walked the applicant's path, and why we think so (pure Python)."""

from __future__ import annotations

from imgpath.engines.mentor_match.languages import LANGUAGE_NAMES, language_name
from imgpath.engines.mentor_match.model import (
    TOPIC_WORDS,
    VISA_WORDS,
    MentorCard,
    Seeker,
    Suggestion,
    Topic,
    VisaRoute,
)
from imgpath.engines.mentor_match.seeker import seeker_from_profile, topics_needed
from imgpath.engines.mentor_match.suggest import reasons_for, suggest_mentors

__all__ = [
    "LANGUAGE_NAMES",
    "TOPIC_WORDS",
    "VISA_WORDS",
    "MentorCard",
    "Seeker",
    "Suggestion",
    "Topic",
    "VisaRoute",
    "language_name",
    "reasons_for",
    "seeker_from_profile",
    "suggest_mentors",
    "topics_needed",
]
