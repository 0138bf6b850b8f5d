"""Import USCIS H-1B Employer Data Hub counts (the shipped copy or USCIS's exports)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from imgpath.programs.management.commands._federal import run_import
from imgpath.programs.services.crosswalk import SHIPPED_USCIS
from imgpath.programs.services.evidence import evidence_refresh
from imgpath.programs.services.federal_import import uscis_import


class Command(BaseCommand):
    help = (
        "Import USCIS H-1B Employer Data Hub exports (older comma files or newer UTF-16 tab "
        "files). Each file replaces the fiscal years it holds. All or nothing; idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path, default=[SHIPPED_USCIS])
        parser.add_argument("--force", action="store_true", help="Re-read unchanged files.")

    def handle(self, *args: object, **options) -> None:
        for path in options["files"]:
            run_import(self, partial(uscis_import, path=path, force=options["force"]))
        count = evidence_refresh()
        self.stdout.write(f"Institutions with H-1B evidence: {count}")
