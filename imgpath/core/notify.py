"""Email people about what happened, once the change is committed.

Services call `email_after_commit`; if the transaction rolls back, nobody
hears about a change that never happened.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.template.loader import render_to_string

from imgpath.core.tasks import send_email
from imgpath.core.template_choices import template_choices


def email_after_commit(
    *, recipients: list[str], subject: str, template: str, context: dict[str, Any]
) -> None:
    """Render `template` (plain text) now and enqueue the email for after commit."""
    addresses = sorted({r for r in recipients if r})
    if not addresses:
        return
    body = render_to_string(template, {**template_choices(), **context})
    transaction.on_commit(
        lambda: send_email.enqueue(recipients=addresses, subject=subject, body=body)
    )
