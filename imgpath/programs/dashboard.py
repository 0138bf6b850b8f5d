"""Dashboard panels: saved programs (applicants), claims (hosts), moderation (staff)."""

from __future__ import annotations

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.dashboard import Panel
from imgpath.programs.models import (
    ClaimStatus,
    CommunityReport,
    CurationStatus,
    CurationValue,
    EmployerLink,
    ImportRun,
    LinkStatus,
    OutcomeReport,
    OutcomeStatus,
    ProgramClaim,
    ReportStatus,
    SavedProgram,
)


def panels(request: AuthenticatedHttpRequest) -> list[Panel]:
    user = request.user
    if user.is_staff:
        return [_staff_panel()]
    if user.is_host:
        claims = ProgramClaim.objects.filter(host=user).select_related("program")[:5]
        return [
            Panel("Programs you represent", "programs/panels/host.html", {"claims": claims}, 40)
        ]
    if user.is_applicant:
        saved = SavedProgram.objects.filter(user=user).select_related("program")
        context = {"count": saved.count(), "latest": list(saved[:3])}
        return [Panel("My programs", "programs/panels/applicant.html", context, 30)]
    return []


def _staff_panel() -> Panel:
    context = {
        "reports": CommunityReport.objects.filter(status=ReportStatus.PENDING).count(),
        "claims": ProgramClaim.objects.filter(status=ClaimStatus.PENDING).count(),
        "crosswalk": EmployerLink.objects.filter(status=LinkStatus.PENDING).count(),
        "outcomes": OutcomeReport.objects.filter(status=OutcomeStatus.PENDING).count(),
        "checks": CurationValue.objects.filter(status=CurationStatus.AWAITING_CHECK).count(),
        "last_import": ImportRun.objects.order_by("-finished_at").first(),
    }
    return Panel("Program directory", "programs/panels/staff.html", context, 30)
