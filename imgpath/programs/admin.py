"""Staff tools: programs, ledger entries (edits refresh the search columns), claims, reports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminURLFieldWidget
from django.db import models

from imgpath.core.errors import ServiceError
from imgpath.programs.models import (
    City,
    CommunityReport,
    ImportRun,
    LedgerEntry,
    NrmpProgram,
    NrmpResult,
    Program,
    ProgramClaim,
    SavedProgram,
    SourceKind,
    Specialty,
)
from imgpath.programs.services import claims, reports
from imgpath.programs.services.ledger import (
    ParsedValue,
    ledger_entry_create,
    ledger_entry_supersede,
    policy_value_validate,
    program_ledger_refresh,
)


def _https_urls(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


URL_OVERRIDES: dict[type[models.Field], dict[str, Any]] = {
    models.URLField: {"widget": AdminURLFieldWidget, "assume_scheme": "https"}
}


class LedgerEntryInline(admin.TabularInline):
    model = LedgerEntry
    extra = 0
    fields = (
        "field",
        "kind",
        "number_value",
        "date_value",
        "text_value",
        "source_kind",
        "verified_on",
        "superseded_at",
    )
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    formfield_overrides = URL_OVERRIDES
    list_display = [
        "name",
        "acgme_id",
        "specialty",
        "city",
        "state",
        "j1_sponsorship",
        "h1b_sponsorship",
        "ledger_verified_by_program_on",
    ]
    list_filter = [
        "specialty",
        "region",
        "j1_sponsorship",
        "h1b_sponsorship",
        "accepts_imgs",
        "ledger_has_demo",
    ]
    search_fields = ["name", "acgme_id", "city"]
    readonly_fields = [f.name for f in Program._meta.fields]
    inlines = [LedgerEntryInline]

    def has_add_permission(self, request) -> bool:
        # Programs come from the ACGME file (manage.py import_programs).
        return False


class LedgerEntryForm(forms.ModelForm):
    class Meta:
        model = LedgerEntry
        formfield_callback = _https_urls
        fields = [
            "program",
            "field",
            "kind",
            "number_value",
            "date_value",
            "text_value",
            "source_kind",
            "source_url",
            "note",
            "verified_on",
        ]

    def clean(self):
        cleaned = super().clean()
        value = ParsedValue(
            cleaned.get("kind", ""),
            cleaned.get("number_value"),
            cleaned.get("date_value"),
            cleaned.get("text_value") or "",
        )
        try:
            policy_value_validate(field=cleaned.get("field", ""), value=value)
        except ServiceError as exc:
            raise forms.ValidationError(exc.message) from None
        return cleaned


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    form = LedgerEntryForm
    formfield_overrides = URL_OVERRIDES
    list_display = [
        "program",
        "field",
        "kind",
        "number_value",
        "date_value",
        "source_kind",
        "verified_on",
        "superseded_at",
    ]
    list_filter = ["field", "source_kind", ("superseded_at", admin.EmptyFieldListFilter)]
    search_fields = ["program__name", "program__acgme_id", "source_url", "note"]
    autocomplete_fields = ["program"]
    readonly_fields = ["entered_by", "superseded_at", "created_at"]
    actions = ["supersede_selected"]

    def get_changeform_initial_data(self, request):
        return {"source_kind": SourceKind.STAFF, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            program_ledger_refresh(program=obj.program)
            return
        # New statements go through the service: it supersedes and refreshes the program.
        try:
            created = ledger_entry_create(
                program=obj.program,
                field=obj.field,
                value=ParsedValue(obj.kind, obj.number_value, obj.date_value, obj.text_value),
                source_kind=obj.source_kind,
                verified_on=obj.verified_on,
                source_url=obj.source_url,
                note=obj.note,
                entered_by=request.user,
            )
        except ServiceError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return
        obj.pk = created.pk

    def delete_model(self, request, obj) -> None:
        program = obj.program
        super().delete_model(request, obj)
        program_ledger_refresh(program=program)

    @admin.action(description="Mark selected entries as superseded (kept as history)")
    def supersede_selected(self, request, queryset) -> None:
        for entry in queryset.select_related("program"):
            ledger_entry_supersede(entry=entry)
        self.message_user(
            request, "Entries superseded; current values refreshed.", messages.SUCCESS
        )


@admin.register(ProgramClaim)
class ProgramClaimAdmin(admin.ModelAdmin):
    list_display = ["program", "host", "role_title", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["program__name", "program__acgme_id", "host__email", "host__name"]
    readonly_fields = [
        "program",
        "host",
        "role_title",
        "evidence",
        "status",
        "created_at",
        "decided_at",
        "decided_by",
    ]
    actions = ["approve_selected", "reject_selected", "revoke_selected"]

    def has_add_permission(self, request) -> bool:
        return False

    def _decide(self, request, queryset, service, verb: str) -> None:
        done = 0
        for claim in queryset.select_related("program", "host"):
            try:
                service(claim=claim, staff=request.user)
                done += 1
            except ServiceError as exc:
                self.message_user(request, f"{claim}: {exc.message}", messages.WARNING)
        self.message_user(request, f"{done} claim(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Approve: the host may edit the program's ledger")
    def approve_selected(self, request, queryset) -> None:
        self._decide(request, queryset, claims.program_claim_approve, "approved")

    @admin.action(description="Reject selected claims")
    def reject_selected(self, request, queryset) -> None:
        self._decide(request, queryset, claims.program_claim_reject, "rejected")

    @admin.action(description="Revoke selected approved claims")
    def revoke_selected(self, request, queryset) -> None:
        self._decide(request, queryset, claims.program_claim_revoke, "revoked")


@admin.register(CommunityReport)
class CommunityReportAdmin(admin.ModelAdmin):
    list_display = [
        "program",
        "field",
        "kind",
        "number_value",
        "status",
        "created_at",
        "source_url",
    ]
    list_filter = ["status", "field"]
    search_fields = ["program__name", "program__acgme_id", "note", "source_url"]
    readonly_fields = [f.name for f in CommunityReport._meta.fields]
    actions = ["promote_selected", "reject_selected"]

    def has_add_permission(self, request) -> bool:
        return False

    def _moderate(self, request, queryset, service, verb: str) -> None:
        done = 0
        for report in queryset.select_related("program"):
            try:
                service(report=report, staff=request.user)
                done += 1
            except ServiceError as exc:
                self.message_user(request, f"{report}: {exc.message}", messages.WARNING)
        self.message_user(request, f"{done} report(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Promote to the ledger (source: community report)")
    def promote_selected(self, request, queryset) -> None:
        self._moderate(request, queryset, reports.community_report_promote, "promoted")

    @admin.action(description="Reject selected reports")
    def reject_selected(self, request, queryset) -> None:
        self._moderate(request, queryset, reports.community_report_reject, "rejected")


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "file_name",
        "created",
        "updated",
        "unchanged",
        "rejected",
        "finished_at",
    ]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(NrmpProgram)
class NrmpProgramAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "institution_name",
        "track_name",
        "position_type",
        "state",
        "program",
        "link_method",
    ]
    list_filter = ["position_type", "link_method", "specialty_name"]
    search_fields = ["code", "institution_name", "track_name"]
    raw_id_fields = ["program"]
    readonly_fields = ["link_method", "link_note"]


admin.site.register(
    Specialty, search_fields=["name", "code"], list_display=["name", "code", "slug"]
)
admin.site.register(
    City, search_fields=["name"], list_display=["name", "state", "latitude", "longitude"]
)
admin.site.register(
    NrmpResult,
    list_display=["nrmp_code", "match_year", "match_type", "quota", "matched", "program"],
    list_filter=["match_year", "match_type"],
    search_fields=["nrmp_code", "sponsor_name"],
    raw_id_fields=["program"],
)
admin.site.register(
    SavedProgram, list_display=["user", "program", "created_at"], raw_id_fields=["user", "program"]
)
from imgpath.programs import admin_outcomes  # noqa: E402,F401  (registers its admin)
