"""The interviews page: each invitation in the applicant's zone with the program's zone
alongside, its offered dates, response deadline and thank-you note; and the form that sets
the deadline and corrects the program's zone (a form error, never a half-saved change)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from imgpath.core.errors import ServiceError
from imgpath.season import selectors, services
from imgpath.season.models import Interview, Season
from imgpath.season.views import US_ZONES, _season


def _when(moment: dt.datetime | None, zone: str, fmt: str = "%a %d %b %Y, %H:%M") -> str:
    """Formatted here: the template's date filter would convert back to the server's zone."""
    shown = selectors.local(moment, zone)
    return f"{shown:{fmt}} {shown.tzname()}" if shown else ""


class InterviewEditForm(forms.Form):
    respond_by = forms.DateField(
        label="Respond by",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Give the date as year-month-day, for example 2026-10-15."},
    )
    program_time_zone = forms.CharField(
        label="Program's time zone",
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={"list": "zone-suggestions"}),
    )

    def __init__(self, interview: Interview, *args, **kwargs):
        kwargs.setdefault("prefix", f"i{interview.pk}")
        kwargs.setdefault(
            "initial",
            {"respond_by": interview.respond_by, "program_time_zone": interview.tracked.time_zone},
        )
        super().__init__(*args, **kwargs)
        self.interview = interview

    def is_valid(self) -> bool:
        """Valid or not; a field in error names its message for screen readers."""
        valid = super().is_valid()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"
        return valid

    def clean(self):
        """The same checks as the services, shown on their fields."""
        data = super().clean()
        zone = (data.get("program_time_zone") or "").strip()
        try:
            data["program_time_zone"] = services.check_zone(zone) if zone else ""
        except ServiceError as exc:
            self.add_error("program_time_zone", exc.message)
        if "respond_by" in data:
            season = self.interview.tracked.season
            try:
                services.check_respond_by(season, data["respond_by"])
            except ServiceError as exc:
                self.add_error("respond_by", exc.message)
        return data


def _decorate(interview: Interview, season: Season, form: InterviewEditForm | None) -> Interview:
    """Display attributes for the template only, so the model does not declare them."""
    theirs = interview.tracked.time_zone
    interview.local = _when(interview.starts_at, season.time_zone)  # type: ignore[attr-defined]
    interview.program_local = _when(interview.starts_at, theirs) if theirs else ""  # type: ignore[attr-defined]
    interview.offered_local = [  # type: ignore[attr-defined]
        (
            moment,
            _when(dt.datetime.fromisoformat(moment), season.time_zone),
            _when(dt.datetime.fromisoformat(moment), theirs) if theirs else "",
        )
        for moment in interview.offered
    ]
    interview.chosen = (  # type: ignore[attr-defined]
        interview.starts_at.astimezone(dt.UTC).isoformat() if interview.starts_at else ""
    )
    interview.edit_form = form or InterviewEditForm(interview)  # type: ignore[attr-defined]
    return interview


def _page(request: HttpRequest, season: Season, bound: InterviewEditForm | None = None, status=200):
    interviews = selectors.interviews_of(season)
    for interview in interviews:
        _decorate(
            interview, season, bound if bound and bound.interview.pk == interview.pk else None
        )
    conflicts = selectors.interview_conflicts(season, interviews)
    context = {
        "season": season,
        "interviews": interviews,
        "programs": list(season.programs.order_by("name", "id").only("pk", "name")),
        "conflicts": conflicts,
        "conflict_ids": {c.first for c in conflicts} | {c.second for c in conflicts},
        "zone_suggestions": US_ZONES,
    }
    return render(request, "season/interviews.html", context, status=status)


@login_required
@require_GET
def season_interviews(request: HttpRequest) -> HttpResponse:
    return _page(request, _season(request))


@login_required
@require_POST
def interview_edit(request: HttpRequest, pk: int) -> HttpResponse:
    season = _season(request)
    interview = selectors.interview_for(season, pk)
    form = InterviewEditForm(interview, request.POST)
    if not form.is_valid():
        return _page(request, season, form, status=400)
    with transaction.atomic():
        services.interview_deadline_set(interview, form.cleaned_data["respond_by"])
        zone = form.cleaned_data["program_time_zone"]
        if zone != interview.tracked.time_zone:
            services.tracked_program_update(interview.tracked, time_zone=zone)
    messages.success(request, f"Saved the interview with {interview.tracked.name}.")
    return redirect("season_interviews")
