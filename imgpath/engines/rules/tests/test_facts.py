"""The fact files: complete, honest about trust, and refused when broken."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from imgpath.engines.rules import (
    DEFAULT_FACTS_DIR,
    US_STATES,
    FactsError,
    iter_fact_rows,
    load_default_facts,
    load_facts,
)
from imgpath.engines.rules.facts.model import AltStatus

COMPILED_ON = "2026-11-22"


def test_every_state_dc_and_pr_appear_exactly_once() -> None:
    facts = load_default_facts()
    counts = Counter(row.state for row in facts.states)
    assert set(counts) == set(US_STATES)
    assert set(counts.values()) == {1}
    assert len(facts.states) == 52


def test_state_rows_carry_the_section_4_values() -> None:
    facts = load_default_facts()
    assert facts.state("CA").gme_years == 3  # since 2020, not the stale 2
    assert facts.state("PR").gme_years == 1
    assert facts.state("TX").step3_attempt_limit == 3
    assert facts.state("IL").all_steps_attempt_limit == 5
    for conflicted in ("GA", "MI", "VA", "WY"):
        assert facts.state(conflicted).flag is not None
        assert "conflict" in [flag.value for flag in facts.state(conflicted).flags]
    assert all(not row.verified for row in facts.states)


def test_alternative_pathways_follow_section_5() -> None:
    facts = load_default_facts()
    enacted = {
        row.state
        for row in facts.alternative_pathways
        if row.status in (AltStatus.ENACTED, AltStatus.IMPLEMENTED)
    }
    fsmb = {
        "AR",
        "FL",
        "IA",
        "ID",
        "IL",
        "IN",
        "LA",
        "MA",
        "MN",
        "NC",
        "NV",
        "OK",
        "OR",
        "RI",
        "TN",
        "TX",
        "VA",
        "WI",
    }
    assert enacted == fsmb | {"NE"}
    assert facts.alternative_pathway("AZ").status is AltStatus.BILL
    assert facts.alternative_pathway("AL").status is AltStatus.NOT_ENACTED
    assert {facts.alternative_pathway(s).status for s in ("CA", "NY", "WA")} == {
        AltStatus.LIMITED_LICENSE
    }
    assert facts.alternative_pathway("OR").flags[0].value == "conflict"


def test_trust_rules_hold_for_every_row() -> None:
    for row in iter_fact_rows(load_default_facts()):
        assert row.source and row.tier in {"A", "B", "C"}
        if row.tier != "A":
            assert not row.verified, row.id
        assert row.verified == (row.flag is None), row.id
        if not row.verified:
            assert row.note, row.id
        assert row.undated == (row.as_of is None), row.id


def test_every_general_fact_is_read_by_a_rule() -> None:
    """A fact no rule reads is dead weight the roadmap never shows: use it or remove it."""
    facts = load_default_facts()
    engine_dir = Path(__file__).resolve().parents[1]
    code = "".join(
        path.read_text()
        for path in engine_dir.rglob("*.py")
        if "tests" not in path.parts and "facts" not in path.parts
    )
    cited_by_states = {state.gme_source_fact for state in facts.states if state.gme_source_fact}
    unread = [
        row.id
        for row in facts.general
        if f'"{row.id}"' not in code and row.id not in cited_by_states
    ]
    assert unread == []


def test_flagged_facts_of_the_research_stay_flagged() -> None:
    facts = load_default_facts()
    expected = {
        "ecfmg_certification_components": "stale",
        "ecfmg_wfme_policy": "stale",
        "usmle_attempt_limit": "not_found",
        "nrmp_rank_list_size": "conflict",
        "img_gme_minimum": "conflict",
        "conrad30_authorization": "not_found",
        "h1b_physician_requirements": "unverified",
        "cal_2027_rol_deadline": "unverified",
        "residencycas_specialties": "not_found",
        "cal_2027_match_day": "unverified",
        "oet_thresholds": "unverified",
    }
    for fact_id, flag in expected.items():
        row = next(r for r in iter_fact_rows(facts) if r.id == fact_id)
        assert flag in row.flags, fact_id


def test_the_2027_calendar_matches_the_third_friday_rule() -> None:
    calendar = load_default_facts().calendar_for(2027)
    from imgpath.engines.rules.facts.model import CalendarEvent
    from imgpath.engines.rules.phases.match import third_friday_of_march

    assert calendar[CalendarEvent.MATCH_DAY].date == third_friday_of_march(2027)
    assert load_default_facts().calendar_for(2026)[CalendarEvent.MATCH_DAY].date == (
        third_friday_of_march(2026)
    )


def test_facts_are_hashable_and_rows_sort_oldest_first() -> None:
    facts = load_default_facts()
    assert hash(facts) == hash(load_facts(DEFAULT_FACTS_DIR))
    dated = [row for row in iter_fact_rows(facts) if row.as_of is not None]
    oldest = sorted(dated, key=lambda row: row.as_of)
    assert oldest[0].as_of.year < 2000  # the 1992 Foreign Affairs Manual text
    assert len(list(iter_fact_rows(facts))) > 150


def test_data_files_cite_public_sources_not_local_paths() -> None:
    for path in (p for p in DEFAULT_FACTS_DIR.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(^|[\s:(])/(work|tmp|home)/", text), path.name


# ---- broken files -------------------------------------------------------------------


@pytest.fixture
def facts_dir(tmp_path: Path) -> Path:
    target = tmp_path / "facts"
    shutil.copytree(DEFAULT_FACTS_DIR, target)
    return target


def _edit_row(directory: Path, file: str, row_id: str, **changes: object) -> None:
    path = directory / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    row = next(item for item in data["rows"] if item["id"] == row_id)
    for key, value in changes.items():
        if value is _DELETE:
            del row[key]
        else:
            row[key] = value
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


_DELETE = object()


@pytest.mark.parametrize(
    ("file", "row_id", "changes", "expected"),
    [
        (
            "usmle.yaml",
            "usmle_attempt_limit",
            {"source": _DELETE},
            "usmle.yaml: row 3 (id usmle_attempt_limit), field source: is required",
        ),
        (
            "states.yaml",
            "state_tx",
            {"tier": "D"},
            "states.yaml: row 43 (id state_tx), field tier: must be one of A, B, C",
        ),
        (
            "match_calendar.yaml",
            "cal_2027_match_day",
            {"as_of": "2026-02-30"},
            "match_calendar.yaml: row 24 (id cal_2027_match_day), field as_of: is not a real date",
        ),
        (
            "match_calendar.yaml",
            "cal_2027_match_day",
            {"date": "19 March 2027"},
            "match_calendar.yaml: row 24 (id cal_2027_match_day), field date: must be a date",
        ),
        (
            "states.yaml",
            "state_tx",
            {"verified": True},
            "states.yaml: row 43 (id state_tx), field verified: must be false when the row",
        ),
        (
            "ecfmg.yaml",
            "oet_thresholds",
            {"flag": None, "verified": True},
            "ecfmg.yaml: row 13 (id oet_thresholds), field verified: a tier C row cannot be",
        ),
        (
            "immigration.yaml",
            "conrad30",
            {"flag": None, "note": None, "verified": True},
            "immigration.yaml: row 5 (id conrad30), field verified: a tier B row cannot be",
        ),
        (
            "immigration.yaml",
            "conrad30",
            {"source": "A law firm's newsletter"},
            "immigration.yaml: row 5 (id conrad30), field tier: a source without a URL",
        ),
        (
            "match.yaml",
            "nrmp_algorithm",
            {"source": "https://lawserver.com/copy-of-nrmp"},
            "match.yaml: row 0 (id nrmp_algorithm), field tier: lawserver.com copies",
        ),
        (
            "match.yaml",
            "nrmp_algorithm",
            {"source": "https://example-blog.com/nrmp"},
            "match.yaml: row 0 (id nrmp_algorithm), field tier: example-blog.com is not a primary",
        ),
        (
            "immigration.yaml",
            "conrad30",
            {"standing": "contested"},
            "immigration.yaml: row 5 (id conrad30), field standing_as_of: a standing needs",
        ),
        (
            "immigration.yaml",
            "conrad30",
            {"known_until": "2026-06-30"},
            "immigration.yaml: row 5 (id conrad30), field known_until: only a row with a standing",
        ),
        (
            "letters.yaml",
            "letters_not_nrmp_rule",
            {"note": _DELETE},
            "letters.yaml: row 1 (id letters_not_nrmp_rule), field note: an unverified row needs",
        ),
        (
            "immigration.yaml",
            "conrad30",
            {"as_of": "2027-01-01"},
            "immigration.yaml: row 5 (id conrad30), field as_of: is after the compilation date",
        ),
        (
            "immigration.yaml",
            "conrad30",
            {"undated": True},
            "immigration.yaml: row 5 (id conrad30), field undated: unknown field",
        ),
        (
            "experience.yaml",
            "usce_costs",
            {"colour": "red"},
            "experience.yaml: row 3 (id usce_costs), field colour: unknown field",
        ),
        (
            "alternative_pathways.yaml",
            "alt_tn",
            {"status": "passed"},
            "alternative_pathways.yaml: row 0 (id alt_tn), field status: must be one of",
        ),
        (
            "alternative_pathways.yaml",
            "alt_tn",
            {"state": "ON"},
            "alternative_pathways.yaml: row 0 (id alt_tn), field state: must be a US state code",
        ),
        (
            "usmle.yaml",
            "usmle_attempt_limit",
            {"values": {"limit": "four"}},
            "usmle.yaml: row id usmle_attempt_limit, field values.limit: needs values.limit",
        ),
    ],
)
def test_broken_rows_name_file_row_and_field(
    facts_dir: Path, file: str, row_id: str, changes: dict[str, object], expected: str
) -> None:
    _edit_row(facts_dir, file, row_id, **changes)
    with pytest.raises(FactsError) as caught:
        load_facts(facts_dir)
    assert str(caught.value).startswith(expected), str(caught.value)


def test_a_missing_state_is_named(facts_dir: Path) -> None:
    path = facts_dir / "states.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["rows"] = [row for row in data["rows"] if row["state"] != "PR"]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(FactsError, match=r"states\.yaml: field state: missing jurisdictions: PR"):
        load_facts(facts_dir)


def test_a_duplicated_state_is_named(facts_dir: Path) -> None:
    _edit_row(facts_dir, "states.yaml", "state_wy", state="TX")
    with pytest.raises(FactsError, match=r"row id state_wy, field state: duplicate state TX"):
        load_facts(facts_dir)


def test_a_duplicated_id_is_named(facts_dir: Path) -> None:
    _edit_row(facts_dir, "letters.yaml", "letters_format", id="conrad30")
    with pytest.raises(FactsError, match="duplicate id"):
        load_facts(facts_dir)


def test_a_fact_the_engine_needs_cannot_be_removed(facts_dir: Path) -> None:
    path = facts_dir / "experience.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["rows"] = [row for row in data["rows"] if row["id"] != "graduation_gap"]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(FactsError, match="the engine needs a fact with id graduation_gap"):
        load_facts(facts_dir)


def test_invalid_yaml_names_the_file(facts_dir: Path) -> None:
    (facts_dir / "usmle.yaml").write_text("rows: [unclosed", encoding="utf-8")
    with pytest.raises(FactsError, match=r"usmle\.yaml: not valid YAML"):
        load_facts(facts_dir)
