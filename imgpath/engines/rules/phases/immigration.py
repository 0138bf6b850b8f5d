"""Phase 6, immigration: the visa to train on, the J-1 home-residency waiver after it, and
the plan for after residency (pathway-facts section 6, guidance 2026-12). Not applicable to
U.S. citizens and permanent residents."""

from __future__ import annotations

from typing import Any

from imgpath.engines.profile.model import CurrentVisa, Location, VisaPreference
from imgpath.engines.rules.phases.after_training import after_training_step
from imgpath.engines.rules.phases.travel import travel_ban, travel_warnings
from imgpath.engines.rules.roadmap import RoadmapWarning, Severity, Step, StepStatus
from imgpath.engines.rules.situation import Situation, make_step, make_warning

_IN_US_VISAS = (CurrentVisa.F1, CurrentVisa.J1, CurrentVisa.H1B)


def build(sit: Situation) -> tuple[list[Step], list[RoadmapWarning]]:
    if not sit.needs_visa:
        who = "a U.S. citizen" if sit.us_citizen else "a permanent resident"
        reason = f"As {who} you need no visa to train or work in the U.S."
        return [
            make_step("visa", "Get a visa for residency", StepStatus.NOT_APPLICABLE, reason),
            make_step(
                "visa_waiver",
                "Clear the J-1 home-residency requirement",
                StepStatus.NOT_APPLICABLE,
                reason,
            ),
        ], []
    warnings: list[RoadmapWarning] = []
    _j1_warning(sit, warnings)
    _h1b_warnings(sit, warnings)
    warnings.extend(travel_warnings(sit, wants_j1=_wants_j1(sit), wants_h1b=_wants_h1b(sit)))
    _canada_warning(sit, warnings)
    steps = [visa_step(sit), waiver_step(sit)]
    if _j1_path(sit):
        steps.append(after_training_step(sit))
    return steps, warnings


def _j1_path(sit: Situation) -> bool:
    """On a J-1 now, or planning one: the after-residency plan concerns them."""
    return sit.profile.current_visa is CurrentVisa.J1 or _preference(sit) in (
        VisaPreference.J1,
        VisaPreference.EITHER,
    )


def _preference(sit: Situation) -> VisaPreference | None:
    return sit.profile.visa_preference


def _wants_j1(sit: Situation) -> bool:
    return _preference(sit) in (VisaPreference.J1, VisaPreference.EITHER, None)


def _wants_h1b(sit: Situation) -> bool:
    return _preference(sit) in (VisaPreference.H1B, VisaPreference.EITHER)


def visa_step(sit: Situation) -> Step:
    title = "Get a visa for residency"
    visa = sit.profile.current_visa
    if sit.in_residency and visa in (CurrentVisa.J1, CurrentVisa.H1B):
        return make_step(
            "visa",
            title,
            StepStatus.DONE,
            f"You are training in the U.S. on {'a J-1' if visa is CurrentVisa.J1 else 'an H-1B'}.",
        )
    parts, cite = [], []
    if sit.profile.us_status is None and not sit.profile.citizenships:
        parts.append("Your citizenship is not in your profile; we assumed you need a visa.")
    ban = travel_ban(sit)
    if _wants_j1(sit):
        parts.append(
            "J-1: ECFMG is the only sponsor of J-1 physicians in clinical training. Your "
            "program's Training Program Liaison starts the application in EVNet; ECFMG usually "
            "needs 4-6 weeks after all documents arrive, and the DS-2019 can be issued no earlier "
            "than 6 months before your start date. You also need a Statement of Need from your "
            "home country's Ministry of Health naming your specialty. J-1 training is limited to "
            "7 years."
        )
        if sit.is_canadian:
            parts.append(
                "As a Canadian citizen you need no J-1 visa stamp and no visa interview: at the "
                "border you show your passport, the DS-2019 from ECFMG and the SEVIS I-901 fee "
                "receipt (permanent residents of Canada who are not citizens do need a visa)."
            )
            cite += [sit.fact("canada_j1_no_visa_stamp"), sit.fact("canada_j1_port_of_entry")]
        if ban.blocks_j1:
            parts.append(
                "Under the travel ban in force since 1 January 2026 a J-1 visa cannot currently "
                "be issued to you unless an exception applies (see the alert)."
            )
            cite.append(sit.fact("travel_ban_2026"))
        cite += [
            sit.fact(item)
            for item in (
                "j1_ecfmg_sole_sponsor",
                "j1_process",
                "j1_statement_of_need",
                "j1_time_limit",
            )
        ]
    if _wants_h1b(sit) or _preference(sit) is None:
        parts.append(
            "H-1B: the program must sponsor it; in practice you need Step 3 passed, and a state "
            "licence or authorization where one is required, before the petition. Universities and "
            "their affiliated "
            "teaching hospitals are cap-exempt; other employers face the annual cap and lottery. "
            "An H-1B lasts at most 6 years."
        )
        cite += [sit.fact("h1b_physician_requirements"), sit.fact("h1b_cap_exempt")]
        if ban.blocks_h1b:
            parts.append(
                "Under the travel ban an H-1B visa cannot currently be issued to you either, "
                "unless an exception applies."
            )
    if _preference(sit) is None:
        parts.append("Tell us whether you plan on a J-1, an H-1B or either.")
    actionable = sit.matched and not sit.in_residency
    return make_step(
        "visa",
        title,
        StepStatus.TODO,
        " ".join(parts),
        cite=cite,
        actionable=actionable,
        details={
            "visa_preference": _preference(sit),
            "current_visa": visa,
            "travel_ban": _ban_level(ban),
        },
    )


def _ban_level(ban: Any) -> str | None:
    if ban.full:
        return "full"
    if ban.j_suspended:
        return "j_suspended"
    return "immigrant_only" if ban.immigrant_only else None


def waiver_step(sit: Situation) -> Step:
    title = "Clear the J-1 home-residency requirement"
    on_j1 = sit.profile.current_visa is CurrentVisa.J1
    if not on_j1 and _preference(sit) is VisaPreference.H1B:
        return make_step(
            "visa_waiver",
            title,
            StepStatus.NOT_APPLICABLE,
            "You plan to train on an H-1B, so the J-1 two-year home-residency "
            "requirement does not arise (unless you train on a J-1 after all).",
        )
    years = sit.value("j1_home_residency_212e", "years")
    slots = sit.value("conrad30", "waivers_per_state")
    service = sit.value("conrad30", "service_years")
    until = sit.fact_day("conrad30_authorization", "last_extension_found_until")
    reason = (
        f"{'After' if on_j1 else 'If you train on a J-1, after'} training you must spend {years} "
        "years in your home country before an H-1B, L visa or green card, unless you get a "
        f"waiver. Options: Conrad 30 (up to {slots} per state per year; {service} years of "
        "full-time H-1B work in an underserved area), federal agency waivers (Appalachian "
        "Regional Commission, Delta Regional Authority, Veterans Affairs, HHS), or persecution "
        "or exceptional hardship to a U.S.-citizen or permanent-resident spouse or child. "
        "'No objection' waivers are not available to clinical J-1 physicians. Conrad 30 needs "
        f"renewal by Congress; the last extension we found ran to {until}. "
        f"{sit.standing_words(sit.fact('conrad30_authorization'))}"
    )
    if sit.is_canadian:
        reason += (
            " As a Canadian you may meet the two years by living in Canada while commuting to "
            "work in the U.S."
        )
    cite = [
        sit.fact(item)
        for item in (
            "j1_home_residency_212e",
            "conrad30",
            "conrad30_authorization",
            "federal_waivers",
            "other_waivers",
        )
    ]
    if sit.is_canadian:
        cite.append(sit.fact("canada_212e_reside_in_canada"))
    return make_step(
        "visa_waiver",
        title,
        StepStatus.TODO,
        reason,
        cite=cite,
        details={"home_residency_years": years, "conrad30_slots_per_state": slots},
    )


def _j1_warning(sit: Situation, warnings: list[RoadmapWarning]) -> None:
    on_j1 = sit.profile.current_visa is CurrentVisa.J1
    preference = _preference(sit)
    if not on_j1 and preference not in (VisaPreference.J1, VisaPreference.EITHER):
        return
    years = sit.value("j1_home_residency_212e", "years")
    lead = (
        "You are on a J-1. If it is ECFMG-sponsored clinical training, you"
        if on_j1
        else "On an ECFMG-sponsored J-1 you"
    )
    severity = Severity.WARNING if on_j1 or preference is VisaPreference.J1 else Severity.INFO
    warnings.append(
        make_warning(
            "j1_home_residency",
            severity,
            f"{lead} must spend {years} years in your home country (INA 212(e)) before changing to "
            "H-1B or L status or getting a green card, unless you obtain a waiver such as Conrad "
            "30.",
            [sit.fact("j1_home_residency_212e"), sit.fact("conrad30")],
        )
    )


def _h1b_warnings(sit: Situation, warnings: list[RoadmapWarning]) -> None:
    if not _wants_h1b(sit):
        return
    strong = _preference(sit) is VisaPreference.H1B
    if not sit.passed("usmle_step3"):
        warnings.append(
            make_warning(
                "step3_required_for_h1b",
                Severity.WARNING if strong else Severity.INFO,
                "An H-1B for residency in practice needs Step 3 passed before the petition, and "
                "you have not passed it. Plan to take Step 3 (only after ECFMG Certification) "
                "early enough for your program to file the petition before your start date.",
                [sit.fact("h1b_physician_requirements"), sit.fact("step3_eligibility")],
            )
        )
    _payment_warning(sit, warnings, strong)
    if "TX" in sit.profile.targets.states:
        freeze = sit.fact("texas_public_employer_h1b_freeze")
        warnings.append(
            make_warning(
                "texas_h1b_freeze",
                Severity.WARNING if strong else Severity.INFO,
                "Texas public universities and state agencies may not file new H-1B petitions "
                f"from {sit.fact_day('texas_public_employer_h1b_freeze', 'from')} until "
                f"{sit.fact_day('texas_public_employer_h1b_freeze', 'until')} without written "
                "approval from the Texas Workforce Commission, so residency programs of public "
                "systems (UT, Texas A&M, Texas Tech and others) may offer only a J-1; private "
                f"hospitals are not covered. {sit.standing_words(freeze)}",
                [freeze],
            )
        )
    if strong or not sit.in_residency:
        lottery = sit.fact("h1b_weighted_selection")
        warnings.append(
            make_warning(
                "h1b_weighted_lottery",
                Severity.INFO,
                "Most residency H-1Bs come from cap-exempt employers (universities and their "
                "affiliated nonprofit hospitals), which skip the lottery. A cap-subject employer "
                "must register you in the annual lottery, weighted by wage level since "
                f"{sit.fact_day('h1b_weighted_selection', 'effective_from')} (level I one "
                "entry, level IV four).",
                [lottery, sit.fact("h1b_cap_exempt")],
            )
        )


def _payment_warning(sit: Situation, warnings: list[RoadmapWarning], strong: bool) -> None:
    if sit.profile.current_visa is CurrentVisa.H1B:
        return
    location = sit.profile.current_location
    in_us = location is Location.US or (
        location is None and sit.profile.current_visa in _IN_US_VISAS
    )
    if in_us:
        return
    payment = sit.fact("h1b_payment_abroad")
    amount = sit.value("h1b_payment_abroad", "amount_usd")
    since = sit.fact_day("h1b_payment_abroad", "effective_from")
    lead = (
        "You are outside the U.S., and"
        if location is Location.ABROAD
        else "If you are outside the U.S. when your H-1B is filed, note that"
    )
    warnings.append(
        make_warning(
            "h1b_payment_abroad",
            Severity.WARNING if strong or location is Location.ABROAD else Severity.INFO,
            f"{lead} from {since} a new "
            f"H-1B petition for someone abroad without a valid H-1B visa needs a ${amount:,} "
            "payment, teaching hospitals included. There is no categorical exemption for "
            "physicians, and national-interest exceptions are extraordinarily rare. It does not "
            "apply to an approved change of status inside the U.S. (for example J-1 to H-1B "
            f"after a waiver). {sit.standing_words(payment)}",
            [payment, sit.fact("h1b_payment_physicians_not_exempt")],
        )
    )


def _canada_warning(sit: Situation, warnings: list[RoadmapWarning]) -> None:
    if not sit.is_canadian:
        return
    warnings.append(
        make_warning(
            "canada_tn_not_for_residency",
            Severity.INFO,
            "TN status cannot be used for residency or other clinical training: the TN "
            "physician category covers teaching and research only. Plan on a J-1 (no visa "
            "stamp needed as a Canadian citizen) or an H-1B.",
            [sit.fact("canada_tn_not_for_residency")],
        )
    )
