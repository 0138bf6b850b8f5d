"""Season pages: the tracker (sort, filter, CSV of exactly what is shown) and adding programs."""

from __future__ import annotations

import csv
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from imgpath.accounts.models import User
from imgpath.core.errors import ServiceError
from imgpath.core.http import HtmxHttpRequest
from imgpath.season import mock_copy, selectors, services
from imgpath.season.models import Season, SignalLevel, Status, Track
from imgpath.season.rules import current_rules
from imgpath.season.zones import STATE_ZONES

US_ZONES = sorted(set(STATE_ZONES.values()))

SORTS = {
    "name": lambda row: (row.tracked.name.casefold(), row.tracked.pk),
    "status": lambda row: (list(Status.values).index(row.tracked.status), row.tracked.name),
    "rank": lambda row: (row.tracked.rank is None, row.tracked.rank or 0, row.tracked.name),
    "eligibility": lambda row: (str(row.eligibility), row.tracked.name),
}


class TrackerFilter(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *Status.choices], required=False)
    specialty = forms.CharField(max_length=60, required=False)
    tag = forms.CharField(max_length=40, required=False)
    sort = forms.ChoiceField(
        choices=[
            ("name", "Name"),
            ("status", "Status"),
            ("rank", "Rank"),
            ("eligibility", "Eligibility"),
        ],
        required=False,
    )


class AddProgramForm(forms.Form):
    acgme_id = forms.RegexField(r"^\d{10}$", required=False, label="ACGME id")
    nrmp_code = forms.RegexField(r"^[0-9A-Z]{1,10}$", required=False, label="NRMP code")
    track = forms.ChoiceField(choices=Track.choices, initial=Track.CATEGORICAL)


def _applicant(request: HttpRequest) -> User:
    """The signed-in applicant; anyone else is refused, since only applicants have a season."""
    user = request.user
    if not isinstance(user, User) or not user.is_applicant:
        raise PermissionDenied("Only applicant accounts have a season.")
    return user


def _season(request: HttpRequest) -> Season:
    return services.season_for(_applicant(request))


def _shown_rows(request: HttpRequest, season):
    form = TrackerFilter(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    data = form.cleaned_data if form.is_bound else {}
    queryset = selectors.tracked_queryset(season)
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    if data.get("specialty"):
        queryset = queryset.filter(specialty=data["specialty"])
    rows = selectors.tracker_rows(season, list(queryset))
    if data.get("tag"):
        rows = [row for row in rows if data["tag"] in row.tracked.tags]
    rows.sort(key=SORTS[data.get("sort") or "name"])
    return form, rows


@login_required
@require_GET
def season_home(request: HttpRequest) -> HttpResponse:
    season = _season(request)
    form, rows = _shown_rows(request, season)
    if rows is None:
        return render(
            request, "season/home.html", {"season": season, "form": form, "rows": []}, status=400
        )
    everything = selectors.tracker_rows(season, list(selectors.tracked_queryset(season)))
    interviews = selectors.interviews_of(season)
    names = selectors.specialty_names(everything)
    context = {
        "season": season,
        "form": form,
        "rows": rows,
        "add_form": AddProgramForm(),
        "costs": selectors.season_cost_report(everything),
        "signals": [
            (names[check.specialty], check) for check in selectors.signal_checks(season, everything)
        ],
        "interview_count": len(interviews),
        "conflict_count": len(selectors.interview_conflicts(season, interviews)),
        "mock_cycles": mock_copy.cycles_to_copy_into(_applicant(request)),
        "ranked_count": sum(1 for row in everything if row.tracked.status == Status.RANKED),
        "query": request.GET.urlencode(),
        **_row_context(season),
    }
    return render(request, "season/home.html", context)


COLUMNS = ["Program", "Specialty", "Track", "Status", "Rank", "Eligibility", "Tags", "Missing"]


def _cell(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; make them text."""
    return f"'{value}" if value[:1] in {"=", "+", "-", "@"} else value


@login_required
@require_GET
def season_export(request: HttpRequest) -> HttpResponse:
    season = _season(request)
    _form, rows = _shown_rows(request, season)
    if rows is None:
        return HttpResponse("Invalid filter.", status=400, content_type="text/plain")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="imgpath-season-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for row in rows:
        t = row.tracked
        writer.writerow(
            [
                _cell(value)
                for value in (
                    t.name,
                    t.specialty,
                    t.get_track_display(),
                    t.get_status_display(),
                    str(t.rank or ""),
                    str(row.eligibility),
                    ", ".join(t.tags),
                    " ".join(row.missing),
                )
            ]
        )
    return response


@login_required
@require_POST
def season_add(request: HttpRequest) -> HttpResponse:
    season = _season(request)
    if request.POST.get("shortlist"):
        added = services.tracked_programs_add_shortlist(season)
        messages.success(request, f"Added {len(added)} shortlisted programs.")
        return redirect("season_home")
    form = AddProgramForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give a 10-digit ACGME id or an NRMP code.")
        return redirect("season_home")
    try:
        tracked = services.tracked_program_add(season, **form.cleaned_data)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Added {tracked.name}.")
    return redirect("season_home")


class ProgramUpdateForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)
    rank = forms.IntegerField(min_value=1, max_value=300, required=False)
    signal = forms.ChoiceField(choices=SignalLevel.choices, required=False)
    travel_estimate_usd = forms.IntegerField(min_value=0, max_value=100_000, required=False)


# Pages a tracker change may return to, by the name a form posts as `next`.
BACK = {"signals": "season_signals", "interviews": "season_interviews"}


@login_required
@require_POST
def season_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    season = _season(request)
    tracked = selectors.tracked_for(season, pk)
    back = BACK.get(request.POST.get("next", ""), "season_home")
    form = ProgramUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a status, and a rank from 1 to 300.")
        if request.htmx:  # htmx swaps no 4xx: reload the page, where the message shows
            return HttpResponseClientRedirect(reverse(back))
        return redirect(back)
    data = {k: v for k, v in form.cleaned_data.items() if k in request.POST}
    services.tracked_program_update(tracked, **data)
    done = f"Saved {tracked.name}."
    if request.htmx and back == "season_home":  # swap the one row, announce it
        (row,) = selectors.tracker_rows(season, [selectors.tracked_for(season, pk)])
        context = {**_row_context(season), "row": row, "announce": done}
        return render(request, "season/partials/tracker_row.html", context)
    messages.success(request, done)
    return redirect(back)


def _row_context(season) -> dict:
    """What a tracker row needs besides the row itself."""
    return {
        "statuses": Status.choices,
        "signal_levels": SignalLevel.choices,
        "letters": list(season.letters.all()),
        "statements": list(season.statements.all()),
        "letters_max": current_rules().letters_max,
    }


class InterviewForm(forms.Form):
    program = forms.IntegerField(min_value=1)
    starts_local = forms.DateTimeField(
        label="Date and time (your time zone)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    respond_by = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    virtual = forms.BooleanField(required=False)
    city = forms.CharField(max_length=100, required=False)


@login_required
@require_POST
def season_interview_add(request: HttpRequest) -> HttpResponse:
    season = _season(request)
    form = InterviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a program and a date and time.")
        return redirect("season_interviews")
    tracked = selectors.tracked_for(season, form.cleaned_data["program"])
    zone = ZoneInfo(season.time_zone)
    starts = timezone.make_naive(form.cleaned_data["starts_local"]).replace(tzinfo=zone)
    try:
        services.interview_add(
            tracked,
            offered=[starts],
            starts_at=starts,
            virtual=form.cleaned_data["virtual"],
            city=form.cleaned_data["city"],
            respond_by=form.cleaned_data["respond_by"],
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Interview with {tracked.name} saved.")
    return redirect("season_interviews")
