"""The search filters: one vocabulary and one set of bounds for the page and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class Answer(models.TextChoices):
    """A yes/no ledger filter; "unknown" is a choice of its own, never folded into "no"."""

    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Unknown"
    YES_OR_UNKNOWN = "yes_or_unknown", "Yes or unknown"


class Meets(models.TextChoices):
    """A filter comparing the applicant's record with a program's limit."""

    MEETS = "meets", "I meet it"
    MEETS_OR_UNKNOWN = "meets_or_unknown", "I meet it, or unknown"
    UNKNOWN = "unknown", "Unknown"
    FAILS = "fails", "I do not meet it"


class Position(models.TextChoices):
    CATEGORICAL = "categorical", "Categorical"
    PRELIMINARY = "preliminary", "Preliminary"
    ADVANCED = "advanced", "Advanced (starts PGY-2)"
    RESERVED = "reserved", "Reserved (physician)"
    PRIMARY = "primary", "Primary care"
    UNKNOWN = "unknown", "Unknown (no NRMP code linked)"


POSITION_LETTER = {
    Position.CATEGORICAL: "C",
    Position.PRELIMINARY: "P",
    Position.ADVANCED: "A",
    Position.RESERVED: "R",
    Position.PRIMARY: "M",
}


class Sort(models.TextChoices):
    NAME = "name", "Name"
    DISTANCE = "distance", "Distance"
    IMG_SHARE = "img_share", "Share of IMG residents"
    FIT = "fit", "Fit for me"


# Bounds shared by the form and the API schema.
MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
RADIUS_MILES = (1, 3000)
RADIUS_CHOICES = (25, 50, 100, 250, 500, 1000)
DEFAULT_RADIUS = 100
PER_PAGE = (10, 100)
DEFAULT_PER_PAGE = 25
MAX_PAGE = 1000
GRADUATION_YEAR = (1940, 2100)
ATTEMPTS = (0, 20)
STEP2CK = (1, 300)
USCE_MONTHS = (0, 240)


@dataclass(frozen=True)
class SearchFilters:
    """A validated search; empty strings and None mean "any"."""

    q: str = ""
    specialty: str = ""
    state: str = ""
    region: str = ""
    near: str = ""
    radius: int = DEFAULT_RADIUS
    position: str = ""
    accepts_imgs: str = ""
    j1: str = ""
    h1b: str = ""
    # The sponsoring institution has federal H-1B evidence (evidence, not the program's policy).
    h1b_evidence: bool = False
    yog: str = ""
    graduation_year: int | None = None
    attempts: str = ""
    my_attempts: int | None = None
    step2ck: str = ""
    my_step2ck: int | None = None
    usce: str = ""
    usce_hands_on: int | None = None
    usce_observership: int | None = None
    match_year: int | None = None
    sort: str = Sort.NAME
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE


# Each applicant-relative filter needs the applicant's own value to compare with.
NEEDS = {
    "yog": ("graduation_year", "Enter your graduation year to filter by the graduation limit."),
    "attempts": ("my_attempts", "Enter your most attempts on a USMLE Step to filter by limit."),
    "step2ck": ("my_step2ck", "Enter your Step 2 CK score to filter by minimum score."),
    "usce": ("usce_hands_on", "Enter your months of hands-on US clinical experience."),
}


def filter_problems(filters: SearchFilters) -> list[tuple[str, str]]:
    """Problems that involve two parameters: (field, message) for each."""
    problems = [
        (mine, message)
        for name, (mine, message) in NEEDS.items()
        if getattr(filters, name) and getattr(filters, mine) is None
    ]
    if filters.sort == Sort.DISTANCE and not filters.near:
        problems.append(("near", "Choose a city to sort by distance."))
    return problems
