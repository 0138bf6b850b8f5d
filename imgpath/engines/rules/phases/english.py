"""English (OET Medicine) and clinical skills (the Pathways): the requirements that replaced
Step 2 CS. Both are judged against the Pathways season of the target Match year, because
each season sets its own deadline and OET date window (pathway-facts sections 1.4-1.5)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from imgpath.engines.profile.model import ExamStatus, OetResult, PathwaysStatus
from imgpath.engines.rules.facts.model import CalendarEntry, CalendarEvent, FactRow
from imgpath.engines.rules.roadmap import RoadmapWarning, Severity, Step, StepStatus
from imgpath.engines.rules.situation import Situation, make_step, make_warning
from imgpath.engines.rules.wording import day, listing

PARTS = ("listening", "reading", "writing", "speaking")


def english_step(sit: Situation, warnings: list[RoadmapWarning]) -> Step:
    title = "Pass OET Medicine"
    thresholds = _thresholds(sit, sit.profile.exams.oet)
    window = sit.event(CalendarEvent.OET_TAKEN_ON_OR_AFTER)
    deadline = sit.event(CalendarEvent.PATHWAYS_DEADLINE)
    cite = [sit.fact("oet_thresholds"), sit.fact("oet_required_for_all"), window, deadline]
    if thresholds != _thresholds(sit, None):
        cite.append(sit.fact("oet_before_april_2022"))
    due = deadline.date if deadline else None
    details = {
        "minimum_scores": thresholds,
        "one_sitting": True,
        "pathways_season": sit.match_year,
        "taken_on_or_after": window.date if window else None,
    }
    if sit.certified:
        return make_step(
            "english_proficiency",
            title,
            StepStatus.DONE,
            "Your ECFMG certificate shows you met the English requirement.",
            cite=cite[:1],
        )
    if sit.exams_blocked:
        return make_step(
            "english_proficiency",
            title,
            StepStatus.BLOCKED,
            "ECFMG Certification is not possible while the blocker above stands, so "
            "an OET result would not help yet.",
            cite=cite[:1],
            details=details,
        )
    problem = _oet_problem(sit, thresholds, warnings, cite)
    if problem is None:
        oet = sit.profile.exams.oet
        assert oet is not None
        reason = "You passed OET Medicine" + (f" on {day(oet.date)}" if oet.date else "") + "."
        reason += _unchecked_note(sit, oet)
        return make_step(
            "english_proficiency", title, StepStatus.DONE, reason, cite=cite, details=details
        )
    return make_step(
        "english_proficiency",
        title,
        StepStatus.TODO,
        problem,
        cite=cite,
        due=due,
        details=details,
        actionable=True,
    )


def clinical_skills_step(sit: Situation) -> Step:
    title = "Meet the clinical skills requirement (a Pathway)"
    deadline = sit.event(CalendarEvent.PATHWAYS_DEADLINE)
    cite = [
        sit.fact("pathways_replace_step2cs"),
        sit.fact("pathways_2026_required"),
        sit.fact("pathways_routes"),
        deadline,
        sit.fact("step2cs_discontinued"),
        sit.fact("pathways_not_discontinued"),
    ]
    status = sit.profile.pathways
    if sit.certified:
        return make_step(
            "clinical_skills",
            title,
            StepStatus.DONE,
            "Your ECFMG certificate shows you met the clinical skills requirement.",
            cite=cite[:1],
        )
    if status is PathwaysStatus.ACCEPTED:
        return make_step(
            "clinical_skills",
            title,
            StepStatus.DONE,
            "ECFMG accepted your Pathway application. Accepted Pathways expire; if "
            "yours expires before you are certified, apply for Pathways Revalidation.",
            cite=[cite[0], sit.fact("pathways_revalidation")],
        )
    if sit.exams_blocked:
        return make_step(
            "clinical_skills",
            title,
            StepStatus.BLOCKED,
            "ECFMG Certification is not possible while the blocker above stands.",
            cite=cite[:1],
        )
    if status is PathwaysStatus.SUBMITTED:
        return make_step(
            "clinical_skills",
            title,
            StepStatus.TODO,
            "You have applied; ECFMG is reviewing your Pathway application.",
            cite=cite[:2],
        )
    reason = (
        "ECFMG's Pathways replaced Step 2 CS (discontinued in January 2021) as the clinical and "
        "communication skills requirement, which you must meet to take part in the Match; no "
        f"announcement ends the Pathways for any Match year. {_which_pathway(sit)} "
        + _deadline_sentence(sit, deadline if deadline and deadline.date else None)
    )
    return make_step(
        "clinical_skills",
        title,
        StepStatus.TODO,
        reason,
        cite=cite,
        due=deadline.date if deadline else None,
        actionable=True,
        details={"pathways_season": sit.match_year, "licensed_abroad": sit.profile.licensed_abroad},
    )


def _thresholds(sit: Situation, oet: OetResult | None) -> dict[str, int]:
    """Minimums for this result: tests taken before April 2022 needed 350 in all four."""
    if oet and oet.date and oet.date < sit.value("oet_before_april_2022", "taken_before"):
        each = sit.value("oet_before_april_2022", "minimum_each")
        return dict.fromkeys(PARTS, each)
    return {part: sit.value("oet_thresholds", part) for part in PARTS}


def _oet_problem(
    sit: Situation,
    minimum: dict[str, int],
    warnings: list[RoadmapWarning],
    cite: Sequence[FactRow | None],
) -> str | None:
    """Why the OET is not done yet, in words; None when the result counts."""
    oet = sit.profile.exams.oet
    needs = (
        f"ECFMG needs OET Medicine from every Pathways applicant, whatever your citizenship: "
        f"{_minimum_words(minimum)}, all in one sitting."
    )
    if oet is None or oet.status in (None, ExamStatus.NOT_TAKEN):
        return f"{needs} {_window_sentence(sit)}"
    if oet.status is ExamStatus.SCHEDULED:
        when = f" for {day(oet.date)}" if oet.date else ""
        return f"Your OET is scheduled{when}. {needs} {_window_sentence(sit)}"
    low = [
        part
        for part in PARTS
        if getattr(oet, part) is not None and getattr(oet, part) < minimum[part]
    ]
    if low:
        scores = listing(
            f"{part.capitalize()} {getattr(oet, part)} (minimum {minimum[part]})" for part in low
        )
        message = (
            f"Your OET score is below the ECFMG minimum: {scores}. If any sub-test misses its "
            "minimum, all four must be retaken together in one sitting; retakes are not limited."
        )
        warnings.append(make_warning("oet_below_minimum", Severity.WARNING, message, cite[:1]))
        return f"{message} {_window_sentence(sit)}"
    if oet.status is ExamStatus.FAILED:
        return f"Your last OET did not pass. {needs} {_window_sentence(sit)}"
    return _too_old(sit, oet.date, warnings, cite)


def _too_old(
    sit: Situation,
    taken: date | None,
    warnings: list[RoadmapWarning],
    cite: Sequence[FactRow | None],
) -> str | None:
    window = sit.event(CalendarEvent.OET_TAKEN_ON_OR_AFTER)
    if taken is None or window is None or window.date is None or taken >= window.date:
        return None
    message = (
        f"Your OET from {day(taken)} is too old for the {sit.match_year} Pathways, which "
        f"accept tests taken on or after {sit.event_day(window)}. Retake OET Medicine in time "
        "for your Pathway application."
    )
    warnings.append(make_warning("oet_too_old", Severity.WARNING, message, [window, *cite[:1]]))
    return message


def _unchecked_note(sit: Situation, oet: OetResult) -> str:
    gaps = []
    if any(getattr(oet, part) is None for part in PARTS):
        gaps.append("add all four sub-scores so we can check them against the minimums")
    window = sit.event(CalendarEvent.OET_TAKEN_ON_OR_AFTER)
    if window is None or window.date is None:
        gaps.append(
            f"the OET date window for the {sit.match_year} Pathways is not in our data, "
            "so we could not check that your test is recent enough"
        )
    elif oet.date is None:
        gaps.append(
            "add your test date so we can check it is recent enough for the "
            f"{sit.match_year} Pathways"
        )
    return f" Still: {'; '.join(gaps)}." if gaps else ""


def _window_sentence(sit: Situation) -> str:
    window = sit.event(CalendarEvent.OET_TAKEN_ON_OR_AFTER)
    if window is None or window.date is None:
        return (
            f"The OET date window for the {sit.match_year} Pathways is not in our data; "
            "check ECFMG's OET page before you book."
        )
    return (
        f"For the {sit.match_year} Pathways the test must be taken on or after "
        f"{sit.event_day(window)}."
    )


def _deadline_sentence(sit: Situation, deadline: CalendarEntry | None) -> str:
    if deadline is None or deadline.date is None:
        return (
            f"The deadline for the {sit.match_year} Pathways is not in our data; watch "
            "ECFMG's Pathways page."
        )
    passed = " (that date has passed)" if deadline.date < sit.today else ""
    return f"The {sit.match_year} Pathways deadline is {sit.event_day(deadline)}{passed}."


def _which_pathway(sit: Situation) -> str:
    since = sit.fact_day("pathways_routes", "pathway1_licence_valid_on_or_after")
    if sit.profile.licensed_abroad:
        return (
            f"As a licensed physician, look first at Pathway 1 (a licence to practise "
            f"without supervision, valid at any time on or after {since})."
        )
    return (
        "Pathways 2-5 rely on your medical school's OSCEs or attestations; Pathway 6 uses "
        "Mini-CEX evaluations by licensed physicians. Pathway 1 is for licensed physicians."
    )


def _minimum_words(minimum: dict[str, int]) -> str:
    return listing(f"{minimum[part]} in {part.capitalize()}" for part in PARTS)
