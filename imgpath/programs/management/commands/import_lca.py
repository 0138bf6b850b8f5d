"""Import DOL LCA disclosure rows for physician occupations (the shipped copy or DOL's files)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from imgpath.programs.management.commands._federal import run_import
from imgpath.programs.services.crosswalk import SHIPPED_LCA
from imgpath.programs.services.evidence import evidence_refresh
from imgpath.programs.services.federal_import import lca_import


class Command(BaseCommand):
    help = (
        "Import DOL LCA disclosure files (CSV or tab-separated, UTF-8 or UTF-16; DOL's official "
        "quarterly or yearly files saved as CSV). Keeps physician SOC codes and H-1B rows; with "
        "CASE_STATUS only certified filings count. All or nothing per file; idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path, default=[SHIPPED_LCA])
        parser.add_argument(
            "--period", default="", help='e.g. "FY2025" or "FY2025 Q2" (else from the file)'
        )
        parser.add_argument("--force", action="store_true", help="Re-read unchanged files.")

    def handle(self, *args: object, **options) -> None:
        for path in options["files"]:
            run_import(
                self,
                partial(lca_import, path=path, period=options["period"], force=options["force"]),
            )
        count = evidence_refresh()
        self.stdout.write(f"Institutions with H-1B evidence: {count}")
