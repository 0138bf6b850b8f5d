"""Reads: the program search, a program's page and comparison (a person's own lists are
in `list_selectors`).

The page views and the API call these same functions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.http import Http404

from imgpath.core.errors import ServiceError
from imgpath.engines.fit import ApplicantFacts, FitResult
from imgpath.programs.filters import (
    MAX_WORDS,
    POSITION_LETTER,
    Answer,
    Meets,
    Position,
    SearchFilters,
    Sort,
)
from imgpath.programs.fit import (
    FIT_COLUMNS,
    FitJudge,
    coming_match_year,
    evidence_fit_note,
)
from imgpath.programs.geo import bounding_box, chord_for_miles, haversine_miles, unit_vector
from imgpath.programs.models import (
    City,
    CommunityReport,
    LedgerEntry,
    MatchType,
    NrmpProgram,
    NrmpResult,
    Program,
    ReportStatus,
    SavedProgram,
    Specialty,
)
from imgpath.programs.policy import SPECS, FieldSpec, ValueKind
from imgpath.programs.search_text import normalize
from imgpath.programs.services.evidence import EVIDENCE_COUNT_KEY
from imgpath.programs.services.ledger import current_entries

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import WithAnnotations

    from imgpath.accounts.models import User


@dataclass
class ProgramRow:
    program: Program
    distance_miles: float | None = None
    fit: FitResult | None = None
    saved: bool = False
    evidence_note: str | None = None


@dataclass
class SearchPage:
    filters: SearchFilters
    rows: list[ProgramRow]
    count: int
    page: int
    per_page: int
    origin: City | None
    state_counts: dict[str, int] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.per_page + 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def city_by_label(label: str) -> City:
    """The program city labelled like "Chicago, IL", or a ServiceError naming `near`."""
    name, _, state = label.rpartition(",")
    city = City.objects.filter(name__iexact=name.strip(), state=state.strip().upper()).first()
    if city is None:
        raise ServiceError(
            f"No program city called “{label}”; pick one from the list.", field="near"
        )
    return city


def program_search(
    *,
    filters: SearchFilters,
    facts: ApplicantFacts | None = None,
    today: dt.date,
    saved_by: User | AnonymousUser | None = None,
) -> SearchPage:
    """Filter, count, sort and page programs; fit and distance for the rows shown."""
    if filters.sort == Sort.FIT and facts is None:
        raise ServiceError("Sign in as an applicant with a profile to sort by fit.", field="sort")
    origin = city_by_label(filters.near) if filters.near else None
    judge = FitJudge(facts, today=today) if facts is not None else None
    queryset = _filtered(filters, origin, today)
    state_counts = _state_counts(queryset)
    count = sum(state_counts.values())
    page = min(filters.page, max(1, -(-count // filters.per_page)))
    ordered = _ordered(queryset, filters, origin, judge)
    start = (page - 1) * filters.per_page
    programs = list(
        ordered.select_related("specialty", "institution").defer("search_text")[
            start : start + filters.per_page
        ]
    )
    rows = [_row(p, origin, judge) for p in programs]
    _mark_saved(rows, saved_by)
    return SearchPage(filters, rows, count, page, filters.per_page, origin, state_counts)


def _row(program: Program, origin: City | None, judge: FitJudge | None) -> ProgramRow:
    distance = None
    if origin is not None:
        distance = haversine_miles(
            origin.latitude, origin.longitude, program.latitude, program.longitude
        )
    fit = judge.of_program(program) if judge is not None else None
    note = (
        evidence_fit_note(program, judge.facts) if judge is not None and fit is not None else None
    )
    return ProgramRow(program, distance, fit, evidence_note=note)


def _mark_saved(rows: list[ProgramRow], user: User | AnonymousUser | None) -> None:
    if not rows or user is None or not user.is_authenticated:
        return
    saved = set(
        SavedProgram.objects.filter(
            user=user, program_id__in=[r.program.pk for r in rows]
        ).values_list("program_id", flat=True)
    )
    for row in rows:
        row.saved = row.program.pk in saved


def _state_counts(queryset: QuerySet[Program]) -> dict[str, int]:
    return dict(
        queryset.order_by().values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )


# Filtering ----------------------------------------------------------------------------------


def _filtered(filters: SearchFilters, origin: City | None, today: dt.date) -> QuerySet[Program]:
    queryset = Program.objects.all()
    for word in normalize(filters.q).split()[:MAX_WORDS]:
        queryset = queryset.filter(search_text__contains=word)
    simple = {
        "specialty__code": filters.specialty,
        "state": filters.state,
        "region": filters.region,
    }
    queryset = queryset.filter(**{k: v for k, v in simple.items() if v})
    if filters.h1b_evidence:
        queryset = queryset.filter(institution__has_h1b_evidence=True)
    if origin is not None:
        queryset = _within(queryset, origin, filters.radius)
    if filters.position:
        queryset = queryset.filter(_position(filters.position))
    for name, column in (
        ("accepts_imgs", "accepts_imgs"),
        ("j1", "j1_sponsorship"),
        ("h1b", "h1b_sponsorship"),
    ):
        if getattr(filters, name):
            queryset = queryset.filter(_answer(column, getattr(filters, name)))
    return queryset.filter(_meets_filters(filters, today))


def _within(queryset: QuerySet[Program], origin: City, miles: int) -> QuerySet[Program]:
    south, north, west, east = bounding_box(origin.latitude, origin.longitude, miles)
    return _with_chord(queryset, origin).filter(  # type: ignore[misc]  # `chord` is annotated
        latitude__range=(south, north),
        longitude__range=(west, east),
        chord__lte=chord_for_miles(miles),
    )


def _with_chord(queryset: QuerySet[Program], origin: City) -> QuerySet[WithAnnotations[Program]]:
    x, y, z = unit_vector(origin.latitude, origin.longitude)
    chord = (
        (F("unit_x") - x) * (F("unit_x") - x)
        + (F("unit_y") - y) * (F("unit_y") - y)
        + (F("unit_z") - z) * (F("unit_z") - z)
    )
    return queryset.annotate(chord=ExpressionWrapper(chord, output_field=FloatField()))


def _position(position: str) -> Q:
    if position == Position.UNKNOWN:
        return Q(position_types="")
    return Q(position_types__contains=POSITION_LETTER[Position(position)])


def _answer(column: str, answer: str) -> Q:
    if answer == Answer.YES_OR_UNKNOWN:
        return Q(**{f"{column}__in": [ValueKind.YES, ValueKind.UNKNOWN]})
    return Q(**{column: answer})


def _limit_q(column: str, mine: int, mode: str, *, at_least: bool) -> Q:
    """`column` holds a limit; `at_least` means the applicant's value must reach it."""
    value = f"{column}_value"
    meets = Q(**{column: ValueKind.NO}) | Q(
        **{column: ValueKind.NUMBER, f"{value}__{'lte' if at_least else 'gte'}": mine}
    )
    fails = Q(**{column: ValueKind.NUMBER, f"{value}__{'gt' if at_least else 'lt'}": mine})
    return _mode(mode, meets, Q(**{column: ValueKind.UNKNOWN}), fails)


def _mode(mode: str, meets: Q, unknown: Q, fails: Q) -> Q:
    return {
        Meets.MEETS: meets,
        Meets.MEETS_OR_UNKNOWN: meets | unknown,
        Meets.UNKNOWN: unknown,
        Meets.FAILS: fails,
    }[Meets(mode)]


def _meets_filters(filters: SearchFilters, today: dt.date) -> Q:
    q = Q()
    if filters.yog and filters.graduation_year is not None:
        year = filters.match_year or coming_match_year(today)
        gap = max(0, year - filters.graduation_year)
        q &= _limit_q("yog_limit_years", gap, filters.yog, at_least=False)
    if filters.attempts and filters.my_attempts is not None:
        q &= _limit_q("usmle_attempt_limit", filters.my_attempts, filters.attempts, at_least=False)
    if filters.step2ck and filters.my_step2ck is not None:
        q &= _limit_q("min_step2ck", filters.my_step2ck, filters.step2ck, at_least=True)
    if filters.usce and filters.usce_hands_on is not None:
        q &= _usce_q(filters.usce_hands_on, filters.usce_observership or 0, filters.usce)
    return q


def _usce_q(hands_on: int, observership: int, mode: str) -> Q:
    months, total = "usce_required_months_value", hands_on + observership
    number = Q(usce_required_months=ValueKind.NUMBER)
    counted = Q(usce_observership_accepted=ValueKind.YES)
    meets = (
        Q(usce_required_months=ValueKind.NO)
        | (number & Q(**{f"{months}__lte": hands_on}))
        | (number & counted & Q(**{f"{months}__lte": total}))
    )
    unknown = Q(usce_required_months=ValueKind.UNKNOWN) | (
        number
        & Q(**{f"{months}__gt": hands_on, f"{months}__lte": total})
        & Q(usce_observership_accepted=ValueKind.UNKNOWN)
    )
    return _mode(mode, meets, unknown, ~meets & ~unknown)


# Ordering -----------------------------------------------------------------------------------


def _ordered(queryset, filters: SearchFilters, origin, judge) -> QuerySet[Program]:
    if filters.sort == Sort.DISTANCE and origin is not None:
        if "chord" not in queryset.query.annotations:
            queryset = _with_chord(queryset, origin)
        return queryset.order_by("chord", "name", "acgme_id")
    if filters.sort == Sort.IMG_SHARE:
        return queryset.order_by(
            F("img_share_percent_value").desc(nulls_last=True), "name", "acgme_id"
        )
    if filters.sort == Sort.FIT and judge is not None:
        return queryset.annotate(fit_rank=_fit_rank(queryset, judge)).order_by(
            "-fit_rank", "name", "acgme_id"
        )
    return queryset.order_by("name", "acgme_id")


def _fit_rank(queryset: QuerySet[Program], judge: FitJudge):
    """The fit verdict as a SQL value, judged by the engine in Python.

    Programs without ledger values all share one verdict (everything unknown), so only programs
    with some ledger value are judged, once per distinct ledger; those whose verdict differs
    from the shared one are listed by primary key in a CASE expression.
    """
    shared = judge.of_columns(UNKNOWN_COLUMNS).rank
    differing: dict[int, list[int]] = defaultdict(list)
    rows = queryset.filter(ledger_updated_on__isnull=False).order_by()
    for pk, *values in rows.values_list("pk", *FIT_COLUMNS):
        rank = judge.of_values(tuple(values)).rank
        if rank != shared:
            differing[rank].append(pk)
    whens = [When(pk__in=pks, then=Value(rank)) for rank, pks in differing.items()]
    return Case(*whens, default=Value(shared), output_field=IntegerField())


UNKNOWN_COLUMNS = {
    column: (ValueKind.UNKNOWN if not column.endswith("_value") else None) for column in FIT_COLUMNS
}


# A program's page and comparison -----------------------------------------------------------


def program_by_acgme_id(acgme_id: str) -> Program:
    program = (
        Program.objects.select_related("specialty", "institution").filter(acgme_id=acgme_id).first()
    )
    if program is None:
        raise Http404("No such program.")
    return program


def programs_for_compare(acgme_ids: list[str]) -> list[Program]:
    found = {
        p.acgme_id: p
        for p in Program.objects.select_related("specialty", "institution").filter(
            acgme_id__in=acgme_ids
        )
    }
    return [found[i] for i in dict.fromkeys(acgme_ids) if i in found]


def specialty_choices() -> list[tuple[str, str]]:
    return list(Specialty.objects.order_by("name").values_list("code", "name"))


def city_labels() -> list[str]:
    return [
        f"{name}, {state}"
        for name, state in City.objects.order_by("name", "state").values_list("name", "state")
    ]


def city_points() -> list[tuple[float, float]]:
    return list(City.objects.values_list("latitude", "longitude"))


# A program's page ---------------------------------------------------------------------------


@dataclass
class LedgerRow:
    """One ledger field on a program's page: the current value, the rest, and reports."""

    spec: FieldSpec
    current: LedgerEntry | None
    conflicting: list[LedgerEntry]
    agreeing: list[LedgerEntry]
    history: list[LedgerEntry]
    reports: list[CommunityReport]

    @property
    def latest_report(self) -> CommunityReport | None:
        return self.reports[0] if self.reports else None

    @property
    def report_counts(self) -> list[tuple[str, int]]:
        """How many pending reports say each value, most said first."""
        counts = Counter(report.display_value for report in self.reports)
        return counts.most_common()

    @property
    def reports_disagree(self) -> bool:
        if self.current is None or self.current.kind == ValueKind.UNKNOWN:
            return False
        return any(not report.same_value_as(self.current) for report in self.reports)


@dataclass
class ProgramPage:
    program: Program
    ledger: list[LedgerRow]
    nrmp_codes: list[NrmpProgram]
    fill_years: list[tuple[int, int, int]]
    report_total: int

    @property
    def known_count(self) -> int:
        return sum(
            1 for row in self.ledger if row.current and row.current.kind != ValueKind.UNKNOWN
        )


def program_page(*, program: Program) -> ProgramPage:
    entries = list(
        LedgerEntry.objects.filter(program=program).order_by("-verified_on", "-created_at")
    )
    reports = list(
        CommunityReport.objects.filter(program=program, status=ReportStatus.PENDING).order_by(
            "-created_at"
        )
    )
    rows = [_ledger_row(spec, entries, reports) for spec in SPECS.values()]
    codes = list(program.nrmp_programs.order_by("position_type", "code"))
    return ProgramPage(program, rows, codes, fill_history(program), len(reports))


def _ledger_row(spec: FieldSpec, entries: list[LedgerEntry], reports) -> LedgerRow:
    mine = [e for e in entries if e.field == spec.key]
    active = [e for e in mine if e.superseded_at is None]
    current = current_entries(active).get(spec.key)
    others = [e for e in active if e is not current]
    return LedgerRow(
        spec=spec,
        current=current,
        conflicting=[
            e
            for e in others
            if current and e.kind != ValueKind.UNKNOWN and not e.same_value_as(current)
        ],
        agreeing=[e for e in others if current and e.same_value_as(current)],
        history=[e for e in mine if e.superseded_at is not None][:5],
        reports=[r for r in reports if r.field == spec.key],
    )


def ledger_history(program: Program) -> list[LedgerEntry]:
    """Every statement about the program, current and superseded, newest first per field."""
    return list(
        LedgerEntry.objects.filter(program=program).order_by("field", "-verified_on", "-created_at")
    )


def h1b_evidence_program_count() -> int:
    """How many programs the "institution has H-1B evidence" filter covers (cached until the
    evidence is recomputed)."""
    count = cache.get_or_set(  # the default is computed, so the value is never None
        EVIDENCE_COUNT_KEY,
        lambda: Program.objects.filter(institution__has_h1b_evidence=True).count(),
        24 * 60 * 60,
    )
    return cast(int, count)


def fill_history(program: Program) -> list[tuple[int, int, int]]:
    """(Match year, positions offered, positions filled) summed over the program's NRMP codes."""
    rows = (
        NrmpResult.objects.filter(program=program, match_type=MatchType.MAIN)
        .values("match_year")
        .annotate(quota=Sum("quota"), matched=Sum("matched"))
        .order_by("match_year")
    )
    return [(row["match_year"], row["quota"], row["matched"]) for row in rows]
