"""The deadline that decides whether an IMG can be ranked at all.

ECFMG must have verified Step 1, Step 2 CK and the Pathway (with OET) by the NRMP's rank
order list certification deadline, or the applicant is withdrawn from the Match and SOAP;
the certificate itself is needed only by the start of training. An exam sat after that
deadline, or a result that arrives after it, means the next Match (guidance 2026-12, item 4).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from imgpath.engines.profile.model import ExamStatus, PathwaysStatus
from imgpath.engines.rules.facts.model import CalendarEntry, CalendarEvent
from imgpath.engines.rules.roadmap import RoadmapWarning, Severity, Step, StepStatus
from imgpath.engines.rules.situation import Situation, make_step, make_warning
from imgpath.engines.rules.wording import EXAM_NAMES, day, listing

STEP_ID = "ecfmg_verification_by_rol"
TITLE = "Have ECFMG verify your exams and Pathway by the rank order list deadline"


def verification_step(sit: Situation) -> tuple[Step, list[RoadmapWarning]]:
    rule = sit.fact("nrmp_verification_by_rol_deadline")
    if sit.matched or sit.certified:
        why = "You have matched." if sit.matched else "You are ECFMG certified."
        return make_step(STEP_ID, TITLE, StepStatus.DONE, why, cite=[rule]), []
    if sit.exams_blocked:
        return (
            make_step(
                STEP_ID,
                TITLE,
                StepStatus.BLOCKED,
                "ECFMG cannot verify your exams while the blocker above stands.",
                cite=[rule],
            ),
            [],
        )
    missing = _missing(sit)
    if not missing:
        return (
            make_step(
                STEP_ID,
                TITLE,
                StepStatus.DONE,
                "Step 1, Step 2 CK and your Pathway are done, so ECFMG can report you as "
                "verified to the NRMP. You still need the ECFMG Certificate by the start of "
                "training.",
                cite=[rule],
            ),
            [],
        )
    deadline = sit.event(CalendarEvent.ROL_DEADLINE)
    lead = (
        f"To be ranked in the {sit.match_year} Match, ECFMG must verify "
        f"{listing(missing)} by the rank order list certification deadline"
    )
    if deadline is None or deadline.date is None:
        reason = (
            f"{lead}; that date for the {sit.match_year} Match is not in our data. Otherwise "
            "the NRMP withdraws you from the Match and SOAP. The ECFMG Certificate itself is "
            "needed only by the start of training."
        )
        return make_step(STEP_ID, TITLE, StepStatus.TODO, reason, cite=[rule]), []
    return _against_deadline(sit, deadline, missing, lead)


def _missing(sit: Situation) -> list[str]:
    missing = [
        EXAM_NAMES[exam] for exam in ("usmle_step1", "usmle_step2ck") if not sit.passed(exam)
    ]
    if sit.profile.pathways is not PathwaysStatus.ACCEPTED:
        missing.append("your Pathway and OET")
    return missing


def _against_deadline(
    sit: Situation, deadline: CalendarEntry, missing: list[str], lead: str
) -> tuple[Step, list[RoadmapWarning]]:
    assert deadline.date is not None
    rule = sit.fact("nrmp_verification_by_rol_deadline")
    reporting = sit.fact("usmle_score_reporting")
    when = sit.event_day(deadline)
    cite = [rule, deadline]
    parts = [
        f"{lead}, {when}; otherwise the NRMP withdraws you from the Match and SOAP and your "
        "rank order list is not used. The ECFMG Certificate itself is needed only by the start "
        "of training."
    ]
    late: list[str] = []
    tight: list[str] = []
    allow = int(cast(int, reporting.value("allow_weeks")))
    for exam in ("usmle_step1", "usmle_step2ck"):
        sitting = sit.exam(exam)
        if sit.passed(exam) or sitting.status is not ExamStatus.SCHEDULED or not sitting.date:
            continue
        if sitting.date > deadline.date:
            late.append(f"{EXAM_NAMES[exam]} on {day(sitting.date)}")
        elif sitting.date + timedelta(weeks=allow) > deadline.date:
            tight.append(f"{EXAM_NAMES[exam]} on {day(sitting.date)}")
    oet = sit.profile.exams.oet
    if oet and oet.status is ExamStatus.SCHEDULED and oet.date and oet.date > deadline.date:
        late.append(f"OET on {day(oet.date)}")
    if tight:
        cite.append(reporting)
        parts.append(
            f"Your {listing(tight)} leaves little time: USMLE results usually take "
            f"{reporting.value('usual_weeks')} weeks and can take {allow} (unconfirmed), and "
            "ECFMG must then update your status."
        )
    if oet and oet.status is ExamStatus.SCHEDULED:
        parts.append(
            "OET results also take time to arrive, and ECFMG must then accept your Pathway; "
            "our sources do not say how long, so leave a margin."
        )
    overdue = None
    warnings: list[RoadmapWarning] = []
    if late:
        overdue = sit.too_late(f"your {listing(late)} falls after the deadline, {when}")
    elif deadline.date < sit.today:
        overdue = sit.too_late(f"ECFMG had to verify {listing(missing)} by {when}")
    if overdue:
        warnings.append(make_warning("too_late_for_match", Severity.BLOCKER, overdue, cite))
    return (
        make_step(
            STEP_ID,
            TITLE,
            StepStatus.TODO,
            " ".join(parts),
            cite=cite,
            due=deadline.date,
            overdue=overdue,
            details={"missing": missing, "after_deadline": late, "deadline": deadline.date},
        ),
        warnings,
    )


def passed_deadline(sit: Situation, event: CalendarEvent) -> date | None:
    """The event's date when it is already behind ``today``; else None."""
    when = sit.event_date(event)
    return when if when is not None and when < sit.today else None
