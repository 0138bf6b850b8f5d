from __future__ import annotations

from django.contrib import admin

from imgpath.profiles.models import ApplicantProfile


@admin.register(ApplicantProfile)
class ApplicantProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "updated_at"]
    search_fields = ["user__email", "user__name"]
    readonly_fields = ["user", "updated_at"]
