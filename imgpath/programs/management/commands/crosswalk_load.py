"""Load a reviewed crosswalk file: publish rows show, review rows wait for staff."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from imgpath.programs.management.commands._federal import run_import
from imgpath.programs.services.crosswalk import SHIPPED_CROSSWALK, crosswalk_load


class Command(BaseCommand):
    help = "Load the employer -> institution crosswalk (all or nothing; staff decisions kept)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, default=SHIPPED_CROSSWALK)
        parser.add_argument("--force", action="store_true", help="Re-read an unchanged file.")

    def handle(self, *args: object, **options) -> None:
        run_import(self, lambda: crosswalk_load(path=options["file"], force=options["force"]))
