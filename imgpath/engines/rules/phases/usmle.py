"""One USMLE Step as a roadmap step: passed, blocked by the attempt limit, or still to do.

Step 1, Step 2 CK and Step 3 share the attempt limit (USMLE: 4 unsuccessful attempts at
any Step bar every Step), so they share this builder.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from imgpath.engines.profile.model import ExamStatus
from imgpath.engines.rules.facts.model import FactRow
from imgpath.engines.rules.roadmap import Step, StepStatus
from imgpath.engines.rules.situation import Situation, make_step
from imgpath.engines.rules.wording import EXAM_NAMES, count, day


def usmle_step(
    sit: Situation,
    exam_id: str,
    *,
    purpose: str,
    cite: Sequence[FactRow] = (),
    details: dict[str, Any] | None = None,
    ready: bool = True,
    not_ready_reason: str = "",
    note: str = "",
    now: bool = True,
) -> Step:
    """Build the step for ``exam_id``.

    ``ready`` is False while a prerequisite is missing; ``now`` is False when the exam can
    wait (it then never becomes the "next" step).
    """
    name = EXAM_NAMES[exam_id]
    exam = sit.exam(exam_id)
    limit_fact = sit.fact("usmle_attempt_limit")
    facts = {
        "attempts": exam.attempts,
        "unsuccessful_attempts": sit.unsuccessful(exam_id),
        "attempt_limit": sit.attempt_limit,
        **(details or {}),
    }
    title = f"Pass USMLE {name}"
    if sit.passed(exam_id):
        return make_step(
            exam_id, title, StepStatus.DONE, _passed_reason(sit, exam_id), cite=cite, details=facts
        )
    blocked = _blocked_reason(sit, exam_id)
    if blocked:
        return make_step(
            exam_id, title, StepStatus.BLOCKED, blocked, cite=[*cite, limit_fact], details=facts
        )
    reason = f"{name} {purpose}. " + _attempts_sentence(sit, exam_id)
    if exam.status is ExamStatus.SCHEDULED and exam.date:
        when = "is scheduled for" if exam.date >= sit.today else "was scheduled for"
        reason += f" Your sitting {when} {day(exam.date)}."
        if exam.date < sit.today:
            reason += " Add your result to your profile when you have it."
    if note:
        reason += f" {note}"
    if not ready:
        reason += f" {not_ready_reason}"
    return make_step(
        exam_id,
        title,
        StepStatus.TODO,
        reason.strip(),
        cite=[*cite, limit_fact],
        details=facts,
        actionable=ready and now,
    )


def _passed_reason(sit: Situation, exam_id: str) -> str:
    exam = sit.exam(exam_id)
    name = EXAM_NAMES[exam_id]
    if exam.status is not ExamStatus.PASSED:
        return f"Your ECFMG Certification shows you passed {name}."
    reason = f"You passed {name}"
    if exam.date:
        reason += f" on {day(exam.date)}"
    if exam.score:
        reason += f" with a score of {exam.score}"
    if exam.attempts and exam.attempts > 1:
        reason += f", on attempt {exam.attempts}"
    return reason + "."


def _blocked_reason(sit: Situation, exam_id: str) -> str | None:
    name = EXAM_NAMES[exam_id]
    barred = sit.barred_exam
    if barred is not None:
        failed = sit.unsuccessful(barred)
        since = day(sit.value("usmle_attempt_limit", "effective_from"))
        where = "this Step" if barred == exam_id else EXAM_NAMES[barred]
        return (
            f"You have {count(failed, 'unsuccessful attempt')} at {where}. Since {since} the "
            f"USMLE bars anyone with {sit.attempt_limit} or more unsuccessful attempts at any Step "
            f"from applying for any Step, so you cannot sit {name}."
        )
    if sit.school_ineligible:
        return (
            f"You cannot apply for {name}: your school has no ECFMG note in the World Directory, "
            "and without it ECFMG accepts no application for the exams."
        )
    return None


def _attempts_sentence(sit: Situation, exam_id: str) -> str:
    used = sit.unsuccessful(exam_id)
    limit = sit.attempt_limit
    since = day(sit.value("usmle_attempt_limit", "effective_from"))
    if used == 0:
        return f"Each Step allows at most {limit} attempts (USMLE limit since {since})."
    sentence = f"You have used {used} of {limit} attempts at {EXAM_NAMES[exam_id]}; "
    if used + 1 >= limit:
        ordinal = {2: "second", 3: "third", 4: "fourth"}.get(limit, f"{limit}th")
        return sentence + (
            f"a {ordinal} failure would bar you from every USMLE Step (limit since {since})."
        )
    return sentence + f"{limit - used} remain before the USMLE limit (since {since})."
