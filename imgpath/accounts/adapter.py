from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest

from imgpath.accounts.models import User


@dataclass(frozen=True)
class PublicSite:
    """The site as emails name it: IMGPath at SITE_URL, whatever host the request came in on."""

    name: str
    domain: str


def public_site() -> PublicSite:
    return PublicSite(name="IMGPath", domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    """Allauth hooks: our User has no username and keeps its email lower-case."""

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).strip().lower()

    def populate_username(self, request: HttpRequest, user: User) -> None:
        return None

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth greets with the request's host ("Hello from 127.0.0.1:8101!"); every email
        # of ours names IMGPath and its public address instead.
        super().send_mail(template_prefix, email, {**context, "current_site": public_site()})
