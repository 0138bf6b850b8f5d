from __future__ import annotations

from django import forms
from django.utils import timezone


class FactReviewForm(forms.Form):
    fact_id = forms.CharField(widget=forms.HiddenInput, max_length=120)
    checked_on = forms.DateField(
        label="Checked on",
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,
    )
    note = forms.CharField(
        label="What you checked",
        max_length=500,
        required=False,
        help_text="E.g. “ECFMG page unchanged; thresholds still 350/350/300/350”.",
    )

    def clean_checked_on(self):
        checked_on = self.cleaned_data["checked_on"]
        if checked_on > timezone.localdate():
            raise forms.ValidationError("A check cannot be in the future.")
        return checked_on
