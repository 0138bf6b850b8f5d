from __future__ import annotations

from django.contrib import admin

from imgpath.library.models import SearchEntry


@admin.register(SearchEntry)
class SearchEntryAdmin(admin.ModelAdmin):
    """Read-only: the index is rebuilt from the Markdown files, never edited by hand."""

    list_display = ("slug", "title")
    search_fields = ("slug", "title")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
