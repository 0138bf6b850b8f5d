"""The library's step catalogue must name every step the roadmap engine can produce."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings

from imgpath.engines.library import STEPS, base_step_id
from imgpath.engines.rules import evaluate_json, load_default_facts
from imgpath.engines.rules.tests.strategies import profiles


@settings(max_examples=60, deadline=None)
@given(profiles())
def test_every_roadmap_step_is_in_the_library_catalogue(profile):
    roadmap = evaluate_json(profile, load_default_facts(), date(2026, 12, 7))
    for phase in roadmap["phases"]:
        for step in phase["steps"]:
            assert base_step_id(step["id"]) in STEPS, step["id"]
