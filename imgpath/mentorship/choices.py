"""Vocabularies of mentor profiles (the engine's enums as Django choices)."""

from __future__ import annotations

from django.db import models

from imgpath.engines.mentor_match import LANGUAGE_NAMES, TOPIC_WORDS, Topic, VisaRoute
from imgpath.engines.rules import SPECIALTIES

TOPIC_CHOICES = [(t.value, TOPIC_WORDS[t].removeprefix("the ").capitalize()) for t in Topic]
TOPIC_LABELS = dict(TOPIC_CHOICES)
LANGUAGE_CHOICES = sorted(LANGUAGE_NAMES.items(), key=lambda item: item[1])
SPECIALTY_CHOICES = sorted(SPECIALTIES.items(), key=lambda item: item[1])


class VisaRouteChoice(models.TextChoices):
    J1 = VisaRoute.J1.value, "J-1 (ECFMG-sponsored exchange visitor)"
    H1B = VisaRoute.H1B.value, "H-1B"
    GREEN_CARD = VisaRoute.GREEN_CARD.value, "Green card (permanent resident)"
    CITIZEN = VisaRoute.CITIZEN.value, "US citizen"


class UsceKind(models.TextChoices):
    NONE = "none", "None before residency"
    OBSERVERSHIP = "observership", "Observership"
    EXTERNSHIP = "externship", "Externship"
    CLERKSHIP = "clerkship", "Clerkship (hands-on, as a student)"
    RESEARCH = "research", "Research position"


class MentorshipStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    ACTIVE = "active", "Active"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired (no answer in 14 days)"
    WITHDRAWN = "withdrawn", "Withdrawn"
    ENDED = "ended", "Ended"


OPEN_STATUSES = (MentorshipStatus.REQUESTED, MentorshipStatus.ACTIVE)


class SlotKind(models.TextChoices):
    ONE_TO_ONE = "one_to_one", "One-to-one"
    GROUP = "group", "Group"
