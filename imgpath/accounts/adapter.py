from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Allauth hooks: our User has no username and keeps its email lower-case."""

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).strip().lower()

    def populate_username(self, request, user) -> None:
        return None
