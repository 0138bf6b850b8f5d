"""Propose the employer -> institution crosswalk for review (see imgpath/engines/crosswalk)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from imgpath.programs.services.crosswalk import SHIPPED_CROSSWALK, crosswalk_build


class Command(BaseCommand):
    help = "Match every imported employer to sponsoring institutions and write the crosswalk CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=SHIPPED_CROSSWALK)

    def handle(self, *args: object, **options) -> None:
        tally = crosswalk_build(output=options["output"])
        self.stdout.write(
            f"{options['output'].name}: {tally['publish']} links to publish, "
            f"{tally['review']} for review"
        )
