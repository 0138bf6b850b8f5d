"""How much of the directory has a sourced value, per ledger field and per specialty.

The same for every visitor, so computed once per version of the directory and its content and
kept in the cache: the search form's "unknown for N programs" and the public coverage page read
it without a query of their own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from imgpath.core.fragments import content_version
from imgpath.programs.caching import DAY, directory_version
from imgpath.programs.models import LedgerEntry, Program, SourceKind, Specialty, ValueKind
from imgpath.programs.national import national_img_share
from imgpath.programs.policy import SPECS
from imgpath.programs.services.ledger import current_entries

# The filters of the search, by form field name -> the Program column they read.
FILTER_COLUMNS = {
    "accepts_imgs": "accepts_imgs",
    "j1": "j1_sponsorship",
    "h1b": "h1b_sponsorship",
    "yog": "yog_limit_years",
    "attempts": "usmle_attempt_limit",
    "step2ck": "min_step2ck",
    "usce": "usce_required_months",
}
# The fields shown per specialty (the rest are on the per-field table).
SPECIALTY_FIELDS = ("accepts_imgs", "j1_sponsorship", "h1b_sponsorship")


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


@dataclass(frozen=True)
class FieldCoverage:
    key: str
    label: str
    sourced: int
    total: int

    @property
    def unknown(self) -> int:
        return self.total - self.sourced

    @property
    def percent(self) -> float:
        return _percent(self.sourced, self.total)


@dataclass(frozen=True)
class SpecialtyCoverage:
    code: str
    name: str
    programs: int
    any_sourced: int
    by_field: dict[str, int]
    h1b_evidence: int
    national_img_share: float | None

    @property
    def any_percent(self) -> float:
        return _percent(self.any_sourced, self.programs)

    @property
    def field_percents(self) -> list[tuple[str, int, float]]:
        return [
            (key, self.by_field.get(key, 0), _percent(self.by_field.get(key, 0), self.programs))
            for key in SPECIALTY_FIELDS
        ]

    @property
    def h1b_evidence_percent(self) -> float:
        return _percent(self.h1b_evidence, self.programs)


@dataclass(frozen=True)
class Coverage:
    total: int
    fields: list[FieldCoverage]
    specialties: list[SpecialtyCoverage]
    h1b_evidence: int
    # Programs whose column is "unknown", per search filter: what "Unknown" in that filter finds.
    filter_unknown: dict[str, int] = field(default_factory=dict)
    computed_at: dt.datetime | None = None

    @property
    def h1b_evidence_percent(self) -> float:
        return _percent(self.h1b_evidence, self.total)

    @property
    def national_share_specialties(self) -> int:
        return sum(1 for s in self.specialties if s.national_img_share is not None)


def directory_coverage() -> Coverage:
    """The coverage figures of the current directory and ledger (cached per content version)."""
    key = f"programs:coverage:{directory_version()}:{content_version('programs')}"
    found = cache.get(key)
    if found is None:
        found = _compute()
        cache.set(key, found, DAY)
    return found


def _sourced_fields() -> dict[int, set[str]]:
    """Per program, the fields whose current value is known and not demo data."""
    by_program: dict[int, list[LedgerEntry]] = defaultdict(list)
    for entry in LedgerEntry.objects.active().only(
        "program_id", "field", "kind", "source_kind", "verified_on", "created_at"
    ):
        by_program[entry.program_id].append(entry)
    sourced: dict[int, set[str]] = {}
    for program_id, entries in by_program.items():
        current = current_entries(entries)
        sourced[program_id] = {
            key
            for key, entry in current.items()
            if entry.kind != ValueKind.UNKNOWN and entry.source_kind != SourceKind.DEMO
        }
    return sourced


def _compute() -> Coverage:
    columns = sorted(set(FILTER_COLUMNS.values()))
    rows = list(
        Program.objects.values_list(
            "pk", "specialty_id", "institution__has_h1b_evidence", *columns
        ).order_by()
    )
    sourced = _sourced_fields()
    total = len(rows)
    per_field: dict[str, int] = defaultdict(int)
    filter_unknown: dict[str, int] = defaultdict(int)
    per_specialty: dict[int, dict] = defaultdict(
        lambda: {"programs": 0, "any": 0, "fields": defaultdict(int), "evidence": 0}
    )
    for pk, specialty_id, evidence, *values in rows:
        mine = sourced.get(pk, set())
        for key in mine:
            per_field[key] += 1
        for column, value in zip(columns, values, strict=True):
            if value == ValueKind.UNKNOWN:
                filter_unknown[column] += 1
        bucket = per_specialty[specialty_id]
        bucket["programs"] += 1
        bucket["any"] += 1 if mine else 0
        bucket["evidence"] += 1 if evidence else 0
        for key in mine:
            bucket["fields"][key] += 1
    fields = [FieldCoverage(key, spec.label, per_field[key], total) for key, spec in SPECS.items()]
    specialties = [
        SpecialtyCoverage(
            code=specialty.code,
            name=specialty.name,
            programs=per_specialty[specialty.pk]["programs"],
            any_sourced=per_specialty[specialty.pk]["any"],
            by_field=dict(per_specialty[specialty.pk]["fields"]),
            h1b_evidence=per_specialty[specialty.pk]["evidence"],
            national_img_share=_share(specialty.code),
        )
        for specialty in Specialty.objects.order_by("name")
        if per_specialty[specialty.pk]["programs"]
    ]
    return Coverage(
        total=total,
        fields=fields,
        specialties=specialties,
        h1b_evidence=sum(s.h1b_evidence for s in specialties),
        filter_unknown={name: filter_unknown[col] for name, col in FILTER_COLUMNS.items()},
        computed_at=timezone.now(),
    )


def _share(code: str) -> float | None:
    share = national_img_share(code)
    return share.img_percent if share else None


def search_filter_counts() -> dict[str, int]:
    """What the search form shows beside its filters, in one query per content version:
    `total`, `h1b_evidence` (programs the evidence filter covers) and, per policy filter,
    how many programs are unknown for it."""
    key = f"programs:filter-counts:{directory_version()}:{content_version('programs')}"
    counts = cache.get(key)
    if counts is None:
        counts = Program.objects.aggregate(
            total=Count("id"),
            h1b_evidence=Count("id", filter=Q(institution__has_h1b_evidence=True)),
            **{
                name: Count("id", filter=Q(**{column: ValueKind.UNKNOWN}))
                for name, column in FILTER_COLUMNS.items()
            },
        )
        cache.set(key, counts, DAY)
    return counts
