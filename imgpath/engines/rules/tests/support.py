"""Helpers shared by the rules-engine tests: run a profile and look things up in the output."""

from __future__ import annotations

from datetime import date
from typing import Any

from imgpath.engines.rules import evaluate_json, load_default_facts

TODAY = date(2026, 11, 22)


def run(profile: dict[str, Any], today: date = TODAY) -> dict[str, Any]:
    return evaluate_json(profile, load_default_facts(), today)


def step(roadmap: dict[str, Any], step_id: str) -> dict[str, Any]:
    for phase in roadmap["phases"]:
        for item in phase["steps"]:
            if item["id"] == step_id:
                return item
    raise AssertionError(f"no step {step_id}; steps: {step_ids(roadmap)}")


def step_ids(roadmap: dict[str, Any]) -> list[str]:
    return [item["id"] for phase in roadmap["phases"] for item in phase["steps"]]


def phase(roadmap: dict[str, Any], phase_id: str) -> dict[str, Any]:
    return next(item for item in roadmap["phases"] if item["id"] == phase_id)


def codes(roadmap: dict[str, Any]) -> list[str]:
    return [item["code"] for item in roadmap["warnings"]]


def warnings_of(roadmap: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [item for item in roadmap["warnings"] if item["code"] == code]


def warning(roadmap: dict[str, Any], code: str) -> dict[str, Any]:
    found = warnings_of(roadmap, code)
    assert found, f"no warning {code}; warnings: {codes(roadmap)}"
    return found[0]


def next_steps(roadmap: dict[str, Any]) -> list[str]:
    return [
        item["id"]
        for phase in roadmap["phases"]
        for item in phase["steps"]
        if item["status"] == "next"
    ]


def fact_ids(item: dict[str, Any]) -> list[str]:
    return [source["fact_id"] for source in item["sources"]]


def unverified_fact_ids(roadmap: dict[str, Any]) -> list[str]:
    return [item["sources"][0]["fact_id"] for item in warnings_of(roadmap, "unverified_rule")]


# A typical graduate from India with an eligible school, both Steps passed and a good OET.
INDIAN_GRADUATE: dict[str, Any] = {
    "citizenships": ["IN"],
    "us_status": "none",
    "current_visa": "none",
    "current_location": "abroad",
    "medical_school": {
        "name": "Example Medical College",
        "country": "IN",
        "ecfmg_sponsor_note": True,
        "graduated": True,
        "graduation_year": 2021,
    },
    "exams": {
        "usmle_step1": {"status": "passed", "attempts": 1, "date": "2023-05-01"},
        "usmle_step2ck": {"status": "passed", "attempts": 1, "score": 245, "date": "2024-02-10"},
        "oet": {
            "status": "passed",
            "date": "2025-03-01",
            "listening": 360,
            "reading": 370,
            "writing": 340,
            "speaking": 380,
        },
    },
    "pathways": "not_started",
    "ecfmg_certified": False,
    "licensed_abroad": True,
    "targets": {"specialties": ["internal_medicine"], "states": ["TX"], "match_year": 2027},
    "visa_preference": "j1",
}


def with_changes(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep-enough copy of ``base`` with top-level keys replaced."""
    import copy

    result = copy.deepcopy(base)
    result.update(changes)
    return result
