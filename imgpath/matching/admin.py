"""Staff read cycles, programs and results in the admin; rank lists stay with their owners.

Nothing is edited here: cycles change only through the services (a run, a cancel).
"""

from __future__ import annotations

from django.contrib import admin

from imgpath.matching.models import MatchCycle, MatchProgram, Participant


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


_PROGRAM_FIELDS = ("name", "capacity", "owner", "session", "certified_at")


class ProgramInline(admin.TabularInline):
    model = MatchProgram
    fields = _PROGRAM_FIELDS
    readonly_fields = _PROGRAM_FIELDS
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MatchCycle)
class MatchCycleAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "status", "rank_deadline", "created_by", "ran_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "created_by__email"]
    inlines = [ProgramInline]


@admin.register(Participant)
class ParticipantAdmin(ReadOnlyAdmin):
    list_display = [
        "user",
        "cycle",
        "certified_at",
        "list_used",
        "matched_program",
        "matched_choice",
    ]
    list_filter = ["cycle__kind", "list_used"]
    search_fields = ["user__email", "cycle__title"]
    list_select_related = ["user", "cycle", "matched_program"]
