"""Whom a fact concerns: its roadmap phase, and the countries, states and visas it names.

A change reaches a person when a step or alert of their roadmap cites the fact, or when the
fact names one of their nationalities, target states or visas. Countries and states share
two-letter codes ("IN" is India and Indiana), so a code counts as a state only in the
licensure topics and as a country elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

PHASE_OF_TOPIC = {
    "ecfmg": "ecfmg_certification",
    "usmle": "ecfmg_certification",
    "experience": "clinical_experience",
    "letters": "residency_application",
    "season": "residency_application",
    "match": "match",
    "match_calendar": "match",
    "licensure": "licensure",
    "state_licensure": "licensure",
    "alternative_licensure": "licensure",
    "immigration": "immigration",
}
STATE_TOPICS = {"licensure", "state_licensure", "alternative_licensure"}
_CODE = re.compile(r"^[A-Z]{2}$")
# Visa words in a fact's id: the visas it is about.
_VISA_IDS = {"j1": "J1", "h1b": "H1B", "o1": "O1", "conrad": "J1", "tn": "TN"}


@dataclass(frozen=True)
class Scope:
    phase: str | None
    countries: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    visas: tuple[str, ...] = ()


def _codes(row: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    state = row.get("state")
    if isinstance(state, str) and _CODE.match(state):
        found.add(state)
    values = row.get("values") or {}
    for value in values.values() if isinstance(values, dict) else ():
        if (
            isinstance(value, list)
            and value
            and all(isinstance(item, str) and _CODE.match(item) for item in value)
        ):
            found.update(value)
    return found


def scope_of(row: dict[str, Any]) -> Scope:
    topic = row.get("topic")
    codes = _codes(row)
    words = set(str(row.get("id", "")).split("_"))
    visas = sorted({visa for word, visa in _VISA_IDS.items() if word in words})
    if topic in STATE_TOPICS:
        return Scope(PHASE_OF_TOPIC.get(topic), (), tuple(sorted(codes)), tuple(visas))
    return Scope(PHASE_OF_TOPIC.get(topic or ""), tuple(sorted(codes)), (), tuple(visas))


def is_affected(
    *,
    fact_id: str,
    scope: Scope,
    cited: Iterable[str],
    citizenships: Iterable[str],
    states: Iterable[str],
    visas: Iterable[str],
) -> bool:
    """True when the person's roadmap rests on the fact or the fact names them."""
    return (
        fact_id in set(cited)
        or bool(set(scope.countries) & set(citizenships))
        or bool(set(scope.states) & set(states))
        or bool(set(scope.visas) & set(visas))
    )


@dataclass(frozen=True)
class Touch:
    """What of one person's roadmap a set of changes touches."""

    fact_ids: tuple[str, ...]
    step_ids: tuple[str, ...]


def cited_by_step(roadmap: dict[str, Any]) -> dict[str, set[str]]:
    """step id -> the fact ids its sources cite (alerts under the key "alerts")."""
    cited: dict[str, set[str]] = {}
    for phase in roadmap["phases"]:
        for step in phase["steps"]:
            cited[step["id"]] = {source["fact_id"] for source in step["sources"]}
    cited["alerts"] = {s["fact_id"] for w in roadmap["warnings"] for s in w["sources"]}
    return cited


def touched(
    changes: Iterable[tuple[str, Scope]],
    roadmap: dict[str, Any],
    *,
    citizenships: Iterable[str],
    states: Iterable[str],
    visas: Iterable[str],
) -> Touch:
    """The changed facts that concern this person, and the steps of theirs that rest on them."""
    by_step = cited_by_step(roadmap)
    cited = set().union(*by_step.values())
    mine = [
        fact_id
        for fact_id, scope in changes
        if is_affected(
            fact_id=fact_id,
            scope=scope,
            cited=cited,
            citizenships=citizenships,
            states=states,
            visas=visas,
        )
    ]
    steps = [
        step_id for step_id, facts in by_step.items() if step_id != "alerts" and facts & set(mine)
    ]
    return Touch(tuple(sorted(set(mine))), tuple(steps))
