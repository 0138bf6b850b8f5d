"""Send the batched rule-change emails still pending (for a scheduler; publishing sends too)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from imgpath.changes.services import send_digests


class Command(BaseCommand):
    help = "Email each person one digest of their rule-change notices not yet emailed."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Sent {send_digests()} digest(s).")
