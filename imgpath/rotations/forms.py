"""Forms render and parse; the rules live in the models and services."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, cast

from django import forms
from django.db import models

from imgpath.accounts.models import User
from imgpath.rotations.choices import (
    APPLICANT_CANCEL_REASONS,
    CancelReason,
    Decision,
    DocumentType,
    LetterStatus,
    OfferingKind,
    PaymentStatus,
    Specialty,
    USState,
)
from imgpath.rotations.models import Document, HostProfile, Offering, Site
from imgpath.rotations.models.offerings import MAX_FEE_USD, MAX_SEATS

ACCEPT_FILES = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
_any = [("", "Any")]


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class SearchForm(forms.Form):
    """Filters read from the URL; a filter that does not parse is ignored, never an error page."""

    specialty = forms.ChoiceField(choices=_any + Specialty.choices, required=False)
    state = forms.ChoiceField(choices=_any + USState.choices, required=False)
    kind = forms.ChoiceField(label="Type", choices=_any + OfferingKind.choices, required=False)
    month = forms.CharField(
        label="Month",
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
        help_text="Sessions running during this month.",
    )
    min_price = forms.IntegerField(
        label="Price from (USD)", required=False, min_value=0, max_value=MAX_FEE_USD
    )
    max_price = forms.IntegerField(
        label="Price up to (USD)", required=False, min_value=0, max_value=MAX_FEE_USD
    )
    free = forms.BooleanField(label="Free only", required=False)
    hands_on = forms.BooleanField(label="Hands-on only", required=False)
    letter = forms.BooleanField(label="Letter of recommendation possible", required=False)

    def clean_month(self) -> date | None:
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if not match or not 1 <= int(match[2]) <= 12 or not 2000 <= int(match[1]) <= 2100:
            raise forms.ValidationError("Use a month such as 2027-03.")
        return date(int(match[1]), int(match[2]), 1)

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {k: v for k, v in data.items() if v not in (None, "")}


def _https_urls(field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class HostProfileForm(forms.ModelForm):
    specialties = forms.MultipleChoiceField(
        choices=Specialty.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = HostProfile
        fields = ["kind", "name", "about", "credentials", "website", "specialties"]
        formfield_callback = _https_urls
        labels = {"kind": "You are a", "about": "About you or your institution"}
        widgets = {"about": _textarea(), "credentials": _textarea(3)}


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = ["name", "street", "city", "state", "postal_code"]
        labels = {"name": "Site name"}


class OfferingForm(forms.ModelForm):
    required_documents = forms.MultipleChoiceField(
        label="Documents applicants must send",
        choices=DocumentType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    cost_items = forms.CharField(
        label="Itemized costs",
        required=False,
        widget=_textarea(3),
        help_text=(
            "One cost per line as “label: amount”, e.g. “Hospital badge: 50”. Required for a "
            "not-for-profit observership that charges anything; the lines must add up to the fee."
        ),
    )

    sections = [
        ("What you offer", ["kind", "specialty", "site", "title", "description", "typical_day"]),
        (
            "Eligibility and supervision",
            ["audience", "hands_on", "requires_step1", "required_documents", "preceptor"],
        ),
        ("After booking", ["onboarding_steps", "letter_possible"]),
        ("Price", ["fee_usd", "fee_covers", "cost_items"]),
        (
            "Cancellation and refunds",
            [
                "deposit_usd",
                "full_refund_days_before",
                "late_refund_percent",
                "visa_denial_full_refund",
                "policy_notes",
            ],
        ),
    ]

    class Meta:
        model = Offering
        fields = [
            "kind",
            "specialty",
            "site",
            "title",
            "description",
            "typical_day",
            "audience",
            "hands_on",
            "requires_step1",
            "required_documents",
            "preceptor",
            "onboarding_steps",
            "letter_possible",
            "fee_usd",
            "fee_covers",
            "cost_items",
            "deposit_usd",
            "full_refund_days_before",
            "late_refund_percent",
            "visa_denial_full_refund",
            "policy_notes",
        ]
        labels = {"kind": "Type of experience"}
        help_texts = {
            "kind": (
                "Observership: observation only. Not-for-profit observership: run by volunteer "
                "physicians, free or itemized actual costs only. Externship: hands-on for "
                "graduates. Clerkship: for current students, through their school."
            )
        }
        widgets = {
            "kind": forms.RadioSelect,
            "description": _textarea(5),
            "typical_day": _textarea(4),
            "onboarding_steps": _textarea(3),
            "fee_covers": _textarea(2),
            "policy_notes": _textarea(2),
        }

    def __init__(self, *args: Any, host: HostProfile, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        site = cast(forms.ModelChoiceField, self.fields["site"])
        site.queryset = host.sites.all()
        site.empty_label = None
        cast(forms.ChoiceField, self.fields["kind"]).choices = OfferingKind.choices
        self.initial["cost_items"] = "\n".join(
            f"{item['label']}: {item['usd']}" for item in self.instance.cost_items or []
        )

    def clean_cost_items(self) -> list[dict[str, Any]]:
        items = []
        for line in self.cleaned_data["cost_items"].splitlines():
            if not line.strip():
                continue
            match = re.fullmatch(r"\s*(.+?)\s*:\s*\$?\s*(\d{1,6})\s*", line)
            if not match:
                raise forms.ValidationError(f"Write “{line.strip()}” as “label: amount”.")
            items.append({"label": match[1][:100], "usd": int(match[2])})
        return items

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.sections]


class SessionForm(forms.Form):
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    seats = forms.IntegerField(min_value=1, max_value=MAX_SEATS, initial=2)


class SessionUpdateForm(forms.Form):
    seats = forms.IntegerField(min_value=0, max_value=MAX_SEATS)
    is_open = forms.BooleanField(label="Taking applications", required=False)


class ApplyForm(forms.Form):
    """A statement, and each required document: from the vault, or uploaded now into it."""

    statement = forms.CharField(
        label="Your statement to the host",
        max_length=2000,
        widget=_textarea(5),
        help_text="A few lines: where you studied, what you hope to learn, your dates.",
    )

    def __init__(self, *args: Any, offering: Offering, applicant: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.required_codes = list(offering.required_documents)
        for code in self.required_codes:
            self._add_document_fields(code, applicant)

    def _add_document_fields(self, code: str, applicant: User) -> None:
        label = DocumentType(code).label
        stored = Document.objects.filter(owner=applicant, doc_type=code)
        file_widget = forms.ClearableFileInput(attrs={"accept": ACCEPT_FILES})
        if stored.exists():
            self.fields[f"doc_{code}"] = forms.ModelChoiceField(
                queryset=stored, label=f"{label} from your vault", empty_label=None
            )
            self.fields[f"upload_{code}"] = forms.FileField(
                label=f"Or upload a new {label}", required=False, widget=file_widget
            )
        else:
            self.fields[f"upload_{code}"] = forms.FileField(
                label=f"{label} (PDF, JPEG or PNG)",
                widget=file_widget,
                help_text="Saved to your private document vault for next time.",
            )


class DocumentUploadForm(forms.Form):
    doc_type = forms.ChoiceField(label="Document type", choices=DocumentType.choices)
    file = forms.FileField(
        label="File (PDF, JPEG or PNG)",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_FILES}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect)
    message = forms.CharField(
        label="Message to the applicant (optional)",
        required=False,
        max_length=2000,
        widget=_textarea(3),
    )


class CancelForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why are you cancelling?",
        choices=[(r.value, r.label) for r in APPLICANT_CANCEL_REASONS],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note to the host (optional)", required=False, max_length=2000, widget=_textarea(2)
    )


class HostCancelForm(forms.Form):
    reason = forms.CharField(widget=forms.HiddenInput, initial=CancelReason.HOST_CANCELLED)
    note = forms.CharField(label="Tell the applicant why", max_length=2000, widget=_textarea(2))


class CompleteForm(forms.Form):
    evaluation = forms.CharField(
        label="Evaluation of the applicant",
        max_length=5000,
        widget=_textarea(4),
        help_text="Attendance, professionalism, what they did well. The applicant can read it.",
    )


class PaymentForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(PaymentStatus.PAID.value, "paid"), (PaymentStatus.REFUNDED.value, "refunded")],
        widget=forms.HiddenInput,
    )
    amount_usd = forms.IntegerField(
        label="Amount refunded (USD)", required=False, min_value=1, max_value=MAX_FEE_USD
    )


class ChecklistForm(forms.Form):
    done = forms.BooleanField(required=False)


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        coerce=int,
        choices=[
            (5, "5 — excellent"),
            (4, "4 — good"),
            (3, "3 — fair"),
            (2, "2 — poor"),
            (1, "1 — very poor"),
        ],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label="Your review",
        max_length=3000,
        widget=_textarea(4),
        help_text="Shown publicly as a verified review, without your name.",
    )


class LetterRequestForm(forms.Form):
    note = forms.CharField(
        label="Note to the host (optional)",
        required=False,
        max_length=2000,
        widget=_textarea(2),
        help_text="e.g. your ERAS Letter ID and the specialty the letter is for.",
    )


class LetterUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="Letter status",
        choices=[
            (LetterStatus.AGREED.value, "I agree to write it"),
            (LetterStatus.SUBMITTED.value, "I have submitted it (e.g. through the ERAS portal)"),
            (LetterStatus.DECLINED.value, "I cannot write it"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note to the applicant (optional)",
        required=False,
        max_length=2000,
        widget=_textarea(2),
    )
