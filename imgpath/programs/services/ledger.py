"""Write paths of the policy ledger: parse a value, record a statement, refresh current values."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.core.errors import ServiceError
from imgpath.programs.models import LedgerEntry, Program
from imgpath.programs.policy import SOURCE_TRUST, SPECS, SourceKind, ValueKind
from imgpath.programs.services.bulk import bulk_set

_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false", "none", "no limit", "no minimum", "not required"}
_url = URLValidator(schemes=["http", "https"])
EARLIEST_VERIFIED = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class ParsedValue:
    kind: str
    number: int | None = None
    day: dt.date | None = None
    url: str = ""


def reject_nul(**values: str) -> None:
    for name, value in values.items():
        if "\x00" in (value or ""):
            raise ServiceError("Null characters are not allowed.", field=name)


def check_url(url: str, *, field: str = "source_url") -> str:
    url = (url or "").strip()
    if not url:
        return ""
    try:
        _url(url)
    except ValidationError:
        raise ServiceError("Enter a full web address starting with https://", field=field) from None
    if len(url) > 500:
        raise ServiceError("Web addresses are limited to 500 characters.", field=field)
    return url


def policy_value_parse(*, field: str, raw: str, allow_unknown: bool = True) -> ParsedValue:
    """Read "yes", "no", "unknown", a number, a date (YYYY-MM-DD) or a web address."""
    spec = SPECS.get(field)
    if spec is None:
        raise ServiceError(f"Unknown ledger field {field!r}.", field="field")
    reject_nul(value=raw)
    text = " ".join((raw or "").split()).lower()
    if text == "unknown" and allow_unknown:
        return ParsedValue(ValueKind.UNKNOWN)
    if text in _YES and ValueKind.YES in spec.kinds:
        return ParsedValue(ValueKind.YES)
    if text in _NO and ValueKind.NO in spec.kinds:
        return ParsedValue(ValueKind.NO)
    if ValueKind.NUMBER in spec.kinds and text.lstrip("-").isdigit():
        return _number(spec, int(text))
    if ValueKind.DATE in spec.kinds:
        return _date(text)
    if ValueKind.URL in spec.kinds and text:
        return ParsedValue(ValueKind.URL, url=check_url(raw, field="value"))
    raise ServiceError(f"For “{spec.label}” enter {_expected(spec, allow_unknown)}.", field="value")


def _number(spec, number: int) -> ParsedValue:
    if not (spec.low <= number <= spec.high):
        raise ServiceError(
            f"“{spec.label}” must be between {spec.low} and {spec.high}.", field="value"
        )
    return ParsedValue(ValueKind.NUMBER, number=number)


def _date(text: str) -> ParsedValue:
    try:
        return ParsedValue(ValueKind.DATE, day=dt.date.fromisoformat(text))
    except ValueError:
        raise ServiceError("Enter the date as YYYY-MM-DD, or “no”.", field="value") from None


def _expected(spec, allow_unknown: bool) -> str:
    words = {
        ValueKind.YES: "yes",
        ValueKind.NO: "no",
        ValueKind.NUMBER: f"a number from {spec.low} to {spec.high}",
        ValueKind.DATE: "a date (YYYY-MM-DD)",
        ValueKind.URL: "a web address",
    }
    options = [words[kind] for kind in spec.kinds] + (["unknown"] if allow_unknown else [])
    return ", ".join(options[:-1]) + " or " + options[-1] if len(options) > 1 else options[0]


def policy_value_validate(*, field: str, value: ParsedValue) -> None:
    """The value fits the field: an allowed kind, within bounds."""
    spec = SPECS.get(field)
    if spec is None:
        raise ServiceError(f"Unknown ledger field {field!r}.", field="field")
    if value.kind != ValueKind.UNKNOWN and value.kind not in spec.kinds:
        raise ServiceError(f"For “{spec.label}” enter {_expected(spec, True)}.", field="value")
    if value.kind == ValueKind.NUMBER:
        _number(spec, value.number if value.number is not None else -1)


def check_past_date(day: dt.date, *, field: str, label: str) -> None:
    """A statement's date is the day someone read the source: never ahead, never before records."""
    if day > timezone.localdate() or day < EARLIEST_VERIFIED:
        raise ServiceError(f"{label} must be a real past date.", field=field)


def value_columns(value: ParsedValue) -> dict[str, object]:
    """The model columns that hold a parsed value (ledger entries and curation values alike)."""
    return {
        "kind": value.kind,
        "number_value": value.number,
        "date_value": value.day,
        "text_value": value.url,
    }


def ledger_entry_create(
    *,
    program: Program,
    field: str,
    value: ParsedValue,
    source_kind: str,
    verified_on: dt.date,
    source_url: str = "",
    note: str = "",
    entered_by: User | None = None,
) -> LedgerEntry:
    """Record a statement; it supersedes the same kind of source's earlier one on the field."""
    reject_nul(note=note, source_url=source_url)
    policy_value_validate(field=field, value=value)
    check_past_date(verified_on, field="verified_on", label="The verification date")
    entry = LedgerEntry(
        program=program,
        field=field,
        **value_columns(value),
        source_kind=source_kind,
        source_url=check_url(source_url),
        note=(note or "").strip(),
        verified_on=verified_on,
        entered_by=entered_by,
    )
    entry.full_clean()
    with transaction.atomic():
        LedgerEntry.objects.active().filter(
            program=program, field=field, source_kind=source_kind
        ).update(superseded_at=timezone.now())
        entry.save()
        program_ledger_refresh(program=program)
    return entry


def ledger_entry_supersede(*, entry: LedgerEntry) -> LedgerEntry:
    if entry.superseded_at is None:
        entry.superseded_at = timezone.now()
        entry.save(update_fields=["superseded_at"])
        program_ledger_refresh(program=entry.program)
    return entry


def current_entries(entries: Iterable[LedgerEntry]) -> dict[str, LedgerEntry]:
    """The entry that counts per field: latest verified, then the most trusted, then newest."""
    chosen: dict[str, LedgerEntry] = {}
    for entry in entries:
        held = chosen.get(entry.field)
        if held is None or _precedence(entry) > _precedence(held):
            chosen[entry.field] = entry
    return chosen


def _precedence(entry: LedgerEntry) -> tuple:
    trust = SOURCE_TRUST[SourceKind(entry.source_kind)]
    return (entry.verified_on, trust, entry.created_at or timezone.now(), entry.pk or 0)


def conflicting_fields(entries: Iterable[LedgerEntry]) -> set[str]:
    """Fields on which active sources state different known values."""
    values: dict[str, set[tuple]] = defaultdict(set)
    for entry in entries:
        if entry.kind != ValueKind.UNKNOWN:
            values[entry.field].add(
                (entry.kind, entry.number_value, entry.date_value, entry.text_value)
            )
    return {field for field, seen in values.items() if len(seen) > 1}


def program_ledger_refresh(*, program: Program) -> Program:
    """Copy the ledger's current values into the program's search columns."""
    entries = list(LedgerEntry.objects.active().filter(program=program))
    changed = apply_current_values(program, entries)
    if changed:
        program.save(update_fields=[*changed, "updated_at"])
    return program


def programs_ledger_refresh(*, program_ids: Iterable[int]) -> int:
    """The same for many programs at once (imports); returns how many changed."""
    ids = set(program_ids)
    grouped: dict[int, list[LedgerEntry]] = defaultdict(list)
    for entry in LedgerEntry.objects.active().filter(program_id__in=ids):
        grouped[entry.program_id].append(entry)
    changed_programs, fields = [], set()
    for program in Program.objects.filter(pk__in=ids):
        changed = apply_current_values(program, grouped[program.pk])
        if changed:
            changed_programs.append(program)
            fields.update(changed)
    if changed_programs:
        bulk_set(Program, changed_programs, sorted(fields))
    return len(changed_programs)


def apply_current_values(program: Program, entries: list[LedgerEntry]) -> list[str]:
    """Set the program's ledger columns from its active entries; return the changed names."""
    current = current_entries(entries)
    wanted = _policy_columns(current)
    representative = [e.verified_on for e in entries if e.source_kind == SourceKind.REPRESENTATIVE]
    wanted["ledger_verified_by_program_on"] = max(representative, default=None)
    wanted["ledger_updated_on"] = max((e.verified_on for e in current.values()), default=None)
    wanted["ledger_has_demo"] = any(e.source_kind == SourceKind.DEMO for e in current.values())
    wanted["ledger_conflicts"] = len(conflicting_fields(entries))
    changed = [name for name, value in wanted.items() if getattr(program, name) != value]
    for name in changed:
        setattr(program, name, wanted[name])
    return changed


def _policy_columns(current: dict[str, LedgerEntry]) -> dict[str, object]:
    columns: dict[str, object] = {}
    for key, spec in SPECS.items():
        entry = current.get(key)
        if key == "website_url":
            columns[key] = entry.text_value if entry and entry.kind == ValueKind.URL else ""
            continue
        kind = entry.kind if entry else ValueKind.UNKNOWN
        columns[key] = kind
        if spec.value_column:
            columns[spec.value_column] = _column_value(entry, kind)
    return columns


def _column_value(entry: LedgerEntry | None, kind: str) -> object:
    if entry is not None and kind == ValueKind.NUMBER:
        return entry.number_value
    if entry is not None and kind == ValueKind.DATE:
        return entry.date_value
    return None
