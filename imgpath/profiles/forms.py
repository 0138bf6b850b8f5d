"""The profile page's forms, one per section, and their mapping to the profile document.

Forms only collect values; the profile document is checked by the engine's parser
(`parse_profile`) when the service saves it, so the page and the API refuse the same things.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django import forms

from imgpath.core.widgets import FastSelectsForm
from imgpath.engines.profile import (
    SPECIALTIES,
    US_STATES,
    CurrentVisa,
    ExamStatus,
    ExperienceKind,
    Location,
    PathwaysStatus,
    UsStatus,
    VisaPreference,
)
from imgpath.engines.profile.labels import choices
from imgpath.profiles.countries import country_choices

TRI_STATE = [("", "Not sure / not yet"), ("yes", "Yes"), ("no", "No")]
BLANK = ("", "—")
EXAM_STATUS = [BLANK, *choices(ExamStatus)]
US_STATUS = [BLANK, *choices(UsStatus)]
CURRENT_VISA = [BLANK, *choices(CurrentVisa)]
LOCATION = [BLANK, *choices(Location)]
VISA_PREFERENCE = [BLANK, *choices(VisaPreference)]
PATHWAYS = [BLANK, *choices(PathwaysStatus)]
EXPERIENCE_KINDS = choices(ExperienceKind)
PROGRESS_LABELS = {
    "program_list_ready": "My program list is ready",
    "personal_statement_ready": "My personal statement is written",
    "letters_ready": "My letters of recommendation are uploaded",
    "eras_submitted": "My ERAS application is submitted",
    "nrmp_registered": "I registered for the NRMP Match",
    "rank_list_certified": "My rank order list is certified",
    "matched": "I matched",
}
USMLE_SECTIONS = {
    "usmle_step1": "USMLE Step 1",
    "usmle_step2ck": "USMLE Step 2 CK",
    "usmle_step3": "USMLE Step 3",
}


def _tri(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=TRI_STATE, required=False, help_text=help_text, empty_value=""
    )


def _year(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=1950, max_value=2100, help_text=help_text
    )


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def _tri_to_bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _by_label(codes: Mapping[str, str]) -> list[tuple[str, str]]:
    """Choices in the order people read them: by label, not by code."""
    return sorted(codes.items(), key=lambda item: item[1])


def _bool_to_tri(value: bool | None) -> str:
    answers: dict[bool | None, str] = {True: "yes", False: "no"}
    return answers.get(value, "")


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    """Drop empty answers: an unanswered question is unknown, not false."""
    return {k: v for k, v in mapping.items() if v not in (None, "", [], {})}


class StatusForm(FastSelectsForm):
    citizenship_1 = forms.ChoiceField(
        label="Citizenship", choices=country_choices(), required=False
    )
    citizenship_2 = forms.ChoiceField(
        label="Second citizenship", choices=country_choices(blank="None"), required=False
    )
    us_status = forms.ChoiceField(label="US status", choices=US_STATUS, required=False)
    current_visa = forms.ChoiceField(label="Current US visa", choices=CURRENT_VISA, required=False)
    current_location = forms.ChoiceField(
        label="Where are you now?", choices=LOCATION, required=False
    )
    visa_preference = forms.ChoiceField(
        label="Visa for residency",
        choices=VISA_PREFERENCE,
        required=False,
        help_text="Which visa you want programs to sponsor, if you need one.",
    )

    def to_document(self) -> dict[str, Any]:
        data = self.cleaned_data
        citizenships = [c for c in (data["citizenship_1"], data["citizenship_2"]) if c]
        return _compact(
            {
                "citizenships": citizenships,
                "us_status": data["us_status"],
                "current_visa": data["current_visa"],
                "current_location": data["current_location"],
                "visa_preference": data["visa_preference"],
            }
        )

    @staticmethod
    def initial_from(doc: dict[str, Any]) -> dict[str, Any]:
        citizenships = [*list(doc.get("citizenships") or []), "", ""]
        return {
            "citizenship_1": citizenships[0],
            "citizenship_2": citizenships[1],
            **{
                k: doc.get(k, "")
                for k in ("us_status", "current_visa", "current_location", "visa_preference")
            },
        }


class SchoolForm(FastSelectsForm):
    name = forms.CharField(label="Medical school", max_length=200, required=False)
    country = forms.ChoiceField(
        label="Country of the school", choices=country_choices(), required=False
    )
    ecfmg_sponsor_note = _tri(
        "Does the school have an ECFMG note in the World Directory (wdoms.org)?",
        "Look up your school's “Sponsor Notes” tab on the World Directory of Medical Schools.",
    )
    graduated = _tri("Have you graduated?")
    graduation_year = _year("Graduation year", "The year you graduated, or expect to graduate.")
    diploma_verified = _tri("Has ECFMG verified your final diploma?")

    def to_document(self) -> dict[str, Any]:
        data = self.cleaned_data
        return _compact(
            {
                "name": data["name"].strip(),
                "country": data["country"],
                "ecfmg_sponsor_note": _tri_to_bool(data["ecfmg_sponsor_note"]),
                "graduated": _tri_to_bool(data["graduated"]),
                "graduation_year": data["graduation_year"],
                "diploma_verified": _tri_to_bool(data["diploma_verified"]),
            }
        )

    @staticmethod
    def initial_from(doc: dict[str, Any]) -> dict[str, Any]:
        school = doc.get("medical_school") or {}
        return {
            "name": school.get("name", ""),
            "country": school.get("country", ""),
            "graduation_year": school.get("graduation_year"),
            **{
                k: _bool_to_tri(school.get(k))
                for k in ("ecfmg_sponsor_note", "graduated", "diploma_verified")
            },
        }


class UsmleForm(FastSelectsForm):
    status = forms.ChoiceField(label="Status", choices=EXAM_STATUS, required=False)
    attempts = forms.IntegerField(
        label="Attempts so far",
        required=False,
        min_value=0,
        max_value=10,
        help_text="Every sitting, the passing one included.",
    )
    date = _date("Date of the latest sitting")
    score = forms.IntegerField(label="Score", required=False, min_value=1, max_value=300)

    def __init__(self, *args: Any, exam: str, **kwargs: Any) -> None:
        super().__init__(*args, prefix=exam, **kwargs)
        self.exam = exam
        self.title = USMLE_SECTIONS[exam]
        if exam == "usmle_step1":
            # Step 1 has been reported pass/fail since 26 January 2022.
            self.fields["score"].help_text = "Three-digit score, only for exams before 26 Jan 2022."

    def to_document(self) -> dict[str, Any]:
        data = self.cleaned_data
        return _compact(
            {
                "status": data["status"],
                "attempts": data["attempts"],
                "date": data["date"].isoformat() if data["date"] else None,
                "score": data["score"],
            }
        )

    @staticmethod
    def initial_from(doc: dict[str, Any], exam: str) -> dict[str, Any]:
        return dict((doc.get("exams") or {}).get(exam) or {})


class OetForm(FastSelectsForm):
    status = forms.ChoiceField(label="Status", choices=EXAM_STATUS, required=False)
    date = _date("Test date")
    listening = forms.IntegerField(label="Listening", required=False, min_value=0, max_value=500)
    reading = forms.IntegerField(label="Reading", required=False, min_value=0, max_value=500)
    writing = forms.IntegerField(label="Writing", required=False, min_value=0, max_value=500)
    speaking = forms.IntegerField(label="Speaking", required=False, min_value=0, max_value=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="oet", **kwargs)

    def to_document(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["date"] = data["date"].isoformat() if data["date"] else None
        return _compact(data)

    @staticmethod
    def initial_from(doc: dict[str, Any]) -> dict[str, Any]:
        return dict((doc.get("exams") or {}).get("oet") or {})


class CertificationForm(FastSelectsForm):
    pathways = forms.ChoiceField(
        label="ECFMG Pathway (clinical and communication skills)", choices=PATHWAYS, required=False
    )
    ecfmg_certified = _tri("Are you ECFMG certified?")
    ecfmg_certified_date = _date("Date of your ECFMG certificate")
    licensed_abroad = _tri("Do you hold a licence to practise medicine outside the US?")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("ecfmg_certified_date") and data.get("ecfmg_certified") != "yes":
            self.add_error(
                "ecfmg_certified_date", "Give a certificate date only if you are certified."
            )
        return data

    def to_document(self) -> dict[str, Any]:
        data = self.cleaned_data
        certified_date = data["ecfmg_certified_date"]
        return _compact(
            {
                "pathways": data["pathways"],
                "ecfmg_certified": _tri_to_bool(data["ecfmg_certified"]),
                "ecfmg_certified_date": certified_date.isoformat() if certified_date else None,
                "licensed_abroad": _tri_to_bool(data["licensed_abroad"]),
            }
        )

    @staticmethod
    def initial_from(doc: dict[str, Any]) -> dict[str, Any]:
        return {
            "pathways": doc.get("pathways", ""),
            "ecfmg_certified": _bool_to_tri(doc.get("ecfmg_certified")),
            "ecfmg_certified_date": doc.get("ecfmg_certified_date"),
            "licensed_abroad": _bool_to_tri(doc.get("licensed_abroad")),
        }


class ExperienceForm(FastSelectsForm):
    kind = forms.ChoiceField(label="Kind", choices=[("", "—"), *EXPERIENCE_KINDS], required=False)
    months = forms.DecimalField(
        label="Months", required=False, min_value=0, max_value=600, decimal_places=1
    )
    country = forms.ChoiceField(label="Country", choices=country_choices(), required=False)
    specialty = forms.ChoiceField(label="Specialty", required=False)
    start_date = _date("From")
    end_date = _date("To")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        specialty = cast(forms.ChoiceField, self.fields["specialty"])
        specialty.choices = [("", "—"), *SPECIALTIES.items()]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        filled = any(data.get(k) not in (None, "") for k in self.fields if k != "DELETE")
        if filled and not data.get("kind"):
            self.add_error("kind", "Choose what kind of experience this was.")
        return data

    def to_document(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data.get("kind") or data.get("DELETE"):
            return None
        months = data["months"]
        return _compact(
            {
                "kind": data["kind"],
                "months": (int(months) if months == int(months) else float(months))
                if months is not None
                else None,
                "country": data["country"],
                "specialty": data["specialty"],
                "start_date": data["start_date"].isoformat() if data["start_date"] else None,
                "end_date": data["end_date"].isoformat() if data["end_date"] else None,
            }
        )


ExperienceFormSet = forms.formset_factory(ExperienceForm, extra=1, can_delete=True, max_num=50)


class TargetsForm(FastSelectsForm):
    specialties = forms.MultipleChoiceField(
        label="Specialties you are applying to", required=False, widget=forms.CheckboxSelectMultiple
    )
    states = forms.MultipleChoiceField(
        label="States where you want to train and practise",
        required=False,
        choices=_by_label(US_STATES),
        widget=forms.CheckboxSelectMultiple,
    )
    match_year = _year("Match year you are aiming for", "The March of the Match, e.g. 2027.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["specialties"]).choices = _by_label(SPECIALTIES)

    def to_document(self) -> dict[str, Any]:
        return _compact(dict(self.cleaned_data))

    @staticmethod
    def initial_from(doc: dict[str, Any]) -> dict[str, Any]:
        return dict(doc.get("targets") or {})


class ProgressForm(FastSelectsForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="progress", **kwargs)
        for name, label in PROGRESS_LABELS.items():
            self.fields[name] = forms.BooleanField(label=label, required=False)

    def to_document(self) -> dict[str, Any]:
        # Unticked means "not yet": only what is done is recorded.
        return {name: True for name, done in self.cleaned_data.items() if done}

    @staticmethod
    def initial_from(doc: dict[str, Any]) -> dict[str, Any]:
        return dict(doc.get("progress") or {})


class ProfileImportForm(FastSelectsForm):
    file = forms.FileField(
        label="Profile file (JSON)",
        help_text="A file downloaded from IMGPath, or written by hand in the same format.",
    )
