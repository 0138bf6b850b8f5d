"""What the profile means, worked out once: citizenship, attempts, graduation, match year.

Every phase reads the same ``Situation``, so a rule such as "4 unsuccessful attempts at
any Step bar every Step" is computed in one place and applied the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from imgpath.engines.profile import counting
from imgpath.engines.profile.model import (
    USMLE_EXAMS,
    ExamStatus,
    ExperienceKind,
    Profile,
    UsmleExam,
)
from imgpath.engines.rules.facts.model import (
    STANDING_WORDS,
    CalendarEntry,
    CalendarEvent,
    Fact,
    FactRow,
    Facts,
)
from imgpath.engines.rules.roadmap import RoadmapWarning, Severity, SourceRef, Step, StepStatus
from imgpath.engines.rules.wording import day, month_year

# From 1 September the current cycle's applications are already out, so a person
# starting now aims at the cycle after it (ERAS submissions open in early September).
CYCLE_CUTOFF = (9, 1)
# Follows every date in a step's words that rests on a fact no primary source confirms.
UNCONFIRMED = " (unconfirmed)"


@dataclass(frozen=True)
class Situation:
    profile: Profile
    facts: Facts
    today: date
    match_year: int
    match_year_reason: str
    calendar: dict[CalendarEvent, CalendarEntry] = field(default_factory=dict)

    # ---- who the applicant is ----
    @property
    def us_citizen(self) -> bool:
        return counting.us_citizen(self.profile)

    @property
    def needs_visa(self) -> bool:
        return counting.needs_visa(self.profile)

    @property
    def is_canadian(self) -> bool:
        """A Canadian citizen (not a permanent resident of Canada) who needs U.S. status."""
        return "CA" in self.profile.citizenships and self.needs_visa

    @property
    def visa_status_known(self) -> bool:
        return self.us_citizen or self.profile.us_status is not None

    # ---- school and graduation ----
    @property
    def school_ineligible(self) -> bool:
        return self.profile.medical_school.ecfmg_sponsor_note is False and not self.certified

    @property
    def graduated(self) -> bool | None:
        school = self.profile.medical_school
        if school.graduated is not None:
            return school.graduated
        if self.certified or self.in_residency:
            return True
        # A graduation year already behind us means graduated (an expected year would be
        # entered with graduated: false).
        year = school.graduation_year
        return True if year is not None and year < self.today.year else None

    @property
    def years_since_graduation(self) -> int | None:
        year = self.profile.medical_school.graduation_year
        if not self.graduated or year is None:
            return None
        return max(0, self.today.year - year)

    # ---- exams ----
    @property
    def certified(self) -> bool:
        return self.profile.ecfmg_certified is True

    def exam(self, exam_id: str) -> UsmleExam:
        return self.profile.exams.usmle(exam_id) or UsmleExam()

    def passed(self, exam_id: str) -> bool:
        return counting.exam_passed(self.profile, exam_id)

    def unsuccessful(self, exam_id: str) -> int:
        exam = self.exam(exam_id)
        attempts = exam.attempts or 0
        if exam.status is ExamStatus.PASSED:
            return max(0, attempts - 1)
        if exam.status is ExamStatus.FAILED:
            return max(1, attempts)
        return attempts

    @property
    def attempt_limit(self) -> int:
        return int(self.value("usmle_attempt_limit", "limit"))

    @property
    def barred_exam(self) -> str | None:
        """The first Step with as many unsuccessful attempts as the limit: it bars every Step."""
        return next((e for e in USMLE_EXAMS if self.unsuccessful(e) >= self.attempt_limit), None)

    @property
    def exams_blocked(self) -> bool:
        return self.school_ineligible or self.barred_exam is not None

    # ---- experience ----
    def months_of(self, *kinds: ExperienceKind) -> float:
        return float(
            sum(item.months or 0 for item in self.profile.experience if item.kind in kinds)
        )

    def has(self, kind: ExperienceKind) -> bool:
        return any(item.kind is kind for item in self.profile.experience)

    @property
    def us_clinical_months(self) -> float:
        return counting.us_clinical_months(self.profile)

    @property
    def hands_on_months(self) -> float:
        return counting.hands_on_months(self.profile)

    @property
    def us_residency_months(self) -> float:
        return self.months_of(ExperienceKind.US_RESIDENCY)

    @property
    def in_residency(self) -> bool:
        return self.has(ExperienceKind.US_RESIDENCY)

    @property
    def matched(self) -> bool:
        return self.profile.progress.matched is True or self.in_residency

    # ---- facts ----
    def fact(self, fact_id: str) -> Fact:
        return self.facts.fact(fact_id)

    def value(self, fact_id: str, key: str) -> Any:
        return self.facts.fact(fact_id).value(key)

    def event(self, event: CalendarEvent) -> CalendarEntry | None:
        return self.calendar.get(event)

    def event_date(self, event: CalendarEvent) -> date | None:
        entry = self.calendar.get(event)
        return entry.date if entry else None

    # ---- dates in words: a date no source confirms never reads as fact ----
    def day_of(self, row: FactRow | None, value: date) -> str:
        """``value`` in words, marked "(unconfirmed)" when ``row`` is not verified."""
        return day(value) + ("" if row is None or row.verified else UNCONFIRMED)

    def fact_day(self, fact_id: str, key: str) -> str:
        row = self.facts.fact(fact_id)
        value = row.value(key)
        assert isinstance(value, date), f"{fact_id}.{key} is not a date"
        return self.day_of(row, value)

    def standing_words(self, row: FactRow) -> str:
        """A contested or time-limited fact's last known status, dated, never as settled law."""
        if row.standing is None or row.standing_as_of is None:
            return ""
        stop = f" Our sources stop in {month_year(row.known_until)}." if row.known_until else ""
        return (
            f"Status as of {day(row.standing_as_of)}: {STANDING_WORDS[row.standing]}. "
            f"{' '.join((row.standing_text or '').split())}{stop} Check its current status "
            "with the official source before you rely on it."
        )

    def too_late(self, what: str) -> str:
        """What a passed deadline means: the target Match is out of reach, the next is not."""
        return (
            f"Too late for the {self.match_year} Match: {what}. The next Match you can still "
            f"aim for is {self.match_year + 1}; set it as your target Match year."
        )

    def event_day(self, entry: CalendarEntry) -> str:
        assert entry.date is not None
        return self.day_of(entry, entry.date)


def resolve_match_year(profile: Profile, today: date) -> tuple[int, str]:
    """The target Match year, or a default worked out from ``today`` (documented in words)."""
    if profile.targets.match_year is not None:
        return profile.targets.match_year, "the Match year in your profile"
    cycle = today.year + 1 if (today.month, today.day) < CYCLE_CUTOFF else today.year + 2
    reason = (
        f"no Match year in your profile; the earliest cycle you can still join from the start "
        f"is the {cycle} Match (applications go out in September {cycle - 1})"
    )
    school = profile.medical_school
    if school.graduated is False and school.graduation_year and school.graduation_year > cycle:
        return school.graduation_year, (
            f"no Match year in your profile; you expect to graduate in "
            f"{school.graduation_year}, so we assumed the {school.graduation_year} Match"
        )
    return cycle, reason


def make_step(
    step_id: str,
    title: str,
    status: StepStatus,
    reason: str,
    *,
    cite: Iterable[FactRow | None] = (),
    due: date | None = None,
    details: dict[str, Any] | None = None,
    actionable: bool = False,
    overdue: str | None = None,
) -> Step:
    return Step(
        id=step_id,
        title=title,
        status=status,
        reason=reason,
        due=due,
        details=details or {},
        sources=sources_of(cite),
        actionable=actionable and status is StepStatus.TODO,
        overdue=overdue,
    )


def make_warning(
    code: str, severity: Severity, message: str, cite: Iterable[FactRow | None] = ()
) -> RoadmapWarning:
    return RoadmapWarning(code=code, severity=severity, message=message, sources=sources_of(cite))


def sources_of(rows: Iterable[FactRow | None]) -> tuple[SourceRef, ...]:
    unique: dict[str, SourceRef] = {}
    for row in rows:
        if row is not None and row.id not in unique:
            unique[row.id] = SourceRef.of(row)
    return tuple(unique.values())
