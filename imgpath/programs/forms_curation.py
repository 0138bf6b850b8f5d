"""The curation form: a value, its source address and the date read, in one step."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from imgpath.programs.forms import FIELD_CHOICES, VALUE_HELP


class CurationValueForm(forms.Form):
    field = forms.ChoiceField(label="Question", choices=FIELD_CHOICES)
    value = forms.CharField(
        label="Value on the program's page",
        max_length=500,
        help_text=VALUE_HELP + " “unknown” records that the page does not say.",
    )
    source_url = forms.URLField(
        label="Address of the page you read", max_length=500, assume_scheme="https"
    )
    read_on = forms.DateField(
        label="Date read",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    verified = forms.BooleanField(
        label="Mark as verified (a second staff member must check it before it shows)",
        required=False,
    )
    note = forms.CharField(label="Note", required=False, max_length=500)
