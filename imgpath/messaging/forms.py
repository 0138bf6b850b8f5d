from __future__ import annotations

from django import forms

from imgpath.messaging.models import MAX_BODY


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Plain text, up to {MAX_BODY} characters. Links become clickable.",
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="What is wrong with this message?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only IMGPath staff read reports. The sender is not told who reported them.",
    )


class EmailSettingsForm(forms.Form):
    email_new_messages = forms.BooleanField(
        label="Email me when someone writes to me (one email per conversation until I read it)",
        required=False,
    )


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("dismiss", "Dismiss the report"),
            ("hide", "Hide the message"),
            ("suspend", "Hide the message and suspend the sender"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="Note (staff only)", required=False, max_length=1000)
