"""Helpers every rotations service shares: today's date, permission checks, events, emails."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.core.navigation import viewer_role
from imgpath.core.notify import email_after_commit
from imgpath.rotations.choices import EventKind
from imgpath.rotations.models import Application, ApplicationEvent, HostProfile

EVENT_TEMPLATE = "rotations/email/application_event.txt"


def today() -> date:
    return timezone.localdate()


def ensure_host_owner(user: User | None, host: HostProfile) -> None:
    """Only the host profile's owner (or staff) may act for it."""
    if user is None or not (user.is_staff or (host.owner_id and host.owner_id == user.pk)):
        raise PermissionDenied("Only this host can do that.")


def ensure_applicant_owner(user: User | None, application: Application) -> None:
    if user is None or application.applicant_id != user.pk:
        raise PermissionDenied("Only the applicant can do that.")


def record_event(
    *, application: Application, kind: str, actor: User | None, message: str = ""
) -> ApplicationEvent:
    role = "system" if actor is None else viewer_role(actor)
    return ApplicationEvent.objects.create(
        application=application, kind=kind, actor=actor, actor_role=role, message=message
    )


def notify_both_sides(*, application: Application, kind: str, message: str = "") -> None:
    """One email to the applicant and one to the host, each with their own link."""
    session = application.session
    offering = session.offering
    context: dict[str, Any] = {
        "application": application,
        "session": session,
        "offering": offering,
        "kind": kind,
        "headline": EventKind(kind).label,
        "message": message,
    }
    subject = f"{EventKind(kind).label}: {offering.title}"
    if application.applicant is not None:
        email_after_commit(
            recipients=[application.applicant.email],
            subject=subject,
            template=EVENT_TEMPLATE,
            context={
                **context,
                "audience": "applicant",
                "link": _link("application_detail", application.pk),
            },
        )
    if offering.host.owner is not None:
        email_after_commit(
            recipients=[offering.host.owner.email],
            subject=subject,
            template=EVENT_TEMPLATE,
            context={
                **context,
                "audience": "host",
                "link": _link("host_application_detail", application.pk),
            },
        )


def _link(url_name: str, pk: int) -> str:
    return settings.SITE_URL + reverse(url_name, args=[pk])
