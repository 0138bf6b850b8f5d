from __future__ import annotations

from django.contrib import admin

from imgpath.changes.models import ChangeNotice, ChangeSet, FactChange


class FactChangeInline(admin.TabularInline):
    model = FactChange
    extra = 0
    fields = ("fact_id", "kind", "title", "phase", "source_date")
    readonly_fields = fields
    can_delete = False


@admin.register(ChangeSet)
class ChangeSetAdmin(admin.ModelAdmin):
    list_display = ("key", "recorded_on", "published_at")
    readonly_fields = ("key", "recorded_on", "published_at", "published_by")
    inlines = [FactChangeInline]


@admin.register(ChangeNotice)
class ChangeNoticeAdmin(admin.ModelAdmin):
    list_display = ("user", "change_set", "created_at", "read_at", "email_state")
    list_filter = ("email_state",)
    raw_id_fields = ("user",)
