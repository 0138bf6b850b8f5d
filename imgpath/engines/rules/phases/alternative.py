"""A state's licence route without U.S. residency, checked condition by condition.

Each condition the law states is compared with the profile and marked met, not met or
unknown; the step never claims eligibility, because these laws are new, some only
partly researched, and the board decides (pathway-facts section 5)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from imgpath.engines.profile.model import ExamStatus, Experience, ExperienceKind
from imgpath.engines.rules.facts.model import (
    AlternativePathway,
    AltStatus,
    ExperienceOption,
    FactRow,
)
from imgpath.engines.rules.roadmap import RoadmapWarning, Severity, Step, StepStatus
from imgpath.engines.rules.situation import Situation, make_step, make_warning
from imgpath.engines.rules.wording import EXAM_NAMES, count, listing

Check = dict[str, Any]
_STATUS_WORDS = {
    AltStatus.IMPLEMENTED: "law, and the board has rules or takes applications",
    AltStatus.ENACTED: "law, but the board's rules may not be in place yet",
}


def alternative_license_step(
    sit: Situation, pathway: AlternativePathway
) -> tuple[Step, list[RoadmapWarning]]:
    name = sit.facts.state(pathway.state).name
    checks = _checks(sit, pathway)
    verdict = _verdict(checks)
    reason = (
        f"{name} can license some internationally trained physicians without U.S. "
        f"residency ({_STATUS_WORDS[pathway.status]}). {pathway.conditions_text} "
        f"{_summary(checks)} The board decides; confirm every condition with it. "
        f"{_landscape(sit)}"
    )
    details = {
        "state": pathway.state,
        "status": pathway.status,
        "license_type": pathway.license_type,
        "effective_date": pathway.effective_date,
        "conditions": _conditions(pathway),
        "checks": checks,
        "fit": verdict,
    }
    cite = [
        pathway,
        sit.fact("alt_pathways_common_features"),
        sit.fact("alt_pathways_fsmb_count"),
        sit.fact("advisory_commission_recommendations"),
    ]
    step = make_step(
        f"alternative_license:{pathway.state}",
        f"Licence without U.S. residency in {name}",
        StepStatus.TODO,
        " ".join(reason.split()),
        cite=cite,
        details=details,
    )
    warnings = []
    trained_abroad = (
        sit.profile.licensed_abroad
        or sit.months_of(ExperienceKind.PRACTICE_ABROAD, ExperienceKind.TRAINING_ABROAD) > 0
    )
    if trained_abroad and verdict != "unlikely" and not sit.in_residency:
        message = (
            f"{name} has a licence route without U.S. residency that may fit your "
            "experience abroad; see the step in the licensure phase."
        )
        warn_cite: list[FactRow | None] = [pathway]
        if sit.needs_visa:
            message += " A licence is not a visa: you would still need status that allows work."
            warn_cite.append(sit.fact("alt_pathways_immigration_separate"))
        warnings.append(
            make_warning("alternative_license_available", Severity.INFO, message, warn_cite)
        )
    return step, warnings


def _landscape(sit: Situation) -> str:
    states = sit.value("alt_pathways_fsmb_count", "states")
    return (
        f"FSMB counted {len(states)} states with such laws as of December 2025, and an advisory "
        "commission of FSMB, Intealth and ACGME recommended common conditions for them in "
        "February 2025 (an employment offer, ECFMG Certification, training completed abroad)."
    )


def _conditions(pathway: AlternativePathway) -> dict[str, Any]:
    return {
        "min_practice_years_abroad": pathway.min_practice_years_abroad,
        "experience_options": [
            {"kind": option.kind, "min_years": option.min_years, "text": option.text}
            for option in pathway.experience_options
        ],
        "employer_offer_required": pathway.employer_offer_required,
        "provisional_years": pathway.provisional_years,
        "provisional_years_text": pathway.provisional_years_text,
        "supervision_required": pathway.supervision_required,
        "usmle_steps_required": list(pathway.usmle_steps_required or []),
        "ecfmg_certificate_required": pathway.ecfmg_certificate_required,
        "oet_required": pathway.oet_required,
        "work_authorization_required": pathway.work_authorization_required,
        "converts_to_full_after_years": pathway.converts_to_full_after_years,
    }


def _checks(sit: Situation, pathway: AlternativePathway) -> list[Check]:
    checks: list[Check] = []
    if pathway.min_practice_years_abroad is not None:
        checks.append(_practice_check(sit, pathway.min_practice_years_abroad))
    if pathway.recent_practice_window_years is not None:
        checks.append(_recency_check(sit, pathway))
    if pathway.experience_options:
        checks.append(_options_check(sit, pathway.experience_options))
    for exam in pathway.usmle_steps_required or ():
        checks.append(_check("exams", f"{EXAM_NAMES[exam]} passed", sit.passed(exam)))
    if pathway.ecfmg_certificate_required:
        checks.append(_check("exams", "ECFMG Certification", sit.certified))
    if pathway.oet_required:
        oet = sit.profile.exams.oet
        passed = sit.certified or bool(oet and oet.status is ExamStatus.PASSED)
        checks.append(_check("exams", "OET passed", passed))
    if pathway.employer_offer_required:
        checks.append(_check("other", "a job offer from a qualifying employer", None))
    if pathway.work_authorization_required:
        allowed = True if not sit.needs_visa else None
        checks.append(_check("other", "immigration status that allows work", allowed))
    return checks


def _check(group: str, condition: str, met: bool | None) -> Check:
    """One condition: ``group`` is experience, exams or other; ``met`` None means unknown."""
    return {"group": group, "condition": condition, "met": met}


def _practice_check(sit: Situation, required: float) -> Check:
    has_practice = sit.has(ExperienceKind.PRACTICE_ABROAD)
    yours = sit.months_of(ExperienceKind.PRACTICE_ABROAD) / 12 if has_practice else None
    if yours is not None:
        met: bool | None = yours >= required
    else:
        met = False if sit.profile.licensed_abroad is False else None
    check = _check("experience", f"at least {count(required, 'year')} of practice abroad", met)
    return {**check, "required_years": required, "your_years": yours}


def _recency_check(sit: Situation, pathway: AlternativePathway) -> Check:
    """Practice within the law's window before applying, counted from dated experience only."""
    window = pathway.recent_practice_window_years
    assert window is not None
    wanted = pathway.recent_practice_min_years
    since = sit.today - timedelta(days=round(window * 365.25))
    practice = [e for e in sit.profile.experience if e.kind is ExperienceKind.PRACTICE_ABROAD]
    months = sum(_months_within(item, since, sit.today) for item in practice)
    enough = months >= wanted * 12 if wanted is not None else months > 0
    undated = any(item.start_date is None for item in practice)
    if enough:
        met: bool | None = True
    elif undated or (not practice and sit.profile.licensed_abroad is not False):
        # Without dates we cannot place the practice in time, so we cannot rule it out.
        met = None
    else:
        met = False
    condition = pathway.recent_practice_text or (
        f"practice within the last {count(window, 'year')} before applying"
    )
    check = _check("experience", condition, met)
    return {**check, "window_years": window, "your_recent_years": round(months / 12, 1)}


def _months_within(item: Experience, since: date, today: date) -> float:
    if item.start_date is None:
        return 0.0
    start = max(item.start_date, since)
    end = min(item.end_date or today, today)
    return max(0, (end - start).days) / 30.44


def _options_check(sit: Situation, options: tuple[ExperienceOption, ...]) -> Check:
    results = [_option_met(sit, option) for option in options]
    met = True if True in results else (None if None in results else False)
    wording = listing((option.text or option.kind.replace("_", " ") for option in options), "or")
    return _check("experience", wording, met)


def _option_met(sit: Situation, option: ExperienceOption) -> bool | None:
    kind = ExperienceKind(option.kind)
    if not sit.has(kind):
        # Absent from the profile is not proof of absence: people often list only some of it.
        return None
    if option.min_years is None:
        # The law names the training but not its length: only the board can judge it.
        return None
    return sit.months_of(kind) / 12 >= option.min_years


def _verdict(checks: list[Check]) -> str:
    """likely (all known conditions met), not_yet (only exams missing), unlikely, unknown."""
    if any(c["met"] is False and c["group"] == "experience" for c in checks):
        return "unlikely"
    if any(c["met"] is False for c in checks):
        return "not_yet"
    if checks and all(c["met"] is True for c in checks):
        return "likely"
    return "unknown"


def _summary(checks: list[Check]) -> str:
    if not checks:
        return "Its conditions are not known in enough detail to compare with your profile."
    met = [c["condition"] for c in checks if c["met"] is True]
    missing = [c["condition"] for c in checks if c["met"] is False]
    unknown = [c["condition"] for c in checks if c["met"] is None]
    parts = []
    if met:
        parts.append(f"You meet: {listing(met)}.")
    if missing:
        parts.append(f"Not (yet) met: {listing(missing)}.")
    if unknown:
        parts.append(f"We cannot tell from your profile: {listing(unknown)}.")
    return " ".join(parts)
