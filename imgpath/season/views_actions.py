"""Tracker actions that change one program or interview: assigning letters and a statement,
choosing an offered interview date, the thank-you note, the season's time zone, and copying
the ranked list into a mock match. Each calls the same service as the API (or matching's),
so the ERAS letter maximum, zone checks and mock-match deadlines hold alike."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from imgpath.accounts.models import User
from imgpath.core.errors import ServiceError
from imgpath.core.http import HtmxHttpRequest
from imgpath.season import mock_copy, selectors, services
from imgpath.season.models import Letter, Statement
from imgpath.season.views import _applicant, _season


class DocumentsForm(forms.Form):
    """Choices limited to the season's own letters and statements."""

    letters = forms.ModelMultipleChoiceField(queryset=Letter.objects.none(), required=False)
    statement = forms.ModelChoiceField(queryset=Statement.objects.none(), required=False)

    def __init__(self, season, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["letters"].queryset = season.letters.all()
        self.fields["statement"].queryset = season.statements.all()


@login_required
@require_POST
def program_documents(request: HttpRequest, pk: int) -> HttpResponse:
    season = _season(request)
    tracked = selectors.tracked_for(season, pk)
    form = DocumentsForm(season, request.POST)
    if not form.is_valid():
        messages.error(request, "Choose letters and a statement from your own.")
        return redirect("season_home")
    try:
        with transaction.atomic():
            ids = [letter.pk for letter in form.cleaned_data["letters"]]
            services.letters_assign(tracked, ids)
            services.statement_assign(tracked, form.cleaned_data["statement"])
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Saved the letters and statement for {tracked.name}.")
    return redirect("season_home")


class ChooseDateForm(forms.Form):
    starts_at = forms.ChoiceField(label="Offered dates")

    def __init__(self, offered: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["starts_at"]).choices = [(m, m) for m in offered]


@login_required
@require_POST
def interview_choose(request: HttpRequest, pk: int) -> HttpResponse:
    interview = selectors.interview_for(_season(request), pk)
    form = ChooseDateForm(interview.offered, request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the offered dates.")
        return redirect("season_interviews")
    starts = dt.datetime.fromisoformat(form.cleaned_data["starts_at"])
    services.interview_update(interview, starts_at=starts)
    messages.success(request, f"Interview date with {interview.tracked.name} chosen.")
    return redirect("season_interviews")


class ThankYouForm(forms.Form):
    sent = forms.TypedChoiceField(choices=[("1", "sent"), ("0", "not sent")], coerce=int)


@login_required
@require_POST
def interview_thank_you(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    interview = selectors.interview_for(_season(request), pk)
    form = ThankYouForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say whether the thank-you note was sent.")
        if request.htmx:  # htmx swaps no 4xx: reload the page, where the message shows
            return HttpResponseClientRedirect(reverse("season_interviews"))
        return redirect("season_interviews")
    sent = bool(form.cleaned_data["sent"])
    services.interview_update(interview, thank_you_sent=sent)
    done = f"Thank-you note to {interview.tracked.name} marked {'sent' if sent else 'unsent'}."
    if request.htmx:  # only the toggle changes: swap it in place and announce the change
        context = {"i": interview, "announce": done}
        return render(request, "season/partials/thank_you.html", context)
    messages.success(request, done)
    return redirect("season_interviews")


class TimeZoneForm(forms.Form):
    time_zone = forms.CharField(max_length=64)


@login_required
@require_POST
def season_time_zone(request: HttpRequest) -> HttpResponse:
    season = _season(request)
    form = TimeZoneForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError("Give a time zone name such as America/Chicago.", field="time_zone")
        services.season_time_zone_set(season, form.cleaned_data["time_zone"])
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Times are now shown in {season.time_zone}.")
    return redirect("season_interviews")


class MockCopyForm(forms.Form):
    cycle = forms.TypedChoiceField(label="Mock match", coerce=int)

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cycles = mock_copy.cycles_to_copy_into(user)
        cast(forms.TypedChoiceField, self.fields["cycle"]).choices = [
            (c.pk, c.title) for c in cycles
        ]


@login_required
@require_POST
def copy_to_mock_match(request: HttpRequest) -> HttpResponse:
    season = _season(request)
    form = MockCopyForm(_applicant(request), request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an open mock match.")
        return redirect("season_home")
    try:
        result = mock_copy.ranked_list_copy(season, form.cleaned_data["cycle"])
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("season_home")
    count = len(result.copied)
    messages.success(
        request,
        f"Copied {count} ranked program{pluralize(count)} in order to your draft rank list in "
        f"“{result.cycle.title}”. Certify it there before its deadline.",
    )
    for name, why in result.skipped:
        messages.warning(request, f"Skipped {name}: {why}.")
    return redirect("season_home")
