from __future__ import annotations

from typing import cast

from django import forms

from imgpath.engines.fact_changes import PHASE_OF_TOPIC
from imgpath.engines.rules.countries import country_name

PHASE_LABELS = {
    "ecfmg_certification": "ECFMG Certification",
    "clinical_experience": "U.S. clinical experience",
    "residency_application": "Residency application",
    "match": "The Match",
    "licensure": "Licensure",
    "immigration": "Immigration",
}


class ChangeFilterForm(forms.Form):
    phase = forms.ChoiceField(required=False, label="Phase")
    country = forms.ChoiceField(required=False, label="Country named")

    def __init__(self, *args, countries: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        phases = sorted(set(PHASE_OF_TOPIC.values()), key=list(PHASE_LABELS).index)
        cast(forms.ChoiceField, self.fields["phase"]).choices = [("", "All phases")] + [
            (phase, PHASE_LABELS[phase]) for phase in phases
        ]
        named = sorted(((code, country_name(code)) for code in countries), key=lambda c: c[1])
        cast(forms.ChoiceField, self.fields["country"]).choices = [("", "All countries"), *named]


class PublishForm(forms.Form):
    summary = forms.CharField(
        label="Summary for applicants",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text="What changed and why, in plain words. Applicants read this in the app and "
        "in their email.",
    )


class EmailPreferenceForm(forms.Form):
    email_rule_changes = forms.BooleanField(
        required=False, label="Email me when a rule that affects my roadmap changes"
    )
