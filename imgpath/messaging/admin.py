from __future__ import annotations

from django.contrib import admin

from imgpath.messaging.models import Block, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    # Moderation happens in the queue at /staff/moderation/; the admin is read-only history.
    list_display = ("pk", "status", "created_at", "handled_by", "handled_at")
    list_filter = ("status",)
    readonly_fields = [f.name for f in Report._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ("blocker", "blocked", "created_at")
