from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from imgpath.accounts import services
from imgpath.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["-date_joined"]
    list_display = ["email", "name", "role", "approved_at", "is_active", "is_staff", "date_joined"]
    list_filter = ["role", "is_active", "is_staff", ("approved_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "name"]
    readonly_fields = ["approved_at", "approved_by", "date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["name", "role", "approved_at", "approved_by"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "role", "password1", "password2"]})
    ]
    actions = ["approve_selected"]

    @admin.action(description="Approve selected hosts and mentors (list them publicly)")
    def approve_selected(self, request, queryset) -> None:
        approved = 0
        for user in queryset.filter(role__in=["host", "mentor"]):
            services.user_approve(user=user, approved_by=request.user)
            approved += 1
        self.message_user(request, f"{approved} account(s) approved.", messages.SUCCESS)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "hint", "key_digest", "created_at", "last_used_at"]
    search_fields = ["user__email", "name"]

    def has_add_permission(self, request) -> bool:
        return False
