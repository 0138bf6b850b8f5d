"""The roadmap rules engine: profile + facts + today -> one explained, cited checklist.

Pure Python (no Django). The public API:

- ``parse_profile(data) -> Profile`` / ``profile_to_dict(profile)``; ``ProfileError``
- ``SPECIALTIES``, ``US_STATES`` (code -> label, for forms)
- ``load_facts(directory) -> Facts``, ``load_default_facts()``, ``iter_fact_rows(facts)``;
  ``FactsError``
- ``evaluate(profile, facts, today) -> Roadmap``, ``roadmap_to_dict(roadmap)``,
  ``evaluate_json(profile_data, facts, today)``; ``resolve_match_year(profile, today)``
"""

from __future__ import annotations

from functools import cache

from imgpath.engines.profile.model import Profile
from imgpath.engines.profile.parsing import ProfileError, parse_profile, profile_to_dict
from imgpath.engines.rules.codes import COUNTRY_CODES, DEFAULT_FACTS_DIR, SPECIALTIES, US_STATES
from imgpath.engines.rules.engine import evaluate, evaluate_json
from imgpath.engines.rules.facts.loading import FactRowSummary, iter_fact_rows, load_facts
from imgpath.engines.rules.facts.model import Facts
from imgpath.engines.rules.facts.schema import FactsError
from imgpath.engines.rules.roadmap import (
    PHASE_IDS,
    Phase,
    Roadmap,
    RoadmapWarning,
    SourceRef,
    Step,
    roadmap_to_dict,
)
from imgpath.engines.rules.situation import resolve_match_year


@cache
def load_default_facts() -> Facts:
    """The facts shipped in imgpath/data/facts, loaded and checked once per process."""
    return load_facts(DEFAULT_FACTS_DIR)


__all__ = [
    "COUNTRY_CODES",
    "DEFAULT_FACTS_DIR",
    "PHASE_IDS",
    "SPECIALTIES",
    "US_STATES",
    "FactRowSummary",
    "Facts",
    "FactsError",
    "Phase",
    "Profile",
    "ProfileError",
    "Roadmap",
    "RoadmapWarning",
    "SourceRef",
    "Step",
    "evaluate",
    "evaluate_json",
    "iter_fact_rows",
    "load_default_facts",
    "load_facts",
    "parse_profile",
    "profile_to_dict",
    "resolve_match_year",
    "roadmap_to_dict",
]
