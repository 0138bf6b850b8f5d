from __future__ import annotations

import zoneinfo
from datetime import datetime

from django import forms

from imgpath.engines.rules.codes import US_STATES
from imgpath.mentorship.choices import (
    LANGUAGE_CHOICES,
    SPECIALTY_CHOICES,
    TOPIC_CHOICES,
    SlotKind,
)
from imgpath.mentorship.models import MAX_GOAL, MentorProfile
from imgpath.profiles.countries import country_choices

TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
TZ_CHOICES = [(z, z.replace("_", " ")) for z in TIME_ZONES]


class MentorFilterForm(forms.Form):
    specialty = forms.ChoiceField(required=False, choices=[("", "Any"), *SPECIALTY_CHOICES])
    country = forms.ChoiceField(
        label="Country of graduation", required=False, choices=country_choices(blank="Any")
    )
    language = forms.ChoiceField(required=False, choices=[("", "Any"), *LANGUAGE_CHOICES])
    topic = forms.ChoiceField(
        label="Helps with", required=False, choices=[("", "Any"), *TOPIC_CHOICES]
    )


class RequestForm(forms.Form):
    goal = forms.CharField(
        label="What would you like help with?",
        max_length=MAX_GOAL,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            f"A sentence or two, up to {MAX_GOAL} characters. The mentor sees your name and this."
        ),
    )


class AnswerForm(forms.Form):
    message = forms.CharField(
        label="Message (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MentorProfileForm(forms.ModelForm):
    graduation_country = forms.ChoiceField(required=False, choices=country_choices())
    specialty = forms.ChoiceField(required=False, choices=[("", "—"), *SPECIALTY_CHOICES])
    current_state = forms.ChoiceField(
        label="Current state", required=False, choices=[("", "—"), *US_STATES.items()]
    )
    languages = forms.MultipleChoiceField(
        required=False, choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    topics = forms.MultipleChoiceField(
        label="Topics you help with",
        required=False,
        choices=TOPIC_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    time_zone = forms.ChoiceField(choices=TZ_CHOICES)

    class Meta:
        model = MentorProfile
        fields = [
            "headline", "bio", "graduation_country", "school_name", "graduation_year",
            "specialty", "training_institution", "training_program_acgme_id",
            "current_position", "current_state", "ecfmg_route", "usce_kind", "visa_route",
            "waiver", "alternative_licensure", "languages", "topics", "time_zone",
            "capacity", "paused",
        ]  # fmt: skip
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}


class MenteeSettingsForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label="Languages you speak",
        required=False,
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    time_zone = forms.ChoiceField(
        label="Your time zone",
        choices=TZ_CHOICES,
        help_text="Office hours are shown in this zone.",
    )


class OfficeHourForm(forms.Form):
    title = forms.CharField(max_length=160)
    kind = forms.ChoiceField(
        choices=SlotKind.choices, widget=forms.RadioSelect, initial="one_to_one"
    )
    starts_at = forms.DateTimeField(
        label="Starts",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="In your time zone (below).",
    )
    duration_minutes = forms.IntegerField(
        label="Length (minutes)", min_value=15, max_value=240, initial=30
    )
    capacity = forms.IntegerField(
        label="Seats", min_value=1, max_value=50, initial=1, help_text="One-to-one has one seat."
    )

    def localised_start(self, zone: zoneinfo.ZoneInfo) -> datetime:
        # The browser sends wall-clock time without an offset: read it in the mentor's zone.
        value: datetime = self.cleaned_data["starts_at"]
        return value.replace(tzinfo=None).replace(tzinfo=zone)
