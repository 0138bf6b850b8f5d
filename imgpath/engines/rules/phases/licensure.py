"""Phase 5, licensure: Step 3, then one full licence per target state, plus the state's
route without U.S. residency where one is law (pathway-facts sections 2, 4 and 5).

The state table is a 2017 third-party compilation, so every state step says so and the
engine's unverified_rule warning names it; nothing here is presented as settled law."""

from __future__ import annotations

from datetime import date
from typing import cast

from imgpath.engines.profile.model import USMLE_EXAMS, ExamStatus, VisaPreference
from imgpath.engines.rules.facts.model import AltStatus, StateRule
from imgpath.engines.rules.phases.alternative import alternative_license_step
from imgpath.engines.rules.phases.usmle import usmle_step
from imgpath.engines.rules.roadmap import RoadmapWarning, Severity, Step, StepStatus
from imgpath.engines.rules.situation import Situation, make_step, make_warning
from imgpath.engines.rules.wording import EXAM_NAMES, add_years, count, day

_ALT_WORDS = {
    AltStatus.BILL: "a bill for a licence route without U.S. residency is pending (not law)",
    AltStatus.LIMITED_LICENSE: "it offers only a limited licence without U.S. residency",
    AltStatus.NOT_ENACTED: "a claimed route without U.S. residency is not law",
}


def build(sit: Situation) -> tuple[list[Step], list[RoadmapWarning]]:
    warnings: list[RoadmapWarning] = []
    steps = [step3(sit)]
    states = sit.profile.targets.states
    if not states:
        steps.append(
            make_step(
                "state_license",
                "Choose the states where you want a licence",
                StepStatus.TODO,
                "Add target states to your profile to see each state's rules for IMGs: years of "
                "U.S. residency, Step 3 attempt limits and time limits differ from state to state.",
            )
        )
    for code in states:
        rule = sit.facts.state(code)
        steps.append(state_license_step(sit, rule))
        warnings.extend(_limit_warnings(sit, rule))
        pathway = sit.facts.alternative_pathway(code)
        if pathway and pathway.status in (AltStatus.ENACTED, AltStatus.IMPLEMENTED):
            step, warning = alternative_license_step(sit, pathway)
            steps.append(step)
            warnings.extend(warning)
        if code == "TX" and (graduate := texas_physician_graduate_step(sit)):
            steps.append(graduate)
    return steps, warnings


def texas_physician_graduate_step(sit: Situation) -> Step | None:
    """Tex. Occ. Code 155.203: a limited licence for recent graduates who are not in residency.

    Shown to Texas-bound applicants who have passed Steps 1 and 2 CK, are not matched or in
    residency and graduated within the window; the law's residency and work-permit conditions
    are not in the profile, so the step names them instead of deciding them."""
    fact = sit.fact("tx_physician_graduate_license")
    window = int(cast(int, fact.value("graduated_within_years")))
    since = sit.years_since_graduation
    recent = since is not None and since <= window and sit.graduated is not False
    passed = all(sit.passed(exam) for exam in USMLE_EXAMS[:2])
    if not recent or not passed or sit.matched:
        return None
    reason = (
        "If you do not match, Texas offers a limited “physician graduate” licence (Tex. Occ. "
        f"Code section 155.203) to people who graduated within the last {count(window, 'year')}, "
        "have passed USMLE Steps 1 and 2, are not in residency, live in Texas and are authorized "
        "to work in the U.S. It is a limited licence, not a full one; what it lets you do and for "
        "how long are set by the Texas Medical Board's rules, so confirm them before applying."
    )
    return make_step(
        "texas_physician_graduate_license",
        "If you do not match: Texas physician graduate licence",
        StepStatus.TODO,
        reason,
        cite=[fact],
        details={"state": "TX", "graduated_within_years": window},
    )


def step3(sit: Situation) -> Step:
    ready = (
        sit.certified
        and sit.graduated is not False
        and all(sit.passed(exam) for exam in USMLE_EXAMS[:2])
    )
    cite = [
        sit.fact("step3_eligibility"),
        sit.fact("step3_for_licensure"),
        sit.fact("step3_no_minimum_training"),
        sit.fact("step3_in_us_only"),
        sit.fact("step3_passing_score"),
    ]
    purpose = "is needed for a full state licence"
    # Both facts come from one undated third-party page, so they are reported, not stated.
    passing = sit.value("step3_passing_score", "score")
    reported = (
        "A third-party source (unconfirmed) reports that Step 3 is given only in the U.S. and "
        f"its territories and that its passing score is {passing}."
    )
    wants_h1b = sit.needs_visa and sit.profile.visa_preference in (
        VisaPreference.H1B,
        VisaPreference.EITHER,
    )
    if wants_h1b:
        purpose += ", and in practice for an H-1B, so pass it before residency if you want one"
        cite.append(sit.fact("h1b_physician_requirements"))
    limits = {
        code: sit.facts.state(code).step3_attempt_limit for code in sit.profile.targets.states
    }
    return usmle_step(
        sit,
        "usmle_step3",
        purpose=purpose,
        cite=cite,
        ready=ready,
        # Before residency Step 3 can wait, unless an H-1B depends on it.
        now=sit.in_residency or wants_h1b,
        details={"state_step3_attempt_limits": limits},
        note=reported,
        not_ready_reason=(
            "You can apply through FSMB once you have passed Step 1 and Step 2 CK "
            "and hold ECFMG Certification; no minimum residency is required by the "
            "USMLE, though some states set one."
        ),
    )


def state_license_step(sit: Situation, rule: StateRule) -> Step:
    minimum = sit.value("img_gme_minimum", "min_years")
    needed_years = rule.gme_years if rule.gme_years is not None else minimum
    cite = [rule, sit.fact("step3_for_licensure"), sit.fact("ecfmg_certificate_for_licence")]
    # A state whose training rule has been read in its own statute cites that, not the 2017 table.
    statute = sit.fact(rule.gme_source_fact) if rule.gme_source_fact else None
    if statute:
        cite.insert(1, statute)
    if rule.gme_years is None:
        cite.append(sit.fact("img_gme_minimum"))
        gme = (
            f"the years of U.S. or Canadian residency required of IMGs are unclear "
            f"({rule.gme_years_text}); every state asks for at least {count(minimum, 'year')}"
        )
    else:
        gme = (
            f"IMGs need {count(rule.gme_years, 'year')} of accredited U.S. or Canadian "
            "residency for a full licence"
        )
    basis = (
        f"The training rule comes from {statute.source_title} ({sit.day_of(statute, statute.as_of)}"
        "); the attempt and time limits from a 2017 compilation"
        if statute and statute.as_of
        else "This comes from a 2017 compilation"
    )
    reason = (
        f"{rule.name}: {gme}, plus Step 3 and the ECFMG Certificate. Attempt limits: "
        f"{rule.attempt_limits_text}. Time limit to pass all Steps: "
        f"{rule.time_limit_text}. {basis}; confirm with the {rule.name} medical board before "
        "you rely on it."
    )
    if rule.gme_years is None:
        reason += (
            " A copy of FSMB's July 2024 overview (unconfirmed) says 25 states plus DC may credit "
            "an IMG's board certification or licensure elsewhere toward the training rule."
        )
        cite.append(sit.fact("fsmb_gme_overview_2024"))
    alternatives = sit.fact("board_certification_alternative")
    if rule.state in cast(tuple[str, ...], alternatives.value("states")):
        reason += (
            f" A 2017 source (unconfirmed) lists {rule.name} among states that may accept board "
            "certification or long licensure elsewhere in place of the training or time-limit "
            "rules."
        )
        cite.append(alternatives)
    pathway = sit.facts.alternative_pathway(rule.state)
    if pathway and pathway.status in _ALT_WORDS:
        reason += f" Also: {_ALT_WORDS[pathway.status]}."
        cite.append(pathway)
    done_training = sit.us_residency_months >= needed_years * 12
    ready = sit.certified and sit.passed("usmle_step3") and done_training
    details = {
        "state": rule.state,
        "gme_years_required": rule.gme_years,
        "gme_years_text": rule.gme_years_text,
        "step3_required": True,
        "step3_attempt_limit": rule.step3_attempt_limit,
        "all_steps_attempt_limit": rule.all_steps_attempt_limit,
        "attempt_limits_text": rule.attempt_limits_text,
        "usmle_time_limit_years": rule.usmle_time_limit_years,
        "time_limit_text": rule.time_limit_text,
        "alternative_pathway_status": pathway.status if pathway else None,
        "us_residency_months": sit.us_residency_months,
    }
    if sit.in_residency and not done_training:
        left = needed_years * 12 - sit.us_residency_months
        reason += f" You have about {count(left, 'month')} of residency to go for this state."
    return make_step(
        f"state_license:{rule.state}",
        f"Full medical licence in {rule.name}",
        StepStatus.TODO,
        reason,
        cite=cite,
        details=details,
        actionable=ready,
    )


def _limit_warnings(sit: Situation, rule: StateRule) -> list[RoadmapWarning]:
    """The state's own Step 3, all-Steps and time limits, checked against the profile."""
    found: list[RoadmapWarning] = []
    board = f"Ask the {rule.name} board whether you still qualify."
    step3 = sit.exam("usmle_step3")
    tries = step3.attempts or 0
    limit = rule.step3_attempt_limit
    failed_out = step3.status is not ExamStatus.PASSED and sit.unsuccessful("usmle_step3") >= 1
    if limit is not None and (tries > limit or (failed_out and tries >= limit)):
        message = (
            f"{rule.name} allows {count(limit, 'attempt')} at Step 3 (per a 2017 compilation) "
            f"and you have taken it {count(tries, 'time')}. {board}"
        )
        found.append(make_warning("state_attempt_limit", Severity.WARNING, message, [rule]))
    total = sum(sit.exam(exam).attempts or 0 for exam in USMLE_EXAMS)
    if rule.all_steps_attempt_limit is not None and total > rule.all_steps_attempt_limit:
        message = (
            f"{rule.name} counts attempts across all Steps ({rule.attempt_limits_text}); "
            f"you have {count(total, 'attempt')} in all. {board}"
        )
        found.append(make_warning("state_attempt_limit", Severity.WARNING, message, [rule]))
    first = _first_pass(sit)
    years = rule.usmle_time_limit_years
    if first and years and add_years(first[1], years) < sit.today and not sit.passed("usmle_step3"):
        message = (
            f"{rule.name} expects all Steps passed within {rule.time_limit_text} (per a 2017 "
            f"compilation); your first pass ({EXAM_NAMES[first[0]]}, {day(first[1])}) is older "
            f"than {count(years, 'year')} and Step 3 is not passed yet. Check the board's "
            "exceptions (some allow 10 years, or waive the limit for board certification)."
        )
        cite = [rule, sit.fact("state_usmle_time_limits")]
        found.append(make_warning("usmle_time_limit", Severity.WARNING, message, cite))
    return found


def _first_pass(sit: Situation) -> tuple[str, date] | None:
    """The earliest dated pass (exam id, date), where state time limits start counting."""
    dated = [
        (exam, passed_on)
        for exam in USMLE_EXAMS
        if sit.exam(exam).status is ExamStatus.PASSED and (passed_on := sit.exam(exam).date)
    ]
    return min(dated, key=lambda item: item[1]) if dated else None
