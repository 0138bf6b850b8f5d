"""Dates a roadmap carries besides its steps: the applicant's own, and projected cycle dates.

The applicant's own dated items (an exam sitting, the end of residency) belong in their
calendar whatever the Match year. A Match year whose calendar is not published yet gets its
dates projected from the latest published cycle, shifted by whole weeks so each falls on the
same weekday, and always marked as projected: a pattern, never a published date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from imgpath.engines.profile.model import ExamStatus, ExperienceKind, Profile
from imgpath.engines.rules.facts.model import CalendarEvent, Facts
from imgpath.engines.rules.wording import EXAM_NAMES

# A date window set by a rule of its own (OET "on or after 1 January of the year two years
# before"), not an event that recurs on the same weekday: it is not projected.
_RULES_NOT_EVENTS = {CalendarEvent.OET_TAKEN_ON_OR_AFTER}


@dataclass(frozen=True)
class OwnDate:
    date: date
    title: str
    kind: str  # "exam" or "training"


@dataclass(frozen=True)
class ProjectedDate:
    event: CalendarEvent
    date: date
    title: str
    projected_from: int
    fact_id: str


def own_dates(profile: Profile) -> tuple[OwnDate, ...]:
    """Scheduled exam sittings and the expected end of residency, from the profile."""
    found: list[OwnDate] = []
    for exam_id, name in EXAM_NAMES.items():
        exam = profile.exams.usmle(exam_id)
        if exam and exam.status is ExamStatus.SCHEDULED and exam.date:
            found.append(OwnDate(exam.date, f"Your USMLE {name} sitting", "exam"))
    oet = profile.exams.oet
    if oet and oet.status is ExamStatus.SCHEDULED and oet.date:
        found.append(OwnDate(oet.date, "Your OET Medicine sitting", "exam"))
    for item in profile.experience:
        if item.kind is ExperienceKind.US_RESIDENCY and item.end_date:
            found.append(OwnDate(item.end_date, "Your residency ends", "training"))
    return tuple(sorted(set(found), key=lambda d: (d.date, d.title)))


def projected_calendar(facts: Facts, match_year: int) -> tuple[ProjectedDate, ...]:
    """The cycle dates of ``match_year`` projected from the latest earlier published cycle.

    Empty when ``match_year`` has a published calendar or no earlier one exists."""
    if any(entry.date for entry in facts.calendar_for(match_year).values()):
        return ()
    earlier = sorted({e.match_year for e in facts.calendar if e.match_year < match_year and e.date})
    if not earlier:
        return ()
    base = earlier[-1]
    weeks = round((match_year - base) * 365.2425 / 7)
    projected = [
        ProjectedDate(
            event=entry.event,
            date=entry.date + timedelta(weeks=weeks),
            title=entry.title.replace(str(base), str(match_year)),
            projected_from=base,
            fact_id=entry.id,
        )
        for entry in facts.calendar_for(base).values()
        if entry.date is not None and entry.event not in _RULES_NOT_EVENTS
    ]
    return tuple(sorted(projected, key=lambda p: (p.date, p.event.value)))
