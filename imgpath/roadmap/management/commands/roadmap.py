"""Print the roadmap for a profile file: the same contract as the API and the page."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from imgpath.core.errors import ServiceError
from imgpath.engines.rules import ProfileError, evaluate_json, load_default_facts
from imgpath.profiles.services import profile_check
from imgpath.roadmap.presentation import STATUS_LABELS, source_line, warning_groups


class Command(BaseCommand):
    help = "Compute the roadmap for a profile JSON file (no database rows needed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("profile", type=Path, help="Profile JSON file (the API's field names).")
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument("--today", help="Evaluate as of this date (YYYY-MM-DD); default today.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = _parse_today(options["today"])
        try:
            # The API's validation path: what PUT /api/v1/profile refuses, this refuses too.
            document = profile_check(_read_profile(options["profile"]))
            roadmap = evaluate_json(document, load_default_facts(), today)
        except ServiceError as exc:
            where = f"{exc.field}: " if exc.field not in (None, "profile") else ""
            raise CommandError(f"{options['profile']}: {where}{exc.message}") from None
        except ProfileError as exc:
            raise CommandError(f"{options['profile']}: {exc}") from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps(roadmap, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(_as_text(roadmap))


def _parse_today(value: str | None) -> date:
    if value is None:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today: {value!r} is not a date (YYYY-MM-DD)") from exc


def _read_profile(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CommandError(f"{path}: cannot read the file ({exc.strerror})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"{path}: not valid JSON ({exc})") from exc
    return data


def _as_text(roadmap: dict[str, Any]) -> str:
    """Warnings first (unconfirmed rules counted), then each step with its sources and trust."""
    groups = warning_groups(roadmap)
    lines = [f"Roadmap as of {roadmap['today']} for the {roadmap['match_year']} Match", ""]
    for warning in groups["blocker"] + groups["warning"] + groups["info"]:
        marker = " [unconfirmed]" if warning["unconfirmed"] else ""
        lines.append(f"! [{warning['severity']}]{marker} {warning['message']}")
    if groups["unverified"]:
        lines += ["", f"Unconfirmed rules behind this roadmap ({len(groups['unverified'])}):"]
        lines += [f"  - {warning['message']}" for warning in groups["unverified"]]
    for phase in roadmap["phases"]:
        lines += ["", f"{phase.get('title', phase['id'])}: {STATUS_LABELS[phase['status']]}"]
        for step in phase["steps"]:
            due = f" (due {step['due']})" if step["due"] else ""
            marker = " [unconfirmed]" if step["unconfirmed"] else ""
            lines.append(
                f"  [{STATUS_LABELS[step['status']]}] {step.get('title', step['id'])}{due}{marker}"
            )
            if step["overdue"]:
                lines.append(f"      OVERDUE: {step['overdue']}")
            lines.append(f"      {step['reason']}")
            lines += [f"      {source_line(source)}" for source in step["sources"]]
    return "\n".join(lines)
