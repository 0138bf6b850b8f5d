"""What the suggestion engine reads and returns: frozen dataclasses, no framework."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class VisaRoute(StrEnum):
    """How a mentor was allowed to train in the US."""

    J1 = "j1"
    H1B = "h1b"
    GREEN_CARD = "green_card"
    CITIZEN = "citizen"


class Topic(StrEnum):
    USMLE = "usmle"
    USCE = "usce"
    APPLICATIONS = "applications"
    INTERVIEWS = "interviews"
    VISAS = "visas"
    LICENSURE = "licensure"
    CULTURAL_ADAPTATION = "cultural_adaptation"
    WELLBEING = "wellbeing"


TOPIC_WORDS: dict[Topic, str] = {
    Topic.USMLE: "the USMLE",
    Topic.USCE: "US clinical experience",
    Topic.APPLICATIONS: "residency applications",
    Topic.INTERVIEWS: "interviews",
    Topic.VISAS: "visas",
    Topic.LICENSURE: "licensure",
    Topic.CULTURAL_ADAPTATION: "cultural adaptation",
    Topic.WELLBEING: "wellbeing",
}

VISA_WORDS: dict[VisaRoute, str] = {
    VisaRoute.J1: "a J-1",
    VisaRoute.H1B: "an H-1B",
    VisaRoute.GREEN_CARD: "a green card",
    VisaRoute.CITIZEN: "US citizenship",
}


@dataclass(frozen=True)
class MentorCard:
    """One approved mentor as the engine sees them (labels already in plain words)."""

    id: int
    graduation_country: str | None = None
    graduation_country_name: str | None = None
    specialty: str | None = None
    specialty_label: str | None = None
    visa_route: VisaRoute | None = None
    states: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    topics: tuple[Topic, ...] = ()
    capacity: int = 0
    active_mentees: int = 0
    paused: bool = False

    @property
    def has_room(self) -> bool:
        return not self.paused and self.active_mentees < self.capacity


@dataclass(frozen=True)
class Seeker:
    """What the applicant's profile says that a mentor could share."""

    graduation_country: str | None = None
    graduation_country_name: str | None = None
    specialties: tuple[str, ...] = ()
    visas_wanted: frozenset[VisaRoute] = frozenset()
    states: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    topics_needed: tuple[Topic, ...] = ()
    # Mentors never suggested: already connected, blocked either way.
    excluded: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Suggestion:
    mentor_id: int
    score: int
    reasons: tuple[str, ...]
