"""Phase 3, the residency application: program list, personal statement, letters, and the
application itself. Emergency medicine and obstetrics and gynecology apply through
ResidencyCAS, every other specialty through ERAS, so the portal, signals and dates follow
the target specialties (guidance 2026-12, item 3)."""

from __future__ import annotations

from datetime import date
from typing import cast

from imgpath.engines.profile.model import VisaPreference
from imgpath.engines.rules.facts.model import CalendarEntry, CalendarEvent, Fact
from imgpath.engines.rules.roadmap import RoadmapWarning, Step, StepStatus
from imgpath.engines.rules.situation import Situation, make_step
from imgpath.engines.rules.wording import listing


def build(sit: Situation) -> tuple[list[Step], list[RoadmapWarning]]:
    steps = [program_list_step(sit), personal_statement_step(sit), letters_step(sit)]
    if uses_eras(sit):
        steps.append(eras_step(sit))
    if residencycas_targets(sit):
        steps.append(residencycas_step(sit))
    return steps, []


def residencycas_targets(sit: Situation) -> list[str]:
    """The target specialties that apply through ResidencyCAS rather than ERAS."""
    services = set(sit.value("residencycas_specialties", "specialties"))
    return [item for item in sit.profile.targets.specialties if item in services]


def uses_eras(sit: Situation) -> bool:
    """ERAS unless every target specialty is a ResidencyCAS one (no target: ERAS, the default)."""
    targets = sit.profile.targets.specialties
    return not targets or len(residencycas_targets(sit)) < len(targets)


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
    rcas = residencycas_targets(sit)
    known = {item: signals[item] for item in specialties if item in signals and item not in rcas}
    if rcas:
        rcas_signals = sit.fact("residencycas_signals")
        cite.append(rcas_signals)
        reason += (
            f" {listing([sit.facts.specialty_label(item) for item in rcas])} programs take "
            "applications through ResidencyCAS, with their own program signals; the number "
            "of signals for the current cycle was not found, so confirm it on the Liaison help "
            "centre or the specialty society page."
        )
        if "emergency_medicine" in rcas:
            most = rcas_signals.value("geographic_connections_max")
            reason += (
                f" Emergency medicine also lets you name up to {most} 'Geographic "
                "Connections' (city or state ties), which are not signals."
            )
    if known:
        cite.extend([sit.fact("eras_signals_2025"), sit.fact("eras_signals_2027")])
        shown = "; ".join(f"{sit.facts.specialty_label(k)} {v}" for k, v in known.items())
        reason += (
            f" Program signals in the 2025 ERAS season: {shown} (the counts for later "
            "seasons were not found)."
        )
    reason += _fees_text(sit, cite)
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
    limit = sit.fact("eras_personal_statement_limit")
    return make_step(
        "personal_statement",
        title,
        StepStatus.TODO,
        (
            "Have it ready before ERAS opens submissions" + _when(sit) + "."
            if uses_eras(sit)
            else "Have it ready before ResidencyCAS opens submissions."
        )
        + f" A MyERAS statement holds up to {limit.value('max_characters'):,} characters, "
        "spaces and punctuation included, and you may write one per specialty or program.",
        cite=[limit],
        due=_submission_opens(sit) if uses_eras(sit) else None,
        details={"max_characters": limit.value("max_characters")},
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
        "works); you request them in MyERAS. Letters are PDFs on letterhead with the writer's "
        "contact details. For each letter you decide whether to waive your right to see it; "
        "once waived you can never view it. "
        'Sites that call a U.S. physician\'s letter "mandatory" are repeating a convention, '
        "not an ERAS or NRMP rule."
    )
    cite = [
        sit.fact(item)
        for item in (
            "letters_program_specific",
            "letters_typical_count",
            "letters_writer_portal",
            "letters_not_nrmp_rule",
            "letters_format",
            "letters_confidentiality",
            "letters_us_physician_claim",
        )
    ]
    if "emergency_medicine" in sit.profile.targets.specialties:
        sloe = sit.fact("sloe_emergency_medicine")
        cite.append(sloe)
        reason += (
            " Emergency medicine programs expect the Standardized Letter of Evaluation (SLOE) "
            "from emergency medicine faculty of a residency program."
        )
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


def _fees_text(sit: Situation, cite: list[Fact]) -> str:
    """The fee rules per specialty, so the list size is chosen knowing its cost."""
    eras = sit.fact("eras_residency_fees_2026")
    nrmp = sit.fact("nrmp_registration_fees")
    cite.extend([eras, nrmp])
    text = (
        f" Fees add up per specialty: in the {eras.value('fee_season')} ERAS season "
        f"${eras.value('low_tier_fee_usd')} for each of programs 1-"
        f"{eras.value('low_tier_max_programs')} and ${eras.value('high_tier_fee_usd')} for each "
        f"program after that; NRMP registration (${nrmp.value('registration_fee_usd')} for "
        f"{nrmp.value('programs_included')} ranked programs, "
        f"${nrmp.value('extra_program_fee_usd')} per extra program, {nrmp.value('fee_period')} "
        "figures); confirm current fees before paying."
    )
    if residencycas_targets(sit):
        rcas = sit.fact("residencycas_fees_2026")
        cite.append(rcas)
        text += (
            f" ResidencyCAS charged emergency medicine applicants ${rcas.value('em_flat_fee_usd')} "
            f"for the first {rcas.value('em_flat_fee_programs')} programs in 2025-26."
        )
    return text


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
        reason = _eras_timing(sit, opens, review if review and review.date else None)
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


def _eras_timing(sit: Situation, opens: CalendarEntry, review: CalendarEntry | None) -> str:
    reviewing = f" Programs start reviewing on {sit.event_day(review)}." if review else ""
    assert opens.date is not None
    if opens.date >= sit.today:
        return (
            f"Submit on or soon after {sit.event_day(opens)}, when ERAS opens submissions."
            f"{reviewing}"
        )
    return (
        f"ERAS opened submissions for the {sit.match_year} Match on {sit.event_day(opens)}; "
        f"you can still apply, but programs review early applications first.{reviewing}"
    )


def _submission_opens(sit: Situation) -> date | None:
    return sit.event_date(CalendarEvent.ERAS_SUBMISSION_OPENS)


def _when(sit: Situation) -> str:
    entry = sit.event(CalendarEvent.ERAS_SUBMISSION_OPENS)
    if entry is None or entry.date is None:
        return f" for the {sit.match_year} Match"
    return f" on {sit.event_day(entry)}"


def _visa_words(sit: Situation) -> str:
    preference = sit.profile.visa_preference
    if preference is VisaPreference.J1:
        return "J-1"
    if preference is VisaPreference.H1B:
        return "H-1B"
    return "J-1 or H-1B"


def residencycas_step(sit: Situation) -> Step:
    title = "Submit your ResidencyCAS application"
    early = _done_or_blocked(
        sit, "residencycas_application", title, sit.profile.progress.eras_submitted
    )
    if early:
        return early
    labels = listing([sit.facts.specialty_label(item) for item in residencycas_targets(sit)])
    access = sit.fact("residencycas_img_access")
    cycle = sit.fact("residencycas_2026_cycle")
    cite = [sit.fact("residencycas_specialties"), access, cycle]
    reason = (
        f"{labels} programs take applications through ResidencyCAS (Liaison), not ERAS. As an "
        "IMG you cannot self-register: ask ECFMG for your individual access link. You will "
        "need your ECFMG Status Report, USMLE transcript, MSPE and medical school transcript. "
        "Register with the NRMP separately."
    )
    due: date | None = None
    if sit.match_year == 2026:
        due = cast(date, cycle.value("deadline"))
        reason += (
            " For the 2026 Match submissions opened on "
            f"{sit.fact_day(cycle.id, 'submission_opens')} and closed on "
            f"{sit.fact_day(cycle.id, 'deadline')}."
        )
    else:
        reason += (
            f" ResidencyCAS dates and fees for the {sit.match_year} Match are not in our data "
            f"(in the 2025-26 cycle submissions opened on "
            f"{sit.fact_day(cycle.id, 'submission_opens')} and closed on "
            f"{sit.fact_day(cycle.id, 'deadline')}); confirm them on the Liaison help centre."
        )
    return make_step(
        "residencycas_application",
        title,
        StepStatus.TODO,
        reason,
        cite=cite,
        due=due,
        actionable=True,
        details={"service": "residencycas", "specialties": residencycas_targets(sit)},
    )
