"""Phase 4, the NRMP Match: registration, rank order list, Match Day. Dates come from the
calendar of the target Match year; a year without a calendar says so instead of guessing
(pathway-facts section 3)."""

from __future__ import annotations

from datetime import date, timedelta

from imgpath.engines.rules.facts.model import CalendarEvent
from imgpath.engines.rules.phases.deadlines import passed_deadline, verification_step
from imgpath.engines.rules.roadmap import RoadmapWarning, Severity, Step, StepStatus
from imgpath.engines.rules.situation import Situation, make_step, make_warning
from imgpath.engines.rules.wording import day

FRIDAY = 4


def build(sit: Situation) -> tuple[list[Step], list[RoadmapWarning]]:
    warnings: list[RoadmapWarning] = []
    if not sit.calendar and not sit.matched:
        warnings.append(
            make_warning(
                "match_calendar_missing",
                Severity.INFO,
                f"We have no calendar for the {sit.match_year} Match yet, so ERAS, NRMP and "
                "Pathways dates show as unknown. They will be added once AAMC, NRMP and ECFMG "
                "publish them.",
            )
        )
    verification, late = verification_step(sit)
    warnings.extend(late)
    steps = [
        registration_step(sit),
        verification,
        rank_list_step(sit),
        match_day_step(sit, warnings),
    ]
    return steps, warnings


def third_friday_of_march(year: int) -> date:
    first = date(year, 3, 1)
    return first + timedelta(days=(FRIDAY - first.weekday()) % 7 + 14)


def _early(sit: Situation, step_id: str, title: str, done: bool | None) -> Step | None:
    if sit.matched:
        return make_step(step_id, title, StepStatus.DONE, "You have matched to a residency.")
    if done:
        return make_step(step_id, title, StepStatus.DONE, "Done, according to your profile.")
    if sit.exams_blocked:
        return make_step(
            step_id,
            title,
            StepStatus.BLOCKED,
            "The NRMP relies on ECFMG to confirm your exams, which the blocker above "
            "prevents for now.",
        )
    return None


def registration_step(sit: Situation) -> Step:
    title = "Register for the NRMP Match"
    early = _early(sit, "nrmp_registration", title, sit.profile.progress.nrmp_registered)
    if early:
        return early
    opens = sit.event(CalendarEvent.NRMP_REGISTRATION_OPENS)
    when = (
        f"Registration for the {sit.match_year} Match opens on {sit.event_day(opens)}."
        if opens and opens.date
        else f"The NRMP registration date for the {sit.match_year} Match is not in our data."
    )
    reason = (
        f"{when} The NRMP does not require the ECFMG certificate itself, but ECFMG must "
        "confirm you have completed the exam requirements for certification. Registration is "
        "separate from ERAS and ResidencyCAS."
    )
    cite = [opens, sit.fact("nrmp_ecfmg_verification")]
    early_end = sit.event(CalendarEvent.NRMP_EARLY_REGISTRATION_DEADLINE)
    fee = sit.fact("nrmp_late_registration_fee")
    if early_end and early_end.date:
        cite += [early_end, fee]
        reason += (
            f" Register by {sit.event_day(early_end)} to avoid the late fee "
            f"(${fee.value('late_fee_usd')} in {fee.value('fee_year')}); late registration "
            "closes at the rank order list deadline."
        )
    overdue = None
    closed = passed_deadline(sit, CalendarEvent.ROL_DEADLINE)
    if closed:
        overdue = sit.too_late(
            "registration closed with the rank order list deadline, "
            f"{sit.event_day(sit.calendar[CalendarEvent.ROL_DEADLINE])}"
        )
    elif early_end and early_end.date and early_end.date < sit.today:
        overdue = (
            f"The early registration deadline, {sit.event_day(early_end)}, has passed: you can "
            "still register until the rank order list deadline, with the late fee."
        )
    started = opens is not None and opens.date is not None and opens.date <= sit.today
    return make_step(
        "nrmp_registration",
        title,
        StepStatus.TODO,
        reason,
        cite=cite,
        due=opens.date if opens else None,
        actionable=started and not closed,
        overdue=overdue,
    )


def rank_list_step(sit: Situation) -> Step:
    title = "Certify your rank order list"
    early = _early(sit, "rank_order_list", title, sit.profile.progress.rank_list_certified)
    if early:
        return early
    deadline = sit.event(CalendarEvent.ROL_DEADLINE)
    when = (
        f"Certify it by {sit.event_day(deadline)}"
        + (f", {deadline.time_text}" if deadline.time_text else "")
        + "."
        if deadline and deadline.date
        else f"The {sit.match_year} rank-list deadline is not in our data."
    )
    reason = (
        "After your interviews, rank programs in your true order of preference: the "
        "algorithm tries to place you in the most preferred program on your list that "
        f"also ranked you, and the result is binding. A list holds up to "
        f"{sit.value('nrmp_rank_list_size', 'max_ranks')} ranks; long lists cost extra. {when}"
    )
    progress = sit.profile.progress
    ready = bool(progress.eras_submitted and progress.nrmp_registered)
    open_now = deadline is None or deadline.date is None or deadline.date >= sit.today
    overdue = (
        None
        if open_now or deadline is None
        else sit.too_late(f"rank order lists had to be certified by {sit.event_day(deadline)}")
    )
    return make_step(
        "rank_order_list",
        title,
        StepStatus.TODO,
        reason,
        cite=[deadline, sit.fact("nrmp_algorithm"), sit.fact("nrmp_rank_list_size")],
        due=deadline.date if deadline else None,
        actionable=ready and open_now,
        overdue=overdue,
    )


def match_day_step(sit: Situation, warnings: list[RoadmapWarning]) -> Step:
    title = "Match Day"
    rates = sit.fact("match_rates_2025")
    soap = sit.fact("soap_2025")
    odds = (
        f"In the 2025 Match, {rates.value('non_us_citizen_img')}% of non-U.S.-citizen IMGs and "
        f"{rates.value('us_citizen_img')}% of U.S.-citizen IMGs matched to a first-year position,"
        f" and SOAP placed {soap.value('positions_placed'):,} more positions."
    )
    if sit.matched:
        return make_step("match_day", title, StepStatus.DONE, "You have matched to a residency.")
    if sit.exams_blocked:
        return make_step(
            "match_day", title, StepStatus.BLOCKED, "Not reachable while the blocker above stands."
        )
    entry = sit.event(CalendarEvent.MATCH_DAY)
    details: dict[str, object] = {
        "match_rates_2025": {
            "us_citizen_img": rates.value("us_citizen_img"),
            "non_us_citizen_img": rates.value("non_us_citizen_img"),
        }
    }
    cite = [entry, rates, soap]
    if entry and entry.date:
        match_day = entry.date
        reason = (
            f"Match Day is {sit.day_of(entry, match_day)}; unfilled positions are offered "
            f"through SOAP earlier in Match Week. {odds}"
        )
    else:
        match_day = third_friday_of_march(sit.match_year)
        details["estimated_date"] = match_day
        cite.append(sit.fact("match_day_third_friday"))
        reason = (
            f"The official {sit.match_year} Match Day is not in our data. By the usual rule "
            f"(the third Friday of March) it would be {day(match_day)}, which is an "
            f"estimate, not a published date. {odds}"
        )
    if match_day < sit.today:
        warnings.append(
            make_warning(
                "match_year_in_past",
                Severity.WARNING,
                f"Match Day of the {sit.match_year} Match ({day(match_day)}) has passed. If you "
                "did not match, set a later target Match year; if you matched, mark it in your "
                "profile.",
                cite,
            )
        )
    return make_step(
        "match_day",
        title,
        StepStatus.TODO,
        reason,
        cite=cite,
        due=entry.date if entry else None,
        details=details,
    )
