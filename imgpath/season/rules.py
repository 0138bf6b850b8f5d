"""The season rules from the facts, read once per process."""

from __future__ import annotations

from functools import cache

from imgpath.engines.rules import load_default_facts
from imgpath.engines.season import SeasonRules, season_rules


@cache
def current_rules() -> SeasonRules:
    return season_rules(load_default_facts())
