"""Letters and personal statements pages: the mix check per specialty, versions and diffs."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from imgpath.core.errors import ServiceError
from imgpath.engines.season import check_letter_mix, check_statement, diff_versions
from imgpath.season import selectors, services
from imgpath.season.rules import current_rules
from imgpath.season.views import _season


class LetterForm(forms.Form):
    writer_name = forms.CharField(max_length=200)
    writer_title = forms.CharField(max_length=200, required=False)
    specialty = forms.CharField(max_length=60, required=False)
    us_physician = forms.BooleanField(required=False, label="The writer is a U.S. physician")
    us_clinical = forms.BooleanField(required=False, label="From U.S. clinical experience")
    specialty_letter = forms.BooleanField(
        required=False, label="A specialty's standardized letter (such as the SLOE)"
    )
    waived = forms.BooleanField(required=False, initial=True, label="I waived my right to see it")
    requested_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    received_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


class StatementForm(forms.Form):
    title = forms.CharField(max_length=200)
    specialty = forms.CharField(max_length=60, required=False)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=40_000)


class VersionForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=40_000)


class DiffForm(forms.Form):
    old = forms.IntegerField(min_value=1)
    new = forms.IntegerField(min_value=1)


@login_required
@require_GET
def documents(request: HttpRequest) -> HttpResponse:
    season = _season(request)
    rules = current_rules()
    letters = list(season.letters.prefetch_related("programs"))
    specialties = sorted(
        {t.specialty for t in season.programs.all()} | {x.specialty for x in letters if x.specialty}
    )
    mixes = [
        (
            specialty,
            check_letter_mix(
                [selectors.letter_facts(x) for x in letters if x.specialty == specialty],
                specialty,
                rules,
            ),
        )
        for specialty in specialties
    ]
    statements = []
    for statement in season.statements.prefetch_related("versions"):
        versions = list(statement.versions.all())
        latest = versions[-1] if versions else None
        check = check_statement(latest.text, rules) if latest else None
        statements.append((statement, versions, check, latest))
    context = {
        "season": season,
        "letters": letters,
        "mixes": mixes,
        "statements": statements,
        "letter_form": LetterForm(auto_id="letter_%s"),
        "statement_form": StatementForm(auto_id="statement_%s"),
        "rules": rules,
    }
    return render(request, "season/documents.html", context)


@login_required
@require_POST
def letter_add(request: HttpRequest) -> HttpResponse:
    season = _season(request)
    form = LetterForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the writer's name; dates as YYYY-MM-DD.")
        return redirect("season_documents")
    try:
        services.letter_create(season, **form.cleaned_data)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Letter from {form.cleaned_data['writer_name']} added.")
    return redirect("season_documents")


@login_required
@require_POST
def statement_add(request: HttpRequest) -> HttpResponse:
    season = _season(request)
    form = StatementForm(request.POST)
    if form.is_valid():
        services.statement_create(season, **form.cleaned_data)
        messages.success(request, "Statement saved as version 1.")
    else:
        messages.error(request, "Give a title and the text.")
    return redirect("season_documents")


@login_required
@require_POST
def version_add(request: HttpRequest, pk: int) -> HttpResponse:
    statement = selectors.statement_for(_season(request), pk)
    form = VersionForm(request.POST)
    if form.is_valid():
        version = services.statement_version_add(statement, text=form.cleaned_data["text"])
        messages.success(request, f"Saved version {version.number}.")
    else:
        messages.error(request, "The text is missing or far too long.")
    return redirect("season_documents")


@login_required
@require_GET
def statement_diff(request: HttpRequest, pk: int) -> HttpResponse:
    statement = selectors.statement_for(_season(request), pk)
    form = DiffForm(request.GET)
    texts = {v.number: v.text for v in statement.versions.all()}
    if not form.is_valid():
        return HttpResponse("Choose two versions.", status=400, content_type="text/plain")
    old, new = form.cleaned_data["old"], form.cleaned_data["new"]
    if old not in texts or new not in texts:
        raise Http404
    context = {
        "statement": statement,
        "old": old,
        "new": new,
        "lines": diff_versions(texts[old], texts[new]),
        "numbers": sorted(texts),
    }
    return render(request, "season/diff.html", context)
