"""Hypothesis strategies for profile dicts that ``parse_profile`` admits."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from imgpath.engines.rules import COUNTRY_CODES, SPECIALTIES, US_STATES

COUNTRIES = sorted(COUNTRY_CODES)
NOT_US = [code for code in COUNTRIES if code != "US"]
DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))
YEARS = st.integers(1950, 2100)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _iso(strategy: st.SearchStrategy[date]) -> st.SearchStrategy[str]:
    return strategy.map(date.isoformat)


@st.composite
def usmle_exams(draw: st.DrawFn) -> dict[str, Any]:
    status = draw(_maybe(st.sampled_from(["not_taken", "scheduled", "passed", "failed"])))
    if status in ("passed", "failed"):
        attempts = draw(_maybe(st.integers(1, 10)))
    elif status == "not_taken":
        attempts = draw(_maybe(st.just(0)))
    else:
        attempts = draw(_maybe(st.integers(0, 10)))
    exam = {
        "status": status,
        "attempts": attempts,
        "score": draw(_maybe(st.integers(1, 300))),
        "date": draw(_maybe(_iso(DATES))),
    }
    return {key: value for key, value in exam.items() if value is not None or draw(st.booleans())}


oet_results = st.fixed_dictionaries(
    {},
    optional={
        "status": _maybe(st.sampled_from(["not_taken", "scheduled", "passed", "failed"])),
        "date": _maybe(_iso(DATES)),
        **{
            part: _maybe(st.integers(0, 500))
            for part in ("listening", "reading", "writing", "speaking")
        },
    },
)


@st.composite
def experiences(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(
        st.sampled_from(
            [
                "observership",
                "externship",
                "clerkship",
                "us_residency",
                "training_abroad",
                "practice_abroad",
            ]
        )
    )
    if kind in ("training_abroad", "practice_abroad"):
        country = draw(_maybe(st.sampled_from(NOT_US)))
    elif kind == "us_residency":
        country = draw(_maybe(st.just("US")))
    else:
        country = draw(_maybe(st.sampled_from(COUNTRIES)))
    item: dict[str, Any] = {"kind": kind, "country": country}
    item["months"] = draw(_maybe(st.integers(0, 600) | st.floats(0, 600, allow_nan=False)))
    item["specialty"] = draw(_maybe(st.sampled_from(sorted(SPECIALTIES))))
    if draw(st.booleans()):
        start, end = sorted([draw(DATES), draw(DATES)])
        item["start_date"], item["end_date"] = start.isoformat(), end.isoformat()
    return item


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """Any profile the parser admits, from empty to fully filled in."""
    citizenships = draw(st.lists(st.sampled_from(COUNTRIES), max_size=3))
    statuses = ["citizen"] if "US" in citizenships else ["none", "citizen", "permanent_resident"]
    certified = draw(_maybe(st.booleans()))
    profile: dict[str, Any] = {
        "citizenships": citizenships,
        "us_status": draw(_maybe(st.sampled_from(statuses))),
        "current_visa": draw(_maybe(st.sampled_from(["none", "B1B2", "F1", "J1", "H1B", "other"]))),
        "current_location": draw(_maybe(st.sampled_from(["us", "abroad"]))),
        "medical_school": draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "name": st.text(min_size=1, max_size=40).filter(str.strip),
                    "country": st.sampled_from(COUNTRIES),
                    "ecfmg_sponsor_note": _maybe(st.booleans()),
                    "graduated": _maybe(st.booleans()),
                    "graduation_year": _maybe(YEARS),
                    "diploma_verified": _maybe(st.booleans()),
                },
            )
        ),
        "exams": draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "usmle_step1": _maybe(usmle_exams()),
                    "usmle_step2ck": _maybe(usmle_exams()),
                    "usmle_step3": _maybe(usmle_exams()),
                    "oet": _maybe(oet_results),
                },
            )
        ),
        "pathways": draw(_maybe(st.sampled_from(["not_started", "submitted", "accepted"]))),
        "ecfmg_certified": certified,
        "experience": draw(st.lists(experiences(), max_size=4)),
        "licensed_abroad": draw(_maybe(st.booleans())),
        "targets": draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "specialties": st.lists(st.sampled_from(sorted(SPECIALTIES)), max_size=3),
                    "states": st.lists(st.sampled_from(sorted(US_STATES)), max_size=4),
                    "match_year": _maybe(YEARS),
                },
            )
        ),
        "visa_preference": draw(_maybe(st.sampled_from(["j1", "h1b", "either"]))),
        "progress": draw(
            st.fixed_dictionaries(
                {},
                optional={
                    name: _maybe(st.booleans())
                    for name in (
                        "program_list_ready",
                        "personal_statement_ready",
                        "letters_ready",
                        "eras_submitted",
                        "nrmp_registered",
                        "rank_list_certified",
                        "matched",
                    )
                },
            )
        ),
    }
    if certified:
        profile["ecfmg_certified_date"] = draw(_maybe(_iso(DATES)))
    # Leave some keys out altogether: every field is optional.
    keep = draw(st.sets(st.sampled_from(sorted(profile))))
    if "ecfmg_certified_date" in keep:
        keep.add("ecfmg_certified")
    return {key: value for key, value in profile.items() if key in keep}
