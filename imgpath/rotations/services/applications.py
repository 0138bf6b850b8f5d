"""Applying, withdrawing, and the host's decision on an application."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from imgpath.accounts.models import Role, User
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.profiles.selectors import profile_for
from imgpath.rotations import eligibility
from imgpath.rotations.choices import (
    ACTIVE_APPLICATION_STATUSES,
    PENDING_APPLICATION_STATUSES,
    ApplicationStatus,
    Decision,
    DocumentType,
    EventKind,
)
from imgpath.rotations.models import Application, Booking, Document, Offering, Session
from imgpath.rotations.models.applications import MAX_STATEMENT
from imgpath.rotations.services.bookings import booking_create, overlapping_booking
from imgpath.rotations.services.common import (
    ensure_applicant_owner,
    ensure_host_owner,
    notify_both_sides,
    record_event,
    today,
)
from imgpath.rotations.services.documents import document_upload


def application_create(
    *, session: Session, applicant: User, statement: str, documents: Iterable[Document]
) -> Application:
    """Apply with the offering's required documents; refused when a requirement is not met."""
    _check_can_apply(session=session, applicant=applicant)
    statement = _clean_statement(statement)
    chosen = _check_documents(session.offering, applicant, list(documents))
    checks = _check_eligibility(session.offering, applicant)
    with transaction.atomic():
        _check_no_conflicts(session=session, applicant=applicant)
        application = Application(
            session=session,
            applicant=applicant,
            statement=statement,
            eligibility=[c.as_dict() for c in checks],
        )
        application.full_clean(validate_constraints=False)
        _save_new(application)
        application.documents.set(chosen)
        record_event(application=application, kind=EventKind.APPLIED, actor=applicant)
        notify_both_sides(application=application, kind=EventKind.APPLIED)
    return application


def application_submit(
    *,
    session: Session,
    applicant: User,
    statement: str,
    documents: Iterable[Document] = (),
    uploads: Mapping[str, UploadedFile] | None = None,
) -> Application:
    """The whole apply step, used by the page and the API: files uploaded with the form go into
    the applicant's vault and the application is created, in one transaction. A refusal at any
    point leaves no document row and no stored file behind. An upload's refusal names the form
    field ``upload_<document type>``."""
    stored: list[str | None] = []
    try:
        with transaction.atomic():
            chosen = list(documents)
            for code, upload in (uploads or {}).items():
                try:
                    document = document_upload(owner=applicant, doc_type=code, upload=upload)
                except ServiceError as exc:
                    raise ServiceError(exc.message, field=f"upload_{code}") from exc
                stored.append(document.file.name)
                chosen.append(document)
            return application_create(
                session=session, applicant=applicant, statement=statement, documents=chosen
            )
    except BaseException:
        for name in filter(None, stored):
            default_storage.delete(name)
        raise


def _check_can_apply(*, session: Session, applicant: User) -> None:
    if getattr(applicant, "role", None) != Role.APPLICANT:
        raise ServiceError("Only applicant accounts can apply.")
    if not Offering.objects.public().filter(pk=session.offering_id).exists():
        raise ConflictError("This offering is not open for applications.")
    if not session.is_open or session.start_date <= today():
        raise ConflictError("This session no longer takes applications.")


def _clean_statement(statement: str) -> str:
    statement = (statement or "").strip()
    if not statement:
        raise ServiceError("Write a short statement for the host.", field="statement")
    if len(statement) > MAX_STATEMENT:
        raise ServiceError(
            f"Keep the statement under {MAX_STATEMENT} characters.", field="statement"
        )
    return statement


def _check_documents(
    offering: Offering, applicant: User, documents: list[Document]
) -> list[Document]:
    if any(d.owner_id != applicant.pk for d in documents):
        raise ServiceError("Attach documents from your own vault.", field="documents")
    provided = {d.doc_type for d in documents}
    missing = [DocumentType(c).label for c in offering.required_documents if c not in provided]
    if missing:
        raise ServiceError(
            f"This offering requires: {', '.join(missing)}. Add them to apply.", field="documents"
        )
    return documents


def _check_eligibility(offering: Offering, applicant: User) -> list[eligibility.Check]:
    checks = eligibility.assess(
        audience=offering.audience,
        requires_step1=offering.requires_step1,
        profile=profile_for(applicant),
    )
    failing = [c for c in checks if c.status == eligibility.NOT_MET]
    if failing:
        reasons = "; ".join(f"{c.requirement} ({c.detail})" for c in failing)
        raise ServiceError(
            f"You do not meet this offering's requirements: {reasons} "
            "If your profile is out of date, update it and apply again."
        )
    return checks


def _check_no_conflicts(*, session: Session, applicant: User) -> None:
    active = Application.objects.filter(
        session=session, applicant=applicant, status__in=ACTIVE_APPLICATION_STATUSES
    )
    if active.exists():
        raise ConflictError("You already have an open application for this session.")
    clash = overlapping_booking(applicant_id=applicant.pk, session=session)
    if clash is not None:
        raise ConflictError(_overlap_message(clash.session))


def _overlap_message(other: Session) -> str:
    return (
        f"You already have a booking from {other.start_date:%d %b %Y} to "
        f"{other.end_date:%d %b %Y} that overlaps these dates."
    )


def _save_new(application: Application) -> None:
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:
        raise ConflictError("You already have an open application for this session.") from exc


@transaction.atomic
def application_withdraw(*, application: Application, withdrawn_by: User) -> Application:
    ensure_applicant_owner(withdrawn_by, application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in PENDING_APPLICATION_STATUSES:
        raise ConflictError(
            f"This application is {application.get_status_display().lower()}; "
            "only submitted or waitlisted applications can be withdrawn."
        )
    _set_status(application, ApplicationStatus.WITHDRAWN)
    record_event(application=application, kind=EventKind.WITHDRAWN, actor=withdrawn_by)
    notify_both_sides(application=application, kind=EventKind.WITHDRAWN)
    return application


def application_decide(
    *, application: Application, decision: str, decided_by: User, message: str = ""
) -> Booking | Application:
    """The host accepts (which books a seat), waitlists or declines.

    Returns the new booking when accepted, else the application.
    """
    ensure_host_owner(decided_by, application.session.offering.host)
    message = (message or "").strip()
    if decision == Decision.ACCEPT:
        return booking_create(application=application, decided_by=decided_by, message=message)
    if decision == Decision.WAITLIST:
        return _waitlist(application=application, decided_by=decided_by, message=message)
    if decision == Decision.DECLINE:
        return _decline(application=application, decided_by=decided_by, message=message)
    raise ServiceError("Choose accept, waitlist or decline.", field="decision")


@transaction.atomic
def _waitlist(*, application: Application, decided_by: User, message: str) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ConflictError(_not_pending(application, "waitlisted"))
    application.waitlisted_at = timezone.now()
    _set_status(application, ApplicationStatus.WAITLISTED, decided_by, message, ["waitlisted_at"])
    record_event(
        application=application, kind=EventKind.WAITLISTED, actor=decided_by, message=message
    )
    notify_both_sides(application=application, kind=EventKind.WAITLISTED, message=message)
    return application


@transaction.atomic
def _decline(*, application: Application, decided_by: User, message: str) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in PENDING_APPLICATION_STATUSES:
        raise ConflictError(_not_pending(application, "declined"))
    _set_status(application, ApplicationStatus.DECLINED, decided_by, message)
    record_event(
        application=application, kind=EventKind.DECLINED, actor=decided_by, message=message
    )
    notify_both_sides(application=application, kind=EventKind.DECLINED, message=message)
    return application


def _not_pending(application: Application, verb: str) -> str:
    return (
        f"This application is {application.get_status_display().lower()}; it cannot be {verb} now."
    )


def _set_status(
    application: Application,
    status: str,
    decided_by: User | None = None,
    message: str = "",
    extra: list[str] | None = None,
) -> None:
    application.status = status
    fields = ["status", "updated_at", *(extra or [])]
    if decided_by is not None:
        application.decided_by = decided_by
        application.decided_at = timezone.now()
        application.host_message = message
        fields += ["decided_by", "decided_at", "host_message"]
    application.save(update_fields=fields)
