"""IMG outcome reports: applicants say where they interviewed or matched; only counts of at
least three reports are ever shown, so no single person can be picked out."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.core.fragments import content_changed
from imgpath.programs.links import program_url
from imgpath.programs.models import (
    ApplicantKind,
    GraduationBand,
    Outcome,
    OutcomeReport,
    OutcomeStatus,
    OutcomeVisa,
    Program,
    Step2Band,
)

MIN_GROUP = 3  # no count below this is shown, anywhere
MAX_PER_DAY = 10
SEASONS = (2015, 2100)
OUTCOME_LIMITS = [
    "Self-reported by IMGPath users and not verified against the NRMP; staff remove reports "
    "that are clearly false.",
    f"Only groups of at least {MIN_GROUP} reports are counted, so small numbers never show.",
    "Says who reported, not how many IMGs the program interviewed or matched.",
]
COUNTED = (OutcomeStatus.PENDING, OutcomeStatus.APPROVED)

_VERB = {Outcome.INTERVIEWED: "interviewing", Outcome.MATCHED: "matching"}
_WHO = {ApplicantKind.NON_US_IMG: "non-US IMGs", ApplicantKind.US_IMG: "US IMGs"}
_VISA = {
    OutcomeVisa.J1: "on a J-1",
    OutcomeVisa.H1B: "on an H-1B",
    OutcomeVisa.NONE: "needing no visa",
}


def _choice(value: str, choices, name: str, *, optional: bool = False) -> str:
    if optional and value in ("", None):
        return ""
    if value not in choices.values:
        raise ServiceError(f"Choose one of: {', '.join(choices.values)}.", field=name)
    return value


def outcome_report_create(
    *,
    program: Program,
    author: User | AnonymousUser,
    season: int,
    outcome: str,
    applicant_kind: str,
    visa: str,
    graduation_band: str = "",
    step2ck_band: str = "",
) -> OutcomeReport:
    """Record one report; one per program and season per person, a few a day."""
    if not author.is_authenticated or not author.is_applicant:
        raise PermissionDenied("Only applicants report interview and match outcomes.")
    if not isinstance(season, int) or not SEASONS[0] <= season <= _latest_season():
        raise ServiceError(
            f"The season is a Match year from {SEASONS[0]} to {_latest_season()}.", field="season"
        )
    report = OutcomeReport(
        program=program,
        author=author,
        season=season,
        outcome=_choice(outcome, Outcome, "outcome"),
        applicant_kind=_choice(applicant_kind, ApplicantKind, "applicant_kind"),
        visa=_choice(visa, OutcomeVisa, "visa"),
        graduation_band=_choice(graduation_band, GraduationBand, "graduation_band", optional=True),
        step2ck_band=_choice(step2ck_band, Step2Band, "step2ck_band", optional=True),
    )
    since = timezone.now() - timedelta(days=1)
    if OutcomeReport.objects.filter(author=author, created_at__gte=since).count() >= MAX_PER_DAY:
        raise ServiceError(f"You can send {MAX_PER_DAY} outcome reports a day; try tomorrow.")
    try:
        with transaction.atomic():
            report.save()
            outcome_aggregate_refresh(program=program)
    except IntegrityError:
        raise ConflictError(
            f"You already reported on this program for the {season} season; delete that "
            "report to send another.",
            field="season",
        ) from None
    return report


def _latest_season() -> int:
    """Reports are about a season that has started: at most next year's Match."""
    return timezone.localdate().year + 1


def outcome_report_delete(*, report: OutcomeReport) -> None:
    """The reporter withdraws a report; the program's counts follow."""
    program = report.program
    with transaction.atomic():
        report.delete()
        outcome_aggregate_refresh(program=program)


def outcome_report_moderate(*, report: OutcomeReport, staff: User, approve: bool) -> OutcomeReport:
    """Staff approve a report or reject it (a rejected report stops counting)."""
    if not getattr(staff, "is_staff", False):
        raise PermissionDenied("Only staff moderate outcome reports.")
    if report.status != OutcomeStatus.PENDING:
        raise ConflictError("This report was already moderated.")
    with transaction.atomic():
        report.status = OutcomeStatus.APPROVED if approve else OutcomeStatus.REJECTED
        report.moderated_at, report.moderated_by = timezone.now(), staff
        report.save(update_fields=["status", "moderated_at", "moderated_by"])
        outcome_aggregate_refresh(program=report.program)
    return report


def outcome_reports_erase(*, user: User) -> None:
    """Account deletion: the person's reports go, and the counts they were part of follow."""
    program_ids = set(OutcomeReport.objects.filter(author=user).values_list("program", flat=True))
    with transaction.atomic():
        OutcomeReport.objects.filter(author=user).delete()
        for program in Program.objects.filter(pk__in=program_ids):
            outcome_aggregate_refresh(program=program)


# Aggregates ------------------------------------------------------------------------------------


def outcome_groups(program: Program) -> list[dict]:
    """The shown groups of counted reports: (season, outcome, kind, visa) with at least
    MIN_GROUP reports, newest season first, and within each the Step 2 CK bands that also
    reach MIN_GROUP."""
    rows = OutcomeReport.objects.filter(program=program, status__in=COUNTED).values_list(
        "season", "outcome", "applicant_kind", "visa", "step2ck_band"
    )
    groups: Counter = Counter()
    bands: dict[tuple, Counter] = {}
    for season, outcome, kind, visa, band in rows:
        key = (season, outcome, kind, visa)
        groups[key] += 1
        if band:
            bands.setdefault(key, Counter())[band] += 1
    shown = [(key, n) for key, n in groups.items() if n >= MIN_GROUP]
    shown.sort(key=lambda item: (-item[0][0], item[0][1] != Outcome.MATCHED, -item[1]))
    return [_item(program, key, n, bands.get(key, Counter())) for key, n in shown]


def _item(program: Program, key: tuple, count: int, bands: Counter) -> dict:
    season, outcome, kind, visa = key
    return {
        "kind": "outcome_reports",
        "summary": f"{count} {_WHO[kind]} reported {_VERB[outcome]} here {_VISA[visa]} in "
        f"{season} (self-reported).",
        "count": count,
        "period": f"{season} Match",
        "source_url": program_url(program.acgme_id) + "#outcomes",
        "limits": list(OUTCOME_LIMITS),
        "season": season,
        "outcome": outcome,
        "applicant_kind": kind,
        "visa": visa,
        "step2ck_bands": {
            Step2Band(band).label: n for band, n in sorted(bands.items()) if n >= MIN_GROUP
        },
    }


def outcome_aggregate_refresh(*, program: Program) -> bool:
    """Store the program's shown groups; True when what the public sees changed."""
    groups = outcome_groups(program)
    if groups == program.outcome_evidence:
        return False
    program.outcome_evidence = groups
    program.save(update_fields=["outcome_evidence"])
    content_changed("programs")
    return True
