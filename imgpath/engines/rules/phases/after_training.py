"""After residency, for a J-1 physician: which routes fit, and by when to move.

A J-1 physician must spend two years at home or win a waiver before an H-1B or a green
card (INA 212(e)). The routes differ in who may use them and what they cost: Conrad 30
through a state, a federal agency waiver, the O-1, or going home, and coming back on an
H-1B from abroad may owe the $100,000 payment. Dates count back from the end of training
(guidance 2026-12, items 6 and 8).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from imgpath.engines.profile.model import CurrentVisa, ExperienceKind
from imgpath.engines.rules.roadmap import Step, StepStatus
from imgpath.engines.rules.situation import Situation, make_step
from imgpath.engines.rules.wording import day, listing

# Conrad 30 counts waivers per federal fiscal year, which starts on 1 October.
FISCAL_YEAR_START = (10, 1)
PRIMARY_CARE = {"family_medicine", "internal_medicine", "pediatrics", "psychiatry"}


def training_ends(sit: Situation) -> date | None:
    """The latest end date of U.S. residency in the profile (the expected one while training)."""
    ends = [
        item.end_date
        for item in sit.profile.experience
        if item.kind is ExperienceKind.US_RESIDENCY and item.end_date is not None
    ]
    return max(ends) if ends else None


def conrad_window_opens(end: date) -> date:
    """The last 1 October before training ends: the fiscal year a waiver job must start in."""
    month, first = FISCAL_YEAR_START
    year = end.year if (end.month, end.day) > (month, first) else end.year - 1
    return date(year, month, first)


def after_training_step(sit: Situation) -> Step:
    title = "Plan what comes after residency on a J-1"
    on_j1 = sit.profile.current_visa is CurrentVisa.J1
    end = training_ends(sit)
    specialties = [sit.facts.specialty_label(item) for item in sit.profile.targets.specialties]
    states = list(sit.profile.targets.states)
    conrad = sit.fact("conrad30")
    authorization = sit.fact("conrad30_authorization")
    payment = sit.fact("h1b_payment_abroad")
    parts = [
        "Routes once training ends, best first for most physicians:",
        _conrad_words(sit, states, end),
        "Federal agency waivers: the Appalachian Regional Commission (primary care in the "
        "Appalachian region), the Delta Regional Authority, the Department of Veterans Affairs "
        "and HHS (primary care or research) sponsor waivers for physicians who commit to "
        "3 years of service.",
        "A waiver, then a change of status to H-1B inside the U.S. once USCIS approves it, "
        "does not owe the $100,000 payment.",
        _home_words(sit, payment),
        "The O-1A (extraordinary ability: a major award, or 3 of 8 criteria) is open to "
        "highly accomplished physicians: while you are subject to 212(e) you get it only "
        "through a consulate abroad, it does not remove 212(e), and the $100,000 payment does "
        "not apply to it.",
        "Persecution or exceptional hardship to a U.S.-citizen or permanent-resident spouse or "
        "child are the other waivers; the 'no objection' waiver is not available to clinical "
        "J-1 physicians.",
    ]
    if specialties and not set(sit.profile.targets.specialties) & PRIMARY_CARE:
        parts.append(
            f"Federal waivers favour primary care; as a {listing(specialties, 'or')} "
            "physician, look first at Conrad 30 flex slots and ask each state."
        )
    if end is None:
        parts.append(
            "Add the expected end date of your residency to your profile to see the dates "
            "counted back from it."
        )
    cite = [
        sit.fact("j1_home_residency_212e"),
        conrad,
        authorization,
        sit.fact("federal_waivers"),
        sit.fact("other_waivers"),
        payment,
        sit.fact("o1_for_physicians"),
    ]
    if sit.is_canadian:
        cite.append(sit.fact("canada_212e_reside_in_canada"))
    details: dict[str, Any] = {
        "training_ends": end,
        "conrad30_window_opens": conrad_window_opens(end) if end else None,
        "target_states": states,
        "routes": ["conrad30", "federal_waiver", "home_then_h1b", "o1a", "hardship"],
    }
    due = details["conrad30_window_opens"]
    final_year = end is not None and (end - sit.today).days <= 366
    return make_step(
        "after_training",
        title,
        StepStatus.TODO,
        " ".join(parts),
        cite=cite,
        due=due,
        details=details,
        actionable=on_j1 and sit.in_residency and final_year,
    )


def _conrad_words(sit: Situation, states: list[str], end: date | None) -> str:
    slots = sit.value("conrad30", "waivers_per_state")
    flex = sit.value("conrad30", "flex_slots")
    service = sit.value("conrad30", "service_years")
    names = [sit.facts.state(code).name for code in states]
    where = (
        f"the Conrad 30 programs of {listing(names)}" if names else "a state's Conrad 30 program"
    )
    words = (
        f"Conrad 30: apply through {where}. Each state may recommend up to {slots} waivers a "
        f"federal fiscal year, up to {flex} of them flex slots for sites outside designated "
        f"areas; you then work full time for {service} years on an H-1B in an underserved area, "
        "starting within 90 days of approval. Application windows, accepted specialties and "
        "flex use differ by state and are not in our data: ask each state's Conrad 30 "
        "coordinator."
    )
    if end is not None:
        opens = conrad_window_opens(end)
        words += (
            f" Your training ends on {day(end)}, so the fiscal year your waiver job starts in "
            f"opens on {sit.day_of(sit.fact('conrad30'), opens)}; many states open "
            "applications that day."
        )
    authorization = sit.fact("conrad30_authorization")
    words += f" Conrad 30 needs periodic renewal by Congress. {sit.standing_words(authorization)}"
    return words


def _home_words(sit: Situation, payment: Any) -> str:
    years = sit.value("j1_home_residency_212e", "years")
    amount = sit.value("h1b_payment_abroad", "amount_usd")
    home = (
        f"Going home: after {years} years in your home country (as a Canadian, living in "
        "Canada while commuting to work in the U.S. has been accepted)"
        if sit.is_canadian
        else f"Going home: after {years} years in your home country"
    )
    return (
        f"{home}, coming back on an H-1B is a new petition for someone outside the U.S., "
        f"which owes the ${amount:,} payment if the payment is still in force. "
        f"{sit.standing_words(payment)}"
    )
