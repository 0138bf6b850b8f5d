"""Phase 3, the residency application (ERAS): program list, personal statement, letters,
and the application itself, due when ERAS opens submissions for the target Match year."""

from __future__ import annotations

from datetime import date

from imgpath.engines.rules.facts.model import CalendarEvent
from imgpath.engines.rules.profile import VisaPreference
from imgpath.engines.rules.roadmap import RoadmapWarning, Step, StepStatus
from imgpath.engines.rules.situation import Situation, make_step
from imgpath.engines.rules.wording import day, listing


def build(sit: Situation) -> tuple[list[Step], list[RoadmapWarning]]:
    return [
        program_list_step(sit),
        personal_statement_step(sit),
        letters_step(sit),
        eras_step(sit),
    ], []


def _done_or_blocked(sit: Situation, step_id: str, title: str, ready: bool | None) -> Step | None:
    if sit.matched:
        return make_step(step_id, title, StepStatus.DONE, "You have matched to a residency.")
    if ready:
        return make_step(step_id, title, StepStatus.DONE, "Done, according to your profile.")
    if sit.exams_blocked:
        return make_step(
            step_id,
            title,
            StepStatus.BLOCKED,
            "Programs need ECFMG to confirm your exams, which the blocker above prevents for now.",
        )
    return None


def program_list_step(sit: Situation) -> Step:
    title = "Build your program list"
    early = _done_or_blocked(sit, "program_list", title, sit.profile.progress.program_list_ready)
    if early:
        return early
    specialties = sit.profile.targets.specialties
    labels = [sit.facts.specialty_label(item) for item in specialties]
    signals = dict(sit.value("eras_signals_2025", "by_specialty"))
    cite = [sit.fact("nrmp_visa_not_checked")]
    if specialties:
        reason = f"List the {listing(labels, 'or')} programs you will apply to. "
    else:
        reason = "Choose your specialty (add it to your profile), then list programs. "
    reason += "Check each program's own requirements"
    if sit.needs_visa:
        reason += (
            f" and whether it sponsors the visa you need ({_visa_words(sit)}); the NRMP "
            "does not check visas, so that is on you and the program"
        )
    reason += "."
    known = {item: signals[item] for item in specialties if item in signals}
    if known:
        cite.append(sit.fact("eras_signals_2025"))
        shown = "; ".join(f"{sit.facts.specialty_label(k)} {v}" for k, v in known.items())
        reason += (
            f" Program signals in the 2025 ERAS season: {shown} (the counts for later "
            "seasons were not found)."
        )
    due = _submission_opens(sit)
    return make_step(
        "program_list",
        title,
        StepStatus.TODO,
        reason,
        cite=cite,
        due=due,
        details={"specialties": list(specialties), "signals_2025": known},
        actionable=True,
    )


def personal_statement_step(sit: Situation) -> Step:
    title = "Write your personal statement"
    early = _done_or_blocked(
        sit, "personal_statement", title, sit.profile.progress.personal_statement_ready
    )
    if early:
        return early
    return make_step(
        "personal_statement",
        title,
        StepStatus.TODO,
        "Have it ready before ERAS opens submissions" + _when(sit) + ".",
        due=_submission_opens(sit),
        actionable=True,
    )


def letters_step(sit: Situation) -> Step:
    title = "Arrange letters of recommendation"
    early = _done_or_blocked(
        sit, "letters_of_recommendation", title, sit.profile.progress.letters_ready
    )
    if early:
        return early
    most = sit.value("letters_program_specific", "max_per_program")
    reason = (
        f"No ERAS or NRMP rule sets how many letters you need: ERAS lets you assign up to {most} "
        "per program, programs usually ask for 3 or 4, and whether one must come from a U.S. "
        "physician is each program's choice, so read each program's requirements. Your writers "
        "upload their letters themselves through the AAMC Letter Writer Portal (a guest link "
        "works); you request them in MyERAS."
    )
    cite = [
        sit.fact(item)
        for item in (
            "letters_program_specific",
            "letters_typical_count",
            "letters_writer_portal",
            "letters_not_nrmp_rule",
        )
    ]
    return make_step(
        "letters_of_recommendation",
        title,
        StepStatus.TODO,
        reason,
        cite=cite,
        due=_submission_opens(sit),
        details={"max_per_program": most},
        actionable=True,
    )


def eras_step(sit: Situation) -> Step:
    title = "Submit your ERAS application"
    early = _done_or_blocked(sit, "eras_application", title, sit.profile.progress.eras_submitted)
    if early:
        return early
    opens = sit.event(CalendarEvent.ERAS_SUBMISSION_OPENS)
    review = sit.event(CalendarEvent.PROGRAM_REVIEW_OPENS)
    season = sit.event(CalendarEvent.ERAS_SEASON_OPENS)
    cite = [opens, review, season, sit.fact("eras_token_via_ecfmg")]
    if opens is None or opens.date is None:
        reason = (
            f"The ERAS dates for the {sit.match_year} Match are not in our data yet; they "
            "will appear here once AAMC publishes them."
        )
    else:
        reason = _eras_timing(sit, opens.date, review.date if review else None)
    reason += " As an IMG you get your ERAS token through ECFMG (MyIntealth)."
    started = season is not None and season.date is not None and season.date <= sit.today
    return make_step(
        "eras_application",
        title,
        StepStatus.TODO,
        reason,
        cite=cite,
        due=opens.date if opens else None,
        actionable=started,
        details={
            "season_opens": season.date if season else None,
            "submission_opens": opens.date if opens else None,
            "program_review_opens": review.date if review else None,
        },
    )


def _eras_timing(sit: Situation, opens: date, review: date | None) -> str:
    reviewing = f" Programs start reviewing on {day(review)}." if review else ""
    if opens >= sit.today:
        return f"Submit on or soon after {day(opens)}, when ERAS opens submissions.{reviewing}"
    return (
        f"ERAS opened submissions for the {sit.match_year} Match on {day(opens)}; you can "
        f"still apply, but programs review early applications first.{reviewing}"
    )


def _submission_opens(sit: Situation) -> date | None:
    return sit.event_date(CalendarEvent.ERAS_SUBMISSION_OPENS)


def _when(sit: Situation) -> str:
    opens = _submission_opens(sit)
    return f" on {day(opens)}" if opens else f" for the {sit.match_year} Match"


def _visa_words(sit: Situation) -> str:
    preference = sit.profile.visa_preference
    if preference is VisaPreference.J1:
        return "J-1"
    if preference is VisaPreference.H1B:
        return "H-1B"
    return "J-1 or H-1B"
