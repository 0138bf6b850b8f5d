from __future__ import annotations

from django.core.management.base import BaseCommand

from imgpath.mentorship.services import requests_expire


class Command(BaseCommand):
    help = "Mark mentorship requests unanswered for 14 days as expired (schedule it daily)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{requests_expire()} request(s) expired")
