"""The change log: every edit of the facts data is recorded, diffs are exact, scopes are right."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from imgpath.engines.fact_changes import (
    ChangeLogError,
    Scope,
    diff_snapshots,
    is_affected,
    read_log,
    scope_of,
    snapshot_of,
)
from imgpath.engines.fact_changes.diff import ChangeKind
from imgpath.engines.fact_changes.recorder import LOG, SNAPSHOT, record, unrecorded
from imgpath.engines.fact_changes.scope import touched
from imgpath.engines.rules.codes import DEFAULT_FACTS_DIR

HISTORY = DEFAULT_FACTS_DIR / "history"


def test_the_change_log_records_every_edit_of_the_facts_data() -> None:
    """Edit a fact without `manage.py record_fact_changes` and this fails, naming the fact."""
    assert [f"{c.fact_id} ({c.kind})" for c in unrecorded(DEFAULT_FACTS_DIR, HISTORY)] == []


def test_the_first_change_set_is_the_december_2026_corrections() -> None:
    first = read_log(HISTORY / LOG)[0]
    assert first.key == "2026-12-guidance"
    assert first.published_on == date(2026, 12, 7)
    kinds = {change.fact_id: change.kind for change in first.changes}
    assert kinds["travel_ban_2026"] is ChangeKind.ADDED
    assert kinds["residencycas_specialties"] is ChangeKind.ADDED
    assert kinds["visa_disruption_2025"] is ChangeKind.REMOVED
    texas = next(change for change in first.changes if change.fact_id == "state_tx")
    assert texas.why and "two years" in texas.why
    assert ("gme_years", 3, 2) in {(f.field, f.old, f.new) for f in texas.fields}
    ban = next(change for change in first.changes if change.fact_id == "travel_ban_2026")
    assert "NG" in ban.scope.countries and ban.scope.phase == "immigration"
    assert ban.source_date == "2025-12-19"
    assert all(change.why for change in first.changes)


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    facts, history = tmp_path / "facts", tmp_path / "history"
    shutil.copytree(DEFAULT_FACTS_DIR, facts, ignore=shutil.ignore_patterns("history"))
    shutil.copytree(HISTORY, history)
    return facts, history


def _edit(path: Path, fact_id: str, **fields: object) -> None:
    document = yaml.safe_load(path.read_text())
    row = next(row for row in document["rows"] if row["id"] == fact_id)
    row.update(fields)
    path.write_text(yaml.safe_dump(document, sort_keys=False))


def test_recording_appends_a_set_and_moves_the_snapshot(tmp_path: Path) -> None:
    facts, history = _copy(tmp_path)
    _edit(facts / "usmle.yaml", "usmle_attempt_limit", values={"limit": 3})
    pending = unrecorded(facts, history)
    assert [(c.fact_id, c.kind) for c in pending] == [("usmle_attempt_limit", "changed")]
    assert {f.field for f in pending[0].fields} >= {"values.limit"}
    recorded = record(facts, history, today=date(2027, 1, 5), key="2027-01-test", summary="x")
    assert recorded is not None and recorded.published_on is None
    assert read_log(history / LOG)[-1].key == "2027-01-test"
    assert unrecorded(facts, history) == []
    assert record(facts, history, today=date(2027, 1, 5), key="again", summary="x") is None


def test_recording_refuses_a_key_already_used(tmp_path: Path) -> None:
    facts, history = _copy(tmp_path)
    _edit(facts / "usmle.yaml", "usmle_attempt_limit", title="Changed title")
    before = (history / SNAPSHOT).read_text()
    with pytest.raises(ChangeLogError, match="2026-12-guidance already exists"):
        record(facts, history, today=date(2027, 1, 5), key="2026-12-guidance", summary="x")
    assert (history / SNAPSHOT).read_text() == before


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"kind": "renamed"}, "change 0: kind must be added, changed or removed"),
        ({"fact_id": None}, "change 0: needs a fact_id"),
    ],
)
def test_a_bad_log_entry_is_named(tmp_path: Path, edit: dict, message: str) -> None:
    document = yaml.safe_load((HISTORY / LOG).read_text())
    document["change_sets"][0]["changes"][0].update(edit)
    path = tmp_path / LOG
    path.write_text(yaml.safe_dump(document))
    with pytest.raises(ChangeLogError, match=f"change set 2026-12-guidance, {message}"):
        read_log(path)


def test_codes_are_states_in_licensure_and_countries_elsewhere() -> None:
    indiana = scope_of({"id": "alt_in", "topic": "alternative_licensure", "state": "IN"})
    assert indiana == Scope("licensure", (), ("IN",), ())
    ban = scope_of({"id": "travel_ban", "topic": "immigration", "values": {"full": ["IR", "AF"]}})
    assert ban.countries == ("AF", "IR") and ban.states == ()
    payment = scope_of({"id": "h1b_payment_abroad", "topic": "immigration"})
    assert payment.visas == ("H1B",)


def test_a_change_reaches_those_it_names_or_whose_roadmap_cites_it() -> None:
    ban = Scope("immigration", ("NG",), (), ())
    common = {"fact_id": "travel_ban_2026", "scope": ban, "states": (), "visas": ()}
    assert is_affected(**common, cited=(), citizenships=("NG",))
    assert not is_affected(**common, cited=(), citizenships=("IN",))
    assert is_affected(**common, cited=("travel_ban_2026",), citizenships=("IN",))


def test_touched_names_the_steps_that_rest_on_changed_facts() -> None:
    roadmap = {
        "phases": [
            {"steps": [{"id": "usmle_step1", "sources": [{"fact_id": "usmle_attempt_limit"}]}]},
            {"steps": [{"id": "visa", "sources": [{"fact_id": "j1_process"}]}]},
        ],
        "warnings": [{"sources": [{"fact_id": "travel_ban_2026"}]}],
    }
    changes = [
        ("usmle_attempt_limit", Scope("ecfmg_certification")),
        ("travel_ban_2026", Scope("immigration", ("NG",))),
        ("state_tx", Scope("licensure", (), ("TX",))),
    ]
    touch = touched(changes, roadmap, citizenships=("IN",), states=(), visas=())
    assert touch.fact_ids == ("travel_ban_2026", "usmle_attempt_limit")
    assert touch.step_ids == ("usmle_step1",)


def test_the_shipped_snapshot_is_the_data_as_loaded() -> None:
    assert diff_snapshots(snapshot_of(DEFAULT_FACTS_DIR), snapshot_of(DEFAULT_FACTS_DIR)) == []


_values = st.one_of(st.none(), st.integers(-5, 5), st.text(max_size=4), st.booleans())
_rows = st.dictionaries(st.sampled_from(["title", "tier", "as_of", "source"]), _values)
_snapshots = st.dictionaries(st.sampled_from([f"f{i}" for i in range(8)]), _rows, max_size=8)


@given(_snapshots, _snapshots)
def test_diff_names_exactly_the_facts_that_differ(old: dict, new: dict) -> None:
    old = {key: {**row, "id": key} for key, row in old.items()}
    new = {key: {**row, "id": key} for key, row in new.items()}
    changes = diff_snapshots(old, new)

    def given_fields(row: dict | None) -> dict | None:
        # An absent field and a null one mean the same in the YAML data.
        return None if row is None else {k: v for k, v in row.items() if v is not None}

    differing = {
        key
        for key in old.keys() | new.keys()
        if given_fields(old.get(key)) != given_fields(new.get(key))
    }
    assert {change.fact_id for change in changes} == differing
    for change in changes:
        if change.kind is ChangeKind.CHANGED:
            for field in change.fields:
                assert old[change.fact_id].get(field.field) == field.old
                assert new[change.fact_id].get(field.field) == field.new
    assert diff_snapshots(new, new) == []
