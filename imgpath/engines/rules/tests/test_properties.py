"""Properties over every profile the parser admits: no crash, determinism, round trip,
cited sources, and the shape of the output contract."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from imgpath.engines.rules import (
    PHASE_IDS,
    evaluate,
    load_default_facts,
    parse_profile,
    profile_to_dict,
    roadmap_to_dict,
)
from imgpath.engines.rules.tests.strategies import profiles
from imgpath.engines.rules.wording import day

TODAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
STEP_STATUSES = {"done", "next", "todo", "blocked", "not_applicable"}
PHASE_STATUSES = {"done", "in_progress", "todo", "blocked", "not_applicable"}
SEVERITIES = {"info", "warning", "blocker"}


def _roadmap(data: dict[str, Any], today: date) -> dict[str, Any]:
    return roadmap_to_dict(evaluate(parse_profile(data), load_default_facts(), today))


@settings(max_examples=300, deadline=None)
@given(profiles(), TODAYS)
def test_engine_never_crashes_and_honours_the_contract(data: dict[str, Any], today: date) -> None:
    roadmap = _roadmap(data, today)
    json.dumps(roadmap)  # plain JSON all the way down
    assert roadmap["today"] == today.isoformat()
    assert [item["id"] for item in roadmap["phases"]] == list(PHASE_IDS)
    steps = [step for phase in roadmap["phases"] for step in phase["steps"]]
    assert len({step["id"] for step in steps}) == len(steps)
    assert sum(step["status"] == "next" for step in steps) <= 1
    for phase in roadmap["phases"]:
        assert phase["status"] in PHASE_STATUSES
        assert phase["steps"], phase["id"]
    for step in steps:
        assert step["status"] in STEP_STATUSES
        assert step["reason"].strip()
        assert step["due"] is None or date.fromisoformat(step["due"])
    for warning in roadmap["warnings"]:
        assert warning["severity"] in SEVERITIES
        assert warning["message"].strip()


@settings(max_examples=150, deadline=None)
@given(profiles(), TODAYS)
def test_everything_that_cites_facts_names_date_and_tier(data: dict[str, Any], today: date) -> None:
    roadmap = _roadmap(data, today)
    cited = [step for phase in roadmap["phases"] for step in phase["steps"]]
    cited += roadmap["warnings"]
    for item in cited:
        for source in item["sources"]:
            assert source["tier"] in {"A", "B", "C"}
            assert source["as_of"] is None or date.fromisoformat(source["as_of"])
            assert source["undated"] == (source["as_of"] is None)
            assert source["title"]
            assert source["verified"] or source["flag"]
            assert source["unconfirmed"] == (not source["verified"])
            if source["tier"] != "A":
                assert not source["verified"]
        assert item["unconfirmed"] == any(s["unconfirmed"] for s in item["sources"])
    unverified = {s["fact_id"] for item in cited for s in item["sources"] if not s["verified"]}
    named = {
        w["sources"][0]["fact_id"] for w in roadmap["warnings"] if w["code"] == "unverified_rule"
    }
    assert unverified == named


@settings(max_examples=100, deadline=None)
@given(profiles(), TODAYS)
def test_engine_is_deterministic_and_leaves_its_inputs_alone(
    data: dict[str, Any], today: date
) -> None:
    original = copy.deepcopy(data)
    profile = parse_profile(data)
    facts = load_default_facts()
    first = evaluate(profile, facts, today)
    assert evaluate(profile, facts, today) == first
    assert data == original
    assert profile == parse_profile(original)
    assert facts == load_default_facts()


@settings(max_examples=300, deadline=None)
@given(profiles())
def test_profile_round_trips(data: dict[str, Any]) -> None:
    profile = parse_profile(data)
    assert parse_profile(profile_to_dict(profile)) == profile
    assert parse_profile(json.loads(json.dumps(profile_to_dict(profile)))) == profile


@settings(max_examples=100, deadline=None)
@given(profiles(), TODAYS)
def test_citizens_and_permanent_residents_never_get_an_immigration_phase(
    data: dict[str, Any], today: date
) -> None:
    data = {**data, "us_status": "citizen"}
    roadmap = _roadmap(data, today)
    immigration = roadmap["phases"][-1]
    assert immigration["status"] == "not_applicable"
    assert not {"j1_home_residency", "h1b_payment_abroad", "travel_restriction"} & {
        w["code"] for w in roadmap["warnings"]
    }


@settings(max_examples=150, deadline=None)
@given(profiles(), TODAYS)
def test_no_step_states_an_unconfirmed_date_as_fact(data: dict[str, Any], today: date) -> None:
    """A date taken from an unverified calendar row is always followed by "(unconfirmed)"."""
    facts = load_default_facts()
    calendar_dates = {row.id: row for row in facts.calendar if row.date is not None}
    roadmap = _roadmap(data, today)
    for phase in roadmap["phases"]:
        for step in phase["steps"]:
            confirmed = {
                calendar_dates[s["fact_id"]].date
                for s in step["sources"]
                if s["fact_id"] in calendar_dates and s["verified"]
            }
            for source in step["sources"]:
                row = calendar_dates.get(source["fact_id"])
                if row is None or source["verified"] or row.date in confirmed:
                    continue
                words = day(row.date)
                for at in _occurrences(step["reason"], words):
                    rest = step["reason"][at + len(words) :]
                    assert rest.startswith(" (unconfirmed)"), (step["id"], words, step["reason"])


def _occurrences(text: str, words: str) -> list[int]:
    found, start = [], text.find(words)
    while start != -1:
        found.append(start)
        start = text.find(words, start + 1)
    return found
