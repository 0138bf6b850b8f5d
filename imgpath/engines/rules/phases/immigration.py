"""Phase 6, immigration: the visa to train on, and the J-1 home-residency waiver after it
(pathway-facts section 6). Not applicable to U.S. citizens and permanent residents."""

from __future__ import annotations

from imgpath.engines.rules.profile import CurrentVisa, Location, VisaPreference
from imgpath.engines.rules.roadmap import RoadmapWarning, Severity, Step, StepStatus
from imgpath.engines.rules.situation import Situation, make_step, make_warning
from imgpath.engines.rules.wording import day, listing

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
    _travel_warning(sit, warnings)
    return [visa_step(sit), waiver_step(sit)], warnings


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
    if _wants_j1(sit):
        parts.append(
            "J-1: ECFMG is the only sponsor of J-1 physicians in clinical training. Your "
            "program's Training Program Liaison starts the application in EVNet; ECFMG usually "
            "needs 4-6 weeks after all documents arrive, and the DS-2019 can be issued no earlier "
            "than 6 months before your start date. You also need a Statement of Need from your "
            "home country's Ministry of Health naming your specialty. J-1 training is limited to "
            "7 years."
        )
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
        details={"visa_preference": _preference(sit), "current_visa": visa},
    )


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
    until = sit.value("conrad30_authorization", "last_extension_found_until")
    reason = (
        f"{'After' if on_j1 else 'If you train on a J-1, after'} training you must spend {years} "
        "years in your home country before an H-1B, L visa or green card, unless you get a "
        f"waiver. Options: Conrad 30 (up to {slots} per state per year; {service} years of "
        "full-time H-1B work in an underserved area), federal agency waivers (Appalachian "
        "Regional Commission, Delta Regional Authority, Veterans Affairs, HHS), or persecution "
        "or exceptional hardship to a U.S.-citizen or permanent-resident spouse or child. "
        "'No objection' waivers are not available to clinical J-1 physicians. Conrad 30 needs "
        f"renewal by Congress; the last extension we found ran to {day(until)}."
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
        since = sit.value("alt_pathways_immigration_separate", "texas_h1b_freeze_from")
        warnings.append(
            make_warning(
                "texas_h1b_freeze",
                Severity.INFO,
                "Texas froze new H-1B petitions by state universities and agencies on "
                f"{day(since)}; "
                "ask Texas programs whether they can sponsor an H-1B.",
                [sit.fact("alt_pathways_immigration_separate")],
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
    amount = sit.value("h1b_payment_abroad", "amount_usd")
    since = sit.value("h1b_payment_abroad", "effective_from")
    lead = (
        "You are outside the U.S., and"
        if location is Location.ABROAD
        else "If you are outside the U.S. when your H-1B is filed, note that"
    )
    warnings.append(
        make_warning(
            "h1b_payment_abroad",
            Severity.WARNING if strong or location is Location.ABROAD else Severity.INFO,
            f"{lead} since {day(since)} a new H-1B petition for someone abroad without a valid "
            f"H-1B visa needs a ${amount:,} payment. Physicians are not automatically exempt, "
            "and national-interest exceptions are extraordinarily rare. It does not apply to a "
            "change of status inside the U.S. in valid status (for example J-1 to H-1B after a "
            "waiver).",
            [sit.fact("h1b_payment_abroad"), sit.fact("h1b_payment_physicians_not_exempt")],
        )
    )


def _travel_warning(sit: Situation, warnings: list[RoadmapWarning]) -> None:
    barred = set(sit.value("visa_disruption_2025", "barred"))
    partial = set(sit.value("visa_disruption_2025", "partly_restricted"))
    mine = sorted(set(sit.profile.citizenships) & (barred | partial))
    if not mine:
        return
    kind = "barred entry" if set(mine) & barred else "partly restricted entry"
    warnings.append(
        make_warning(
            "travel_restriction",
            Severity.WARNING,
            f"A proclamation of June 2025 {kind} for citizens of {listing(mine)}. After it, the "
            "NRMP let programs request waivers of the Match commitment and urged delayed starts. "
            "The list may have changed since; check the current rules before you apply.",
            [sit.fact("visa_disruption_2025"), sit.fact("nrmp_match_waivers_2025")],
        )
    )
