from __future__ import annotations

from django.contrib import admin

from imgpath.mentorship.models import MentorProfile, Mentorship, OfficeHour


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "specialty", "graduation_country", "capacity", "paused")
    search_fields = ("user__name", "user__email")


@admin.register(Mentorship)
class MentorshipAdmin(admin.ModelAdmin):
    list_display = ("mentee", "mentor", "status", "created_at")
    list_filter = ("status",)


@admin.register(OfficeHour)
class OfficeHourAdmin(admin.ModelAdmin):
    list_display = ("title", "mentor", "kind", "starts_at", "capacity")
