"""Shape the roadmap contract for people: grouped warnings and a calendar strip."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from imgpath.engines.rules import load_default_facts
from imgpath.engines.rules.facts.model import STANDING_WORDS, Standing

UNCONFIRMED = " (unconfirmed)"

EVENT_LABELS = {
    "eras_season_opens": "ERAS season opens",
    "eras_submission_opens": "ERAS submissions open",
    "program_review_opens": "Programs start reviewing",
    "nrmp_registration_opens": "NRMP registration opens",
    "nrmp_early_registration_deadline": "NRMP registration deadline (late fee after)",
    "program_quota_deadline": "Program quota deadline",
    "pathways_deadline": "Pathways deadline",
    "pathways_application_closes": "Pathways application closes",
    "rol_deadline": "Rank order list deadline",
    "match_week_starts": "Match Week starts",
    "match_day": "Match Day",
    "eras_season_ends": "ERAS season ends",
}
STATUS_LABELS = {
    "done": "Done",
    "next": "Next",
    "todo": "To do",
    "blocked": "Blocked",
    "not_applicable": "Not applicable",
    "in_progress": "In progress",
}


@dataclass
class Month:
    first_day: date
    is_current: bool
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.first_day.strftime("%b %Y")


def warning_groups(roadmap: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Blockers and warnings first; the many "unverified rule" notes in their own group."""
    groups: dict[str, list[dict[str, Any]]] = {
        "blocker": [],
        "warning": [],
        "info": [],
        "unverified": [],
    }
    for warning in roadmap["warnings"]:
        key = "unverified" if warning["code"] == "unverified_rule" else warning["severity"]
        groups[key].append(warning)
    return groups


def next_step(roadmap: dict[str, Any]) -> dict[str, Any] | None:
    for phase in roadmap["phases"]:
        for step in phase["steps"]:
            if step["status"] == "next":
                return {**step, "phase_title": phase.get("title", phase["id"])}
    return None


def dated_events(roadmap: dict[str, Any]) -> list[dict[str, Any]]:
    """Every dated item of the roadmap's Match year: cycle events and step due dates.

    A date whose source is not confirmed says so in its label, since calendar apps show
    nothing but the title."""
    events: dict[tuple[date, str], dict[str, Any]] = {}
    # Whether each cycle date is confirmed: a step due on that date inherits it.
    confirmed_on: dict[date, bool] = {}
    for entry in load_default_facts().calendar_for(roadmap["match_year"]).values():
        if entry.date is not None:
            label = EVENT_LABELS.get(entry.event.value, entry.title)
            confirmed_on[entry.date] = confirmed_on.get(entry.date, True) and not entry.unconfirmed
            events[(entry.date, label)] = {
                "date": entry.date,
                "label": label + (UNCONFIRMED if entry.unconfirmed else ""),
                "kind": "cycle",
                "unconfirmed": entry.unconfirmed,
            }
    for item in roadmap.get("projected_calendar", ()):
        when = date.fromisoformat(item["date"])
        label = EVENT_LABELS.get(item["event"], item["title"])
        confirmed_on[when] = False
        events[(when, label)] = {
            "date": when,
            "label": f"{label} (projected from {item['projected_from']}, unconfirmed)",
            "kind": "cycle",
            "unconfirmed": True,
        }
    for item in roadmap.get("own_dates", ()):
        when = date.fromisoformat(item["date"])
        events[(when, item["title"])] = {
            "date": when,
            "label": item["title"],
            "kind": "own",
            "unconfirmed": False,
        }
    for phase in roadmap["phases"]:
        for step in phase["steps"]:
            if step["due"] and step["status"] not in ("done", "not_applicable"):
                due = date.fromisoformat(step["due"])
                title = step.get("title", step["id"])
                unconfirmed = not confirmed_on.get(due, not step.get("unconfirmed", False))
                events.setdefault(
                    (due, title),
                    {
                        "date": due,
                        "label": title + (UNCONFIRMED if unconfirmed else ""),
                        "kind": "step",
                        "step": step["id"],
                        "unconfirmed": unconfirmed,
                    },
                )
    return sorted(events.values(), key=lambda e: (e["date"], e["label"]))


def calendar_strip(roadmap: dict[str, Any], *, today: date) -> list[Month]:
    """Months from June before the Match to July of the Match year (when residency starts)."""
    year = roadmap["match_year"]
    months = [Month(date(year - 1, m, 1), False) for m in range(6, 13)]
    months += [Month(date(year, m, 1), False) for m in range(1, 8)]
    by_key = {(m.first_day.year, m.first_day.month): m for m in months}
    for month in months:
        month.is_current = (month.first_day.year, month.first_day.month) == (
            today.year,
            today.month,
        )
    for event in dated_events(roadmap):
        event_month = by_key.get((event["date"].year, event["date"].month))
        if event_month is not None:
            event_month.events.append({**event, "past": event["date"] < today})
    return months


def source_line(source: dict[str, Any]) -> str:
    """One source in plain text (PDF, text output): title, address, date, tier and trust."""
    when = f"as of {source['as_of']}" if source.get("as_of") else "date unknown"
    where = source.get("url") or "document"
    line = f"Source: {source['title']} ({where}), {when}, tier {source['tier']}"
    if source.get("unconfirmed"):
        line += " — unconfirmed"
    if source.get("standing"):
        words = STANDING_WORDS[Standing(source["standing"])]
        line += f" — status as of {source['standing_as_of']}: {words}"
    return line
