"""Load and check every fact file of a directory into one frozen ``Facts``.

A file names its ``kind`` (facts, states, alternative_pathways, calendar, specialties);
each kind has a schema. The checks that span rows (unique ids, all 52 jurisdictions,
the facts the engine needs) run after every file is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from imgpath.engines.rules.codes import US_STATES
from imgpath.engines.rules.facts.model import (
    AlternativePathway,
    AltStatus,
    CalendarEntry,
    CalendarEvent,
    ExperienceOption,
    Fact,
    FactRow,
    Facts,
    Flag,
    Specialty,
    Standing,
    StateRule,
    Tier,
)
from imgpath.engines.rules.facts.provenance import provenance_rules
from imgpath.engines.rules.facts.required import REQUIRED_FACTS
from imgpath.engines.rules.facts.schema import (
    FactsError,
    Field,
    FieldError,
    SchemaError,
    boolean,
    check_fields,
    choice,
    integer,
    iso_date,
    list_of,
    number,
    one_of,
    one_or_list,
    optional,
    read_yaml,
    slug,
    text,
    values_map,
)
from imgpath.engines.rules.facts.specialties import load_specialties

_FILE_FIELDS = (
    Field("kind", one_of("facts", "states", "alternative_pathways", "calendar")),
    Field("topic", slug),
    Field("compiled_on", iso_date),
    Field("description", text, required=False),
    Field("rows", list_of(lambda row: row)),
)

_COMMON = (
    Field("id", slug),
    Field("title", text),
    Field("summary", text),
    Field("source", text),
    Field("source_title", text, required=False),
    Field("see_also", list_of(text), required=False),
    # null when the source gives no date: shown as "date unknown", never as a compile date.
    Field("as_of", optional(iso_date)),
    Field("as_of_precision", one_of("day", "month", "year"), required=False),
    Field("tier", choice(Tier)),
    Field("verified", boolean),
    Field("flag", optional(one_or_list(choice(Flag))), required=False),
    Field("note", optional(text), required=False),
    # Facts in litigation or with a fixed term: the last known status and its date.
    Field("standing", optional(choice(Standing)), required=False),
    Field("standing_as_of", optional(iso_date), required=False),
    Field("standing_text", optional(text), required=False),
    Field("known_until", optional(iso_date), required=False),
    Field("term_end", optional(iso_date), required=False),
)


def _state(value: object) -> str:
    if value not in US_STATES:
        raise SchemaError("must be a US state code (50 states, DC or PR)")
    return str(value)


_STEPS = one_of("usmle_step1", "usmle_step2ck", "usmle_step3")
_EXPERIENCE_FIELDS = (
    Field("kind", one_of("training_abroad", "practice_abroad", "us_residency")),
    Field("min_years", optional(number(0, 60))),
    Field("text", text, required=False),
)


def _experience_option(value: object) -> ExperienceOption:
    try:
        clean = check_fields(value, _EXPERIENCE_FIELDS)
    except FieldError as error:
        raise SchemaError(f"{error.field or 'option'} {error.message}") from error
    return ExperienceOption(clean["kind"], clean["min_years"], clean.get("text"))


_KIND_FIELDS: dict[str, tuple[Field, ...]] = {
    "facts": (Field("values", values_map, required=False),),
    "states": (
        Field("state", _state),
        Field("name", text),
        Field("gme_years", optional(integer(0, 10))),
        Field("gme_years_text", text),
        Field("step3_attempt_limit", optional(integer(1, 20))),
        Field("all_steps_attempt_limit", optional(integer(1, 30))),
        Field("attempt_limits_text", text),
        Field("usmle_time_limit_years", optional(integer(1, 30))),
        Field("time_limit_text", text),
        Field("table_sources", list_of(text), required=False),
        Field("gme_source_fact", slug, required=False),
    ),
    "alternative_pathways": (
        Field("state", _state),
        Field("status", choice(AltStatus)),
        Field("license_type", optional(text), required=False),
        Field("effective_date", optional(iso_date), required=False),
        Field("min_practice_years_abroad", optional(number(0, 60)), required=False),
        Field("experience_options", list_of(_experience_option), required=False),
        Field("employer_offer_required", optional(boolean), required=False),
        Field("provisional_years", optional(number(0, 20)), required=False),
        Field("provisional_years_text", optional(text), required=False),
        Field("supervision_required", optional(boolean), required=False),
        Field("usmle_steps_required", optional(list_of(_STEPS)), required=False),
        Field("ecfmg_certificate_required", optional(boolean), required=False),
        Field("oet_required", optional(boolean), required=False),
        Field("work_authorization_required", optional(boolean), required=False),
        Field("converts_to_full_after_years", optional(number(0, 20)), required=False),
        Field("recent_practice_window_years", optional(number(0, 60)), required=False),
        Field("recent_practice_min_years", optional(number(0, 60)), required=False),
        Field("recent_practice_text", optional(text), required=False),
        Field("conditions_text", text),
    ),
    "calendar": (
        Field("match_year", integer(1950, 2100)),
        Field("event", choice(CalendarEvent)),
        Field("date", optional(iso_date)),
        Field("time_text", optional(text), required=False),
    ),
}
_ROW_CLASSES: dict[str, type[FactRow]] = {
    "facts": Fact,
    "states": StateRule,
    "alternative_pathways": AlternativePathway,
    "calendar": CalendarEntry,
}


@dataclass(frozen=True)
class FactRowSummary:
    """One row as the staff rules review lists it."""

    id: str
    topic: str
    title: str
    summary: str
    source: str
    url: str | None
    as_of: date | None
    undated: bool
    tier: str
    verified: bool
    flag: str | None
    flags: tuple[str, ...]
    note: str | None
    file: str
    standing: str | None = None
    standing_as_of: date | None = None
    standing_text: str | None = None
    known_until: date | None = None


def load_facts(directory: Path) -> Facts:
    """Read every ``*.yaml`` of ``directory``; raise ``FactsError`` on the first bad value."""
    rows: dict[str, list[FactRow]] = {kind: [] for kind in _ROW_CLASSES}
    specialties: tuple[Specialty, ...] = ()
    for path in sorted(directory.glob("*.yaml")):
        raw = read_yaml(path)
        if isinstance(raw, dict) and raw.get("kind") == "specialties":
            specialties = load_specialties(path)
            continue
        kind, file_rows = _load_file(path, raw)
        rows[kind].extend(file_rows)
    facts = Facts(
        general=tuple(rows["facts"]),  # type: ignore[arg-type]
        states=tuple(rows["states"]),  # type: ignore[arg-type]
        alternative_pathways=tuple(rows["alternative_pathways"]),  # type: ignore[arg-type]
        calendar=tuple(rows["calendar"]),  # type: ignore[arg-type]
        specialties=specialties,
    )
    _check_whole(facts)
    return facts


def iter_fact_rows(facts: Facts) -> Iterator[FactRowSummary]:
    """Every fact row, for the rules review page and ``rules_report`` (sort as you need)."""
    for row in facts.rows():
        yield FactRowSummary(
            id=row.id,
            topic=row.topic,
            title=row.title,
            summary=row.summary,
            source=row.source,
            url=row.url,
            as_of=row.as_of,
            undated=row.undated,
            tier=row.tier.value,
            verified=row.verified,
            flag=row.flag.value if row.flag else None,
            flags=tuple(flag.value for flag in row.flags),
            note=row.note,
            file=row.file,
            standing=row.standing.value if row.standing else None,
            standing_as_of=row.standing_as_of,
            standing_text=row.standing_text,
            known_until=row.known_until,
        )


def _load_file(path: Path, raw: object) -> tuple[str, list[FactRow]]:
    try:
        header = check_fields(raw, _FILE_FIELDS)
    except FieldError as error:
        raise FactsError(path.name, error.message, field=error.field) from error
    kind = header["kind"]
    fields = _COMMON + _KIND_FIELDS[kind]
    loaded: list[FactRow] = []
    for index, item in enumerate(header["rows"]):
        row_id = item.get("id") if isinstance(item, dict) else None
        try:
            clean = check_fields(item, fields)
            _check_row(clean, header["compiled_on"])
        except FieldError as error:
            raise FactsError(
                path.name, error.message, row=index, row_id=row_id, field=error.field
            ) from error
        loaded.append(_build(kind, clean, header["topic"], path.name))
    return kind, loaded


def _check_row(row: dict[str, Any], compiled_on: date) -> None:
    """Trust rules (README, "Provenance"): only an unflagged tier A row is verified, a tier A
    or B row names a findable source, copies and mirrors are tier C, and a row in litigation
    or with a term carries its status with the date of that status."""
    for rule in provenance_rules(row, compiled_on):
        raise FieldError(rule.field, rule.message)


def _build(kind: str, clean: dict[str, Any], topic: str, file: str) -> FactRow:
    severity = list(Flag)
    flags = tuple(sorted(set(clean.pop("flag", None) or ()), key=severity.index))
    return _ROW_CLASSES[kind](topic=topic, file=file, flags=flags, **clean)


def _check_whole(facts: Facts) -> None:
    seen: dict[str, str] = {}
    for row in facts.rows():
        if row.id in seen:
            raise FactsError(row.file, f"duplicate id (also in {seen[row.id]})", row_id=row.id)
        seen[row.id] = row.file
    _check_states(facts)
    _check_unique(facts.alternative_pathways, lambda row: row.state, "state")
    _check_unique(facts.calendar, lambda row: (row.match_year, row.event), "event")
    _check_required(facts)
    general = {row.id for row in facts.general}
    for state in facts.states:
        if state.gme_source_fact and state.gme_source_fact not in general:
            raise FactsError(
                state.file,
                f"names {state.gme_source_fact}, which is not a general fact",
                row_id=state.id,
                field="gme_source_fact",
            )


def _check_states(facts: Facts) -> None:
    file = facts.states[0].file if facts.states else "states.yaml"
    _check_unique(facts.states, lambda row: row.state, "state")
    missing = sorted(set(US_STATES) - {row.state for row in facts.states})
    if missing:
        raise FactsError(file, f"missing jurisdictions: {', '.join(missing)}", field="state")


def _check_unique(rows: tuple[Any, ...], key: Any, field: str) -> None:
    seen: set[Any] = set()
    for row in rows:
        if key(row) in seen:
            raise FactsError(row.file, f"duplicate {field} {key(row)}", row_id=row.id, field=field)
        seen.add(key(row))


def _check_required(facts: Facts) -> None:
    """The engine relies on these ids and values; check them once, here."""
    general = {row.id: row for row in facts.general}
    for fact_id, wanted in REQUIRED_FACTS.items():
        if fact_id not in general:
            raise FactsError("(all files)", f"the engine needs a fact with id {fact_id}")
        row = general[fact_id]
        present = dict(row.values)
        for key, kind in wanted.items():
            item = present.get(key)
            ok = isinstance(item, kind) and not (kind is int and isinstance(item, bool))
            if not ok:
                raise FactsError(
                    row.file,
                    f"needs values.{key} of type {kind.__name__}",
                    row_id=fact_id,
                    field=f"values.{key}",
                )
