"""Reads of one applicant's season, joined to what IMGPath knows: the program's fit (from
the policy ledger) and the letter, signal and cost checks of the season engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from imgpath.engines.fit import Outcome, ValueKind, Verdict
from imgpath.engines.fit import Reason as FitReason
from imgpath.engines.season import (
    Conflict,
    CostProgram,
    CostReport,
    InterviewSlot,
    LetterFacts,
    LetterMix,
    Placement,
    SignalCheck,
    check_letter_mix,
    check_signals,
    find_conflicts,
    season_costs,
)
from imgpath.engines.season.model import Eligibility
from imgpath.programs.fit import UserFit
from imgpath.season.models import (
    Interview,
    Letter,
    Season,
    Statement,
    StatementVersion,
    Status,
    StatusChange,
    TrackedProgram,
)
from imgpath.season.rules import current_rules
from imgpath.season.signal_grounds import grounds_by_program

# The fit rules that screen an applicant out, by their names in the fit engine: the visa rule
# is "visa" when the applicant could use either visa, else the one sponsorship it reads.
SCREEN_RULES = {
    "accepts_imgs",
    "visa",
    "j1_sponsorship",
    "h1b_sponsorship",
    "yog_limit_years",
    "usmle_attempt_limit",
}
ELIGIBILITY = {
    Verdict.LIKELY_ELIGIBLE: Eligibility.ELIGIBLE,
    Verdict.CHECK: Eligibility.CHECK,
    Verdict.NOT_ELIGIBLE: Eligibility.NOT_ELIGIBLE,
}


def tracked_queryset(season: Season) -> QuerySet[TrackedProgram]:
    return (
        TrackedProgram.objects.filter(season=season)
        .select_related("program__specialty", "statement")
        .prefetch_related(
            Prefetch("history", queryset=StatusChange.objects.order_by("changed_at", "id")),
            Prefetch("letters", queryset=Letter.objects.order_by("id")),
        )
    )


def tracked_for(season: Season, pk: int) -> TrackedProgram:
    return get_object_or_404(tracked_queryset(season), pk=pk)


def letter_for(season: Season, pk: int) -> Letter:
    return get_object_or_404(Letter, season=season, pk=pk)


def statement_for(season: Season, pk: int) -> Statement:
    return get_object_or_404(Statement.objects.prefetch_related("versions"), season=season, pk=pk)


def interview_for(season: Season, pk: int) -> Interview:
    return get_object_or_404(
        Interview.objects.select_related("tracked"), tracked__season=season, pk=pk
    )


def letter_facts(letter: Letter) -> LetterFacts:
    return LetterFacts(
        id=letter.pk,
        specialty=letter.specialty,
        us_physician=letter.us_physician,
        us_clinical=letter.us_clinical,
        received=letter.received_on is not None,
        specialty_letter=letter.specialty_letter,
    )


@dataclass
class TrackerRow:
    tracked: TrackedProgram
    eligibility: Eligibility
    screens: list[str]
    letters: LetterMix
    missing: list[str] = field(default_factory=list)
    failed: list[FitReason] = field(default_factory=list)  # screening rules the applicant fails

    @property
    def unknown_screens(self) -> list[str]:
        """The screens not failed: rules the ledger or the profile cannot decide yet."""
        failed = {reason.message for reason in self.failed}
        return [screen for screen in self.screens if screen not in failed]


def _wants_us_clinical(fit_program) -> bool | None:
    kind = ValueKind(fit_program.usce_required_months)
    if kind is ValueKind.UNKNOWN:
        return None
    if kind is ValueKind.NUMBER:
        return (fit_program.usce_required_months_value or 0) > 0
    return kind is ValueKind.YES


def tracker_rows(season: Season, programs: list[TrackedProgram]) -> list[TrackerRow]:
    applicant_fit = UserFit(season.user, today=timezone.localdate())
    rules = current_rules()
    rows = []
    for tracked in programs:
        fit = applicant_fit.of(tracked.program) if tracked.program else None
        eligibility = ELIGIBILITY[fit.verdict] if fit else Eligibility.CHECK
        screening = [
            reason
            for reason in (fit.reasons if fit else ())
            if reason.rule in SCREEN_RULES and reason.outcome is not Outcome.MEETS
        ]
        screens = [reason.message for reason in screening]
        wants = _wants_us_clinical(tracked.program) if tracked.program else None
        mix = check_letter_mix(
            [letter_facts(letter) for letter in tracked.letters.all()],
            tracked.specialty,
            rules,
            wants_us_clinical=wants,
        )
        missing = [reason.message for reason in mix.missing]
        if tracked.statement_id is None:
            missing.append("No personal statement is assigned.")
        if fit is None:
            screens.append(
                "Eligibility unknown: save your profile"
                if applicant_fit.facts is None
                else "Not linked to a directory program."
            )
        failed = [reason for reason in screening if reason.outcome is Outcome.FAILS]
        rows.append(TrackerRow(tracked, eligibility, screens, mix, missing, failed))
    return rows


def _placements(rows: list[TrackerRow]) -> dict[str, list[Placement]]:
    placed = [row for row in rows if row.tracked.signal]
    grounds = grounds_by_program(placed)
    grouped: dict[str, list[Placement]] = {}
    for row in placed:
        grouped.setdefault(row.tracked.specialty, []).append(
            Placement(
                row.tracked.pk,
                row.tracked.signal,
                row.eligibility,
                "; ".join(row.screens),
                grounds.get(row.tracked.pk, ()),
            )
        )
    return grouped


def signal_checks(season: Season, rows: list[TrackerRow]) -> list[SignalCheck]:
    rules = current_rules()
    placed = _placements(rows)
    specialties = sorted({row.tracked.specialty for row in rows})
    return [check_signals(s, placed.get(s, []), rules) for s in specialties]


def specialty_names(rows: list[TrackerRow]) -> dict[str, str]:
    """Stored specialty slug -> the directory's name, for pages (unlinked rows keep the slug)."""
    names = {row.tracked.specialty: row.tracked.specialty for row in rows}
    for row in rows:
        if row.tracked.program is not None:
            names[row.tracked.specialty] = row.tracked.program.specialty.name
    return names


def season_cost_report(rows: list[TrackerRow]) -> CostReport:
    """Every program not withdrawn counts: the considering ones are the plan being priced."""
    programs = [
        CostProgram(
            specialty=row.tracked.specialty,
            eligibility=row.eligibility,
            ranked=row.tracked.status == Status.RANKED,
            travel_usd=row.tracked.travel_estimate_usd,
        )
        for row in rows
        if row.tracked.status != Status.WITHDRAWN
    ]
    return season_costs(programs, current_rules())


def interviews_of(season: Season) -> list[Interview]:
    return list(
        Interview.objects.filter(tracked__season=season)
        .select_related("tracked")
        .order_by("starts_at", "id")
    )


def interview_conflicts(season: Season, interviews: list[Interview]) -> list[Conflict]:
    slots = [
        InterviewSlot(
            i.pk,
            i.starts_at,
            i.starts_at + dt.timedelta(minutes=i.duration_minutes),
            i.city,
            i.virtual,
        )
        for i in interviews
        if i.starts_at
    ]
    return find_conflicts(slots, season.time_zone)


def local(moment: dt.datetime | None, zone: str) -> dt.datetime | None:
    if moment is None or not zone:
        return None
    return moment.astimezone(ZoneInfo(zone))


def versions_of(statement: Statement) -> list[StatementVersion]:
    return list(statement.versions.all())
