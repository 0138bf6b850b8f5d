"""The signal planner page: per specialty, this season's allowance (or that it is not
published), and beside each program its signal and why that signal would be wasted, each
reason with its source and date, from the same engine result the API returns."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from imgpath.engines.season import Reason, SignalCheck
from imgpath.season import selectors
from imgpath.season.models import SignalLevel
from imgpath.season.views import _season


@dataclass
class PlannedProgram:
    row: selectors.TrackerRow
    warnings: tuple[Reason, ...]


@dataclass
class SpecialtyPlan:
    check: SignalCheck
    programs: list[PlannedProgram]

    label: str  # the directory's name for the specialty


def signal_plans(season) -> list[SpecialtyPlan]:
    rows = selectors.tracker_rows(season, list(selectors.tracked_queryset(season)))
    names = selectors.specialty_names(rows)
    plans = []
    for check in selectors.signal_checks(season, rows):
        mine = [row for row in rows if row.tracked.specialty == check.specialty]
        mine.sort(key=lambda row: (not row.tracked.signal, row.tracked.name.casefold()))
        plans.append(
            SpecialtyPlan(
                check,
                [PlannedProgram(r, check.program_warnings.get(r.tracked.pk, ())) for r in mine],
                names[check.specialty],
            )
        )
    return plans


@login_required
@require_GET
def season_signals(request: HttpRequest) -> HttpResponse:
    season = _season(request)
    context = {
        "season": season,
        "plans": signal_plans(season),
        "signal_levels": SignalLevel.choices,
    }
    return render(request, "season/signals.html", context)
