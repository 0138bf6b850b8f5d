"""The "Fill in from my profile" link of the search: the profile's record on top of the
filters already chosen, so choosing it never loses a specialty, place or policy filter."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from imgpath.engines.fit import ApplicantFacts


def profile_record(facts: ApplicantFacts) -> dict[str, float]:
    """The search parameters that describe the applicant, from their profile."""
    params = {
        "graduation_year": facts.graduation_year,
        "my_attempts": facts.max_attempts,
        "my_step2ck": facts.step2ck_score,
        "usce_hands_on": facts.usce_hands_on_months,
        "usce_observership": facts.usce_observership_months,
    }
    return {name: value for name, value in params.items() if value is not None}


def profile_fill_query(facts: ApplicantFacts | None, current: Mapping) -> str:
    """The current search's parameters, with the profile's record replacing any typed one.
    The page number is dropped: the filled-in search starts again at page one."""
    if facts is None:
        return ""
    record = profile_record(facts)
    kept: list[tuple[str, str]] = []
    for name in current:
        if name == "page" or name in record:
            continue
        values = current.getlist(name) if hasattr(current, "getlist") else [current[name]]
        kept.extend((name, value) for value in values if value != "")
    return urlencode(kept + [(name, str(value)) for name, value in record.items()])
