"""Why a signal would be wasted on a program, with where each reason was read: the fit
rules the applicant fails, each cited to the program's current ledger statement (its
source and the date it was checked). A rule without a ledger statement cites nothing."""

from __future__ import annotations

from collections.abc import Iterable

from imgpath.engines.fit import Outcome
from imgpath.engines.season import FactRef, Reason
from imgpath.programs.models import LedgerEntry
from imgpath.programs.policy import PolicyField, SourceKind
from imgpath.programs.services.ledger import current_entries

# The screening rules of the fit engine and the ledger fields each one reads.
RULE_FIELDS = {
    "accepts_imgs": (PolicyField.ACCEPTS_IMGS,),
    "visa": (PolicyField.J1, PolicyField.H1B, PolicyField.H1B_STEP3),
    "j1_sponsorship": (PolicyField.J1,),
    "h1b_sponsorship": (PolicyField.H1B, PolicyField.H1B_STEP3),
    "yog_limit_years": (PolicyField.YOG_LIMIT,),
    "usmle_attempt_limit": (PolicyField.ATTEMPT_LIMIT,),
}
CONFIRMED_SOURCES = {SourceKind.REPRESENTATIVE, SourceKind.STAFF, SourceKind.IMPORTED}


def ledger_fact(entry: LedgerEntry) -> FactRef:
    kind = SourceKind(entry.source_kind)
    return FactRef(
        id=f"ledger:{entry.program.acgme_id}:{entry.field}",
        source=entry.source_url or kind.label,
        as_of=entry.verified_on,
        tier=str(kind.label),
        verified=kind in CONFIRMED_SOURCES,
    )


def grounds_by_program(rows: Iterable) -> dict[int, tuple[Reason, ...]]:
    """Tracked program id -> its failed screening rules, for rows judged not eligible."""
    failing = {row.tracked.pk: row for row in rows if row.failed}
    program_ids = {row.tracked.program_id for row in failing.values()}
    entries = (
        LedgerEntry.objects.active()
        .filter(program_id__in=program_ids)
        .select_related("program")
        .order_by("id")
    )
    by_program: dict[int, list[LedgerEntry]] = {}
    for entry in entries:
        by_program.setdefault(entry.program_id, []).append(entry)
    grounds = {}
    for pk, row in failing.items():
        current = current_entries(by_program.get(row.tracked.program_id, []))
        grounds[pk] = tuple(
            Reason(reason.rule, reason.message, _cited(current, reason.rule))
            for reason in row.failed
            if reason.outcome is Outcome.FAILS
        )
    return grounds


def _cited(current: dict[str, LedgerEntry], rule: str) -> FactRef | None:
    """The most recently checked ledger statement among the fields the rule reads."""
    found = [current[f] for f in RULE_FIELDS.get(rule, ()) if f in current]
    if not found:
        return None
    return ledger_fact(max(found, key=lambda entry: (entry.verified_on, entry.pk)))
