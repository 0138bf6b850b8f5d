"""The letter request email: a polite template the applicant edits, sent only when they send
it. Writers are not users; this is the one email IMGPath ever sends them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.tasks import send_email
from imgpath.season import selectors
from imgpath.season.models import Letter
from imgpath.season.views import _season


def default_message(letter: Letter, applicant_name: str) -> tuple[str, str]:
    subject = f"Request for a letter of recommendation from {applicant_name}"
    body = (
        f"Dear {letter.writer_name},\n\n"
        "I am applying to residency programs this season and would be grateful if you would "
        "write a letter of recommendation for me"
        + (f" for {letter.specialty.replace('_', ' ')}" if letter.specialty else "")
        + ". Letters are uploaded through the AAMC Letter Writer Portal; you will receive a "
        "secure link from ERAS once I request the letter there.\n\n"
        "I can send my CV, personal statement and a summary of our work together. Thank you "
        "for considering this.\n\n"
        f"With best regards,\n{applicant_name}"
    )
    return subject, body


class LetterRequestForm(forms.Form):
    writer_email = forms.EmailField(label="Writer's email")
    subject = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}), max_length=5000)


@login_required
def letter_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    season = _season(request)
    letter = selectors.letter_for(season, pk)
    name = request.user.name or request.user.email
    if request.method == "POST":
        form = LetterRequestForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                letter.writer_email = data["writer_email"]
                letter.requested_on = letter.requested_on or timezone.localdate()
                letter.save(update_fields=["writer_email", "requested_on"])
                transaction.on_commit(
                    lambda: send_email.enqueue(
                        recipients=[data["writer_email"]],
                        subject=data["subject"],
                        body=data["body"],
                    )
                )
            messages.success(request, f"Request sent to {letter.writer_name}.")
            return redirect("season_documents")
    else:
        subject, body = default_message(letter, name)
        form = LetterRequestForm(
            initial={"writer_email": letter.writer_email, "subject": subject, "body": body}
        )
    return render(request, "season/letter_request.html", {"letter": letter, "form": form})
