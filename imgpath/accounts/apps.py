from __future__ import annotations

from django.apps import AppConfig

from imgpath.core.navigation import SIGNED_IN, NavItem


class AccountsConfig(AppConfig):
    name = "imgpath.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    # The states its templates compare with, by name (core.template_choices).
    template_choices = {
        "Role": "imgpath.accounts.models.Role",
    }
    # core.api authenticates personal API tokens through this hook (core imports no app).
    api_token_authenticator = "imgpath.accounts.services.api_token_authenticate"  # noqa: S105
    nav_items = (
        NavItem("Dashboard", "dashboard", SIGNED_IN, order=0),
        NavItem("Community", "community", frozenset({"anonymous", *SIGNED_IN}), order=80),
    )
