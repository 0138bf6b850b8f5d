from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminURLFieldWidget
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

from imgpath.rotations import services
from imgpath.rotations.models import (
    Application,
    ApplicationEvent,
    Booking,
    Document,
    HostProfile,
    LetterRequest,
    Offering,
    Review,
    Session,
    Site,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that only services change; staff look, and act through the pages or actions."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class VerifiedFilter(admin.SimpleListFilter):
    title = "verified"
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [("yes", "Verified"), ("no", "Awaiting verification")]

    def queryset(self, request, queryset):
        if self.value() in {"yes", "no"}:
            return queryset.filter(verified_at__isnull=self.value() == "no")
        return queryset


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0


@admin.register(HostProfile)
class HostProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "owner", "verified_at", "verified_by", "created_at"]
    list_filter = [VerifiedFilter, "kind"]
    search_fields = ["name", "owner__email", "credentials"]
    readonly_fields = ["verified_at", "verified_by", "created_at", "updated_at"]
    inlines = [SiteInline]
    actions = ["verify_selected", "unverify_selected"]
    formfield_overrides = {
        models.URLField: {"widget": AdminURLFieldWidget, "assume_scheme": "https"}
    }

    @admin.action(description="Verify selected host profiles (their offerings become public)")
    def verify_selected(self, request, queryset) -> None:
        for profile in queryset:
            services.host_profile_verify(profile=profile, verified_by=request.user)
        self.message_user(request, f"{queryset.count()} profile(s) verified.", messages.SUCCESS)

    @admin.action(description="Withdraw verification (hide their offerings)")
    def unverify_selected(self, request, queryset) -> None:
        for profile in queryset:
            services.host_profile_unverify(profile=profile, by=request.user)
        self.message_user(request, f"{queryset.count()} profile(s) unverified.", messages.WARNING)


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ("start_date", "end_date", "seats", "is_open")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    list_display = ["title", "host", "kind", "specialty", "fee_usd", "status"]
    list_filter = ["status", "kind", "specialty"]
    search_fields = ["title", "host__name"]
    readonly_fields = ["host", "published_at", "created_at", "updated_at"]
    inlines = [SessionInline]

    def has_add_permission(self, request) -> bool:
        return False


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    fields = ("created_at", "kind", "actor", "actor_role", "message")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["applicant__email", "session__offering__title"]
    exclude = ["documents"]
    inlines = [EventInline]


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdmin):
    list_display = ["pk", "applicant", "session", "status", "payment_status", "price_usd"]
    list_filter = ["status", "payment_status"]
    search_fields = ["applicant__email", "session__offering__title"]


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["owner", "doc_type", "original_name", "content_type", "size", "download"]
    list_filter = ["doc_type", "content_type"]
    search_fields = ["owner__email"]
    # The file is opened only through the checked download view, never a storage URL.
    exclude = ["file"]

    @admin.display(description="File")
    def download(self, obj: Document) -> str:
        return format_html('<a href="{}">Download</a>', reverse("document_download", args=[obj.pk]))


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["booking", "rating", "created_at"]
    readonly_fields = ["booking", "rating", "text", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(LetterRequest)
class LetterRequestAdmin(ReadOnlyAdmin):
    list_display = ["booking", "status", "updated_at"]
    list_filter = ["status"]
