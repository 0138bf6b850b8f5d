"""Community reports: applicants say what they know; staff promote or reject it."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.programs.models import CommunityReport, Program, ReportStatus, SourceKind
from imgpath.programs.services.ledger import (
    ParsedValue,
    check_url,
    ledger_entry_create,
    policy_value_parse,
    reject_nul,
)

MAX_REPORTS_PER_DAY = 20


def community_report_create(
    *,
    program: Program,
    author: User | AnonymousUser,
    field: str,
    raw_value: str,
    source_url: str = "",
    note: str = "",
) -> CommunityReport:
    if not author.is_authenticated:
        raise PermissionDenied("Sign in to report.")
    reject_nul(note=note, source_url=source_url)
    value = policy_value_parse(field=field, raw=raw_value, allow_unknown=False)
    url, note = check_url(source_url), (note or "").strip()
    if not url and not note:
        raise ServiceError(
            "Add a link to where you read it, or a note on how you know.", field="note"
        )
    _check_rate(author)
    report = CommunityReport(program=program, author=author, field=field, source_url=url, note=note)
    _set_value(report, value)
    report.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ConflictError(
            "You already have a report on this question waiting for review.", field="field"
        ) from None
    return report


def _check_rate(author: User) -> None:
    since = timezone.now() - timedelta(days=1)
    if CommunityReport.objects.filter(author=author, created_at__gte=since).count() >= (
        MAX_REPORTS_PER_DAY
    ):
        raise ServiceError(f"You can send {MAX_REPORTS_PER_DAY} reports a day; try tomorrow.")


def _set_value(report: CommunityReport, value: ParsedValue) -> None:
    report.kind = value.kind
    report.number_value = value.number
    report.date_value = value.day
    report.text_value = value.url


def community_report_promote(*, report: CommunityReport, staff: User) -> CommunityReport:
    """Staff accept a report: it becomes a ledger value whose source is the community."""
    _check_moderation(report, staff)
    with transaction.atomic():
        entry = ledger_entry_create(
            program=report.program,
            field=report.field,
            value=ParsedValue(
                report.kind, report.number_value, report.date_value, report.text_value
            ),
            source_kind=SourceKind.COMMUNITY,
            verified_on=timezone.localdate(),
            source_url=report.source_url,
            note=report.note or "Community report",
            entered_by=staff,
        )
        report.ledger_entry = entry
        _close(report, ReportStatus.PROMOTED, staff, extra=["ledger_entry"])
    return report


def community_report_reject(*, report: CommunityReport, staff: User) -> CommunityReport:
    _check_moderation(report, staff)
    _close(report, ReportStatus.REJECTED, staff)
    return report


def _check_moderation(report: CommunityReport, staff: User) -> None:
    if not staff.is_staff:
        raise PermissionDenied("Only staff moderate reports.")
    if report.status != ReportStatus.PENDING:
        raise ConflictError("This report was already moderated.")


def _close(
    report: CommunityReport, status: str, staff: User, extra: list[str] | None = None
) -> None:
    report.status = status
    report.moderated_at = timezone.now()
    report.moderated_by = staff
    report.save(update_fields=["status", "moderated_at", "moderated_by", *(extra or [])])
