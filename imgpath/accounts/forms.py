from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest

from imgpath.accounts.models import Role, User
from imgpath.accounts.services import user_set_role_at_signup

ROLE_CHOICES = [
    (
        Role.APPLICANT.value,
        "I am an international medical graduate or student on the way to US practice",
    ),
    (Role.HOST.value, "I offer observerships, externships or rotations (physician or institution)"),
    (Role.MENTOR.value, "I want to mentor IMGs"),
]


class SignupDetailsForm(forms.Form):
    """Extra sign-up fields; allauth calls `signup` after creating the user."""

    name = forms.CharField(
        max_length=150,
        label="Your name",
        help_text="As you would like others to see it, in any format.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    role = forms.ChoiceField(
        choices=ROLE_CHOICES,
        initial=Role.APPLICANT.value,
        widget=forms.RadioSelect,
        label="How will you use IMGPath?",
        help_text=(
            "Host and mentor accounts can be used at once and are listed publicly "
            "after staff review."
        ),
    )

    field_order = ["name", "email", "password1", "password2", "role"]

    def signup(self, request: HttpRequest, user: User) -> None:
        user_set_role_at_signup(
            user=user, role=self.cleaned_data["role"], name=self.cleaned_data["name"]
        )


class NameForm(forms.Form):
    name = forms.CharField(max_length=150, label="Your name")


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=80,
        label="Token name",
        help_text="What will use it, e.g. “my spreadsheet script”.",
    )


class DeleteAccountForm(forms.Form):
    confirm_email = forms.EmailField(
        label="Type your email address to confirm",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm_email(self) -> str:
        email = self.cleaned_data["confirm_email"].strip().lower()
        if email != self.user.email.lower():
            raise forms.ValidationError("This is not the email address of this account.")
        return email
