"""Forms of the programs pages; the search form yields the same filters the API builds."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from imgpath.core.widgets import FastSelect
from imgpath.programs import filters as f
from imgpath.programs.geo import STATE_NAMES, Region
from imgpath.programs.policy import SPECS

ANY = [("", "Any")]


PER_PAGE_CHOICES = [(10, "10"), (25, "25"), (50, "50"), (100, "100")]


def _number(label: str, bounds: tuple[int, int], help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=bounds[0], max_value=bounds[1], help_text=help_text
    )


def _choice(label: str, choices, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=ANY + list(choices),
        help_text=help_text,
        widget=FastSelect,
    )


class ProgramSearchForm(forms.Form):
    q = forms.CharField(
        label="Words",
        required=False,
        max_length=f.MAX_QUERY_LENGTH,
        help_text="Program, institution, city or program number.",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    specialty = forms.ChoiceField(label="Specialty", required=False, widget=FastSelect)
    position = _choice("Position type", f.Position.choices, "From the program's NRMP codes.")
    state = _choice("State", sorted((code, name) for code, name in STATE_NAMES.items()))
    region = _choice("Census region", Region.choices)
    near = forms.CharField(
        label="Near city",
        required=False,
        max_length=110,
        help_text="Start typing and pick a program city, e.g. “Chicago, IL”.",
        widget=forms.TextInput(attrs={"list": "program-cities", "autocomplete": "off"}),
    )
    radius = forms.IntegerField(
        label="Within (miles)",
        required=False,
        initial=f.DEFAULT_RADIUS,
        min_value=f.RADIUS_MILES[0],
        max_value=f.RADIUS_MILES[1],
        widget=FastSelect(choices=[(r, f"{r} miles") for r in f.RADIUS_CHOICES]),
    )
    accepts_imgs = _choice("Considers IMGs", f.Answer.choices)
    j1 = _choice("Sponsors J-1", f.Answer.choices)
    h1b = _choice("Sponsors H-1B", f.Answer.choices)
    h1b_evidence = forms.BooleanField(
        label="Institution has H-1B evidence",
        required=False,
        help_text="Federal filings (DOL LCAs, USCIS approvals) by the sponsoring institution: "
        "evidence, not the program's policy.",
    )
    graduation_year = _number("My graduation year", f.GRADUATION_YEAR)
    yog = _choice("Year-of-graduation limit", f.Meets.choices)
    my_attempts = _number("My most attempts on a Step", f.ATTEMPTS, "Every sitting counts.")
    attempts = _choice("USMLE attempt limit", f.Meets.choices)
    my_step2ck = _number("My Step 2 CK score", f.STEP2CK)
    step2ck = _choice("Minimum Step 2 CK", f.Meets.choices)
    usce_hands_on = _number("Hands-on US months", f.USCE_MONTHS)
    usce_observership = _number("Observership months", f.USCE_MONTHS)
    usce = _choice("US experience required", f.Meets.choices)
    sort = forms.ChoiceField(
        label="Sort by", required=False, choices=f.Sort.choices, widget=FastSelect
    )
    per_page = forms.TypedChoiceField(
        label="Per page",
        required=False,
        coerce=int,
        choices=PER_PAGE_CHOICES,
        empty_value=None,
        initial=f.DEFAULT_PER_PAGE,
        widget=FastSelect,
    )
    page = forms.IntegerField(
        required=False, min_value=1, max_value=f.MAX_PAGE, widget=forms.HiddenInput
    )

    DEFAULTS = {
        "radius": str(f.DEFAULT_RADIUS),
        "per_page": str(f.DEFAULT_PER_PAGE),
        "sort": f.Sort.NAME,
    }

    def __init__(self, data=None, *, specialties: list[tuple[str, str]] | None = None, **kwargs):
        # Selects show their first option when a value is missing; bind the real defaults.
        if data is not None:
            data = data.copy()
            for name, value in self.DEFAULTS.items():
                if not data.get(name):
                    data[name] = value
        super().__init__(data, **kwargs)
        cast(forms.ChoiceField, self.fields["specialty"]).choices = ANY + list(specialties or [])

    def clean(self):
        cleaned = super().clean()
        for name, message in f.filter_problems(self.to_filters(cleaned)):
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned

    @staticmethod
    def to_filters(cleaned: dict) -> f.SearchFilters:
        values: dict[str, Any] = {
            name: cleaned.get(name) for name in f.SearchFilters.__dataclass_fields__
        }
        values = {k: v for k, v in values.items() if v not in (None, "")}
        return f.SearchFilters(**values)

    @property
    def filters(self) -> f.SearchFilters:
        return self.to_filters(self.cleaned_data)


FIELD_CHOICES = [(spec.key, spec.label) for spec in SPECS.values()]
VALUE_HELP = (
    "yes, no, a number, a date (YYYY-MM-DD) or a web address, as the question allows; "
    "for limits, “no” means no limit."
)


class CommunityReportForm(forms.Form):
    field = forms.ChoiceField(label="Question", choices=FIELD_CHOICES)
    value = forms.CharField(label="What you found", max_length=500, help_text=VALUE_HELP)
    source_url = forms.URLField(
        label="Link to where you read it", required=False, max_length=500, assume_scheme="https"
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How you know (e.g. “asked the coordinator by email, March 2026”). "
        "A link or a note is required.",
    )


class RepresentativeLedgerForm(CommunityReportForm):
    field = forms.ChoiceField(label="Question", choices=FIELD_CHOICES)
    value = forms.CharField(
        label="The program's answer", max_length=500, help_text=VALUE_HELP + " “unknown” clears it."
    )
    note = forms.CharField(
        label="Note", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ClaimForm(forms.Form):
    role_title = forms.CharField(label="Your role at the program", max_length=120)
    evidence = forms.CharField(
        label="How staff can verify you",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example your institutional email address or the program page listing you.",
    )


class SavedProgramForm(forms.Form):
    note = forms.CharField(
        label="Note", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    tags = forms.CharField(
        label="Tags", required=False, max_length=400, help_text="Separate tags with commas."
    )
