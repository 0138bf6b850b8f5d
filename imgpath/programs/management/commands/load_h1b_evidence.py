"""Load the shipped H-1B evidence: institutions, DOL and USCIS copies, the crosswalk."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from imgpath.programs.management.commands._federal import run_import
from imgpath.programs.models import EmployerLink, LinkStatus, Program
from imgpath.programs.services.crosswalk import shipped_evidence_load


class Command(BaseCommand):
    help = "Load the H-1B evidence shipped in imgpath/data/h1b (idempotent)."

    def handle(self, *args: object, **options) -> None:
        run_import(self, shipped_evidence_load)
        count = Program.objects.filter(institution__has_h1b_evidence=True).count()
        self.stdout.write(f"Programs with published H-1B evidence: {count}")
        waiting = EmployerLink.objects.filter(status=LinkStatus.PENDING).count()
        self.stdout.write(f"Crosswalk links waiting for staff review: {waiting}")
