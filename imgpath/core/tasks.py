"""Background tasks shared by every app (inline unless a worker is configured)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, recipients: list[str], subject: str, body: str) -> int:
    """Send one plain-text email; returns the number sent (0 or 1)."""
    return send_mail(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )
