"""The "My programs" CSV: exactly what the page shows, each policy with its source and date."""

from __future__ import annotations

from collections import defaultdict

from imgpath.programs.fit import UserFit
from imgpath.programs.models import LedgerEntry, SourceKind, ValueKind
from imgpath.programs.services.ledger import current_entries
from imgpath.programs.templatetags.programs_tags import CARD_FIELDS, VERDICT_LABELS, policy_value

BASE_COLUMNS = ["acgme_id", "program", "specialty", "city", "state", "saved_on", "fit"]
TAIL_COLUMNS = ["demo_data", "tags", "note"]


def export_columns() -> list[str]:
    policy = [
        f"{key}{suffix}"
        for key in CARD_FIELDS
        for suffix in ("", "_source", "_source_url", "_checked_on")
    ]
    return BASE_COLUMNS + policy + TAIL_COLUMNS


def _current_by_program(program_ids: list[int]) -> dict[int, dict[str, LedgerEntry]]:
    grouped: dict[int, list[LedgerEntry]] = defaultdict(list)
    for entry in LedgerEntry.objects.active().filter(
        program_id__in=program_ids, field__in=list(CARD_FIELDS)
    ):
        grouped[entry.program_id].append(entry)
    return {pk: current_entries(entries) for pk, entries in grouped.items()}


def shortlist_rows(items, *, fit: UserFit) -> list[list[str]]:
    """One row per saved program, in the page's order, as text cells."""
    current = _current_by_program([item.program_id for item in items])
    rows = []
    for item in items:
        program = item.program
        verdict = fit.of(program)
        row = [
            program.acgme_id,
            program.name,
            program.specialty.name,
            program.city,
            program.state,
            item.created_at.date().isoformat(),
            VERDICT_LABELS.get(verdict.verdict, verdict.verdict) if verdict else "",
        ]
        entries = current.get(program.pk, {})
        for key in CARD_FIELDS:
            row.extend(_policy_cells(program, key, entries.get(key)))
        row += ["yes" if program.ledger_has_demo else "", ", ".join(item.tags), item.note]
        rows.append(row)
    return rows


def _policy_cells(program, key: str, entry: LedgerEntry | None) -> list[str]:
    """The value as the page words it, then who said it, where and when it was checked."""
    value = policy_value(program, key)
    if entry is None:
        return [value, "", "", ""]
    source = SourceKind(entry.source_kind).label
    if entry.kind == ValueKind.UNKNOWN and getattr(program, key) == ValueKind.UNKNOWN:
        source = f"{source} (the source did not say)"
    return [value, source, entry.source_url, entry.verified_on.isoformat()]
