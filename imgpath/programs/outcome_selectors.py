"""Reads for outcome reports: a person's own reports (theirs alone) and a page's section."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from imgpath.accounts.models import User
from imgpath.programs.models import OutcomeReport, Program


def outcome_reports_for(
    user: User | AnonymousUser, *, program: Program | None = None
) -> list[OutcomeReport]:
    """The reporter's own reports, newest first; nobody else's."""
    if not user.is_authenticated:
        return []
    reports = OutcomeReport.objects.filter(author=user).select_related("program")
    if program is not None:
        reports = reports.filter(program=program)
    return list(reports.order_by("-season", "-created_at"))


def outcome_report_for(user: User | AnonymousUser, pk: int) -> OutcomeReport:
    """One of the user's own reports; another person's is indistinguishable from none."""
    report = (
        OutcomeReport.objects.filter(pk=pk, author=user).select_related("program").first()
        if user.is_authenticated
        else None
    )
    if report is None:
        raise Http404("No such report of yours.")
    return report


def outcome_section(user: User | AnonymousUser, program: Program, *, form=None) -> dict:
    """What the program page's outcome section needs: shown groups, the form, my reports."""
    from imgpath.programs.forms_outcomes import OutcomeReportForm

    can_report = user.is_authenticated and user.is_applicant
    return {
        "groups": program.outcome_evidence,
        "can_report": can_report,
        "form": (form or OutcomeReportForm()) if can_report else None,
        "mine": outcome_reports_for(user, program=program) if can_report else [],
    }
