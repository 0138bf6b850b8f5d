"""The outcome report form: interviewed or matched, as whom, on which visa."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from imgpath.programs.models import ApplicantKind, GraduationBand, Outcome, OutcomeVisa, Step2Band
from imgpath.programs.services.outcomes import SEASONS


def _seasons() -> list[tuple[int, str]]:
    latest = timezone.localdate().year + 1
    return [(year, str(year)) for year in range(latest, SEASONS[0] - 1, -1)]


class OutcomeReportForm(forms.Form):
    season = forms.TypedChoiceField(label="Match season", coerce=int, choices=_seasons)
    outcome = forms.ChoiceField(label="What happened", choices=Outcome.choices)
    applicant_kind = forms.ChoiceField(label="I applied as", choices=ApplicantKind.choices)
    visa = forms.ChoiceField(label="Visa", choices=OutcomeVisa.choices)
    graduation_band = forms.ChoiceField(
        label="Years since graduation (optional)",
        required=False,
        choices=[("", "Rather not say"), *GraduationBand.choices],
    )
    step2ck_band = forms.ChoiceField(
        label="Step 2 CK score (optional)",
        required=False,
        choices=[("", "Rather not say"), *Step2Band.choices],
    )
