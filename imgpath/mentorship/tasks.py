"""Background work: the office-hour invitation email with its .ics attached."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_invitation(*, recipients: list[str], subject: str, body: str, ics: str) -> int:
    email = EmailMessage(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    email.attach("office-hour.ics", ics, "text/calendar; method=REQUEST; charset=utf-8")
    return email.send()
