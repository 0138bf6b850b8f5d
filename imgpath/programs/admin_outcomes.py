"""Staff moderate IMG outcome reports as they moderate community reports."""

from __future__ import annotations

from django.contrib import admin, messages

from imgpath.core.errors import ServiceError
from imgpath.programs.models import OutcomeReport
from imgpath.programs.services.outcomes import outcome_report_moderate


@admin.register(OutcomeReport)
class OutcomeReportAdmin(admin.ModelAdmin):
    list_display = [
        "program",
        "season",
        "outcome",
        "applicant_kind",
        "visa",
        "status",
        "created_at",
    ]
    list_filter = ["status", "season", "outcome", "visa"]
    search_fields = ["program__name", "program__acgme_id"]
    readonly_fields = [f.name for f in OutcomeReport._meta.fields]
    actions = ["approve_selected", "reject_selected"]

    def has_add_permission(self, request) -> bool:
        return False

    def _moderate(self, request, queryset, approve: bool, verb: str) -> None:
        done = 0
        for report in queryset.select_related("program"):
            try:
                outcome_report_moderate(report=report, staff=request.user, approve=approve)
                done += 1
            except ServiceError as exc:
                self.message_user(request, f"{report}: {exc.message}", messages.WARNING)
        self.message_user(request, f"{done} report(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Approve selected outcome reports")
    def approve_selected(self, request, queryset) -> None:
        self._moderate(request, queryset, True, "approved")

    @admin.action(description="Reject selected outcome reports (they stop counting)")
    def reject_selected(self, request, queryset) -> None:
        self._moderate(request, queryset, False, "rejected")
