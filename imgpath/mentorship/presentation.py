"""A mentor's path in plain words, for their public card (never contact details)."""

from __future__ import annotations

from imgpath.engines.mentor_match import language_name
from imgpath.engines.rules import SPECIALTIES, US_STATES
from imgpath.engines.rules.countries import COUNTRY_NAMES
from imgpath.mentorship.choices import TOPIC_LABELS, UsceKind, VisaRouteChoice
from imgpath.mentorship.models import MentorProfile


def profile_facts(p: MentorProfile) -> list[tuple[str, str]]:
    graduated = ", ".join(
        x
        for x in [
            p.school_name,
            COUNTRY_NAMES.get(p.graduation_country, ""),
            str(p.graduation_year or ""),
        ]
        if x
    )
    rows = [
        ("Graduated", graduated),
        ("Specialty", SPECIALTIES.get(p.specialty, "")),
        ("Trained at", p.training_institution),
        (
            "Now",
            ", ".join(x for x in [p.current_position, US_STATES.get(p.current_state, "")] if x),
        ),
        ("ECFMG route", p.ecfmg_route),
        ("US clinical experience", UsceKind(p.usce_kind).label if p.usce_kind else ""),
        ("Visa", VisaRouteChoice(p.visa_route).label if p.visa_route else ""),
        ("Waiver", p.waiver),
        ("Alternative licensure", p.alternative_licensure),
        ("Languages", ", ".join(language_name(code) for code in p.languages)),
        ("Helps with", ", ".join(TOPIC_LABELS.get(t, t) for t in p.topics)),
        ("Time zone", p.time_zone),
    ]
    return [(label, value) for label, value in rows if value]
