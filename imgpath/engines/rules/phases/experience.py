"""Phase 2, U.S. clinical experience. No rule requires it, so it is never the "next" step;
it is shown because most matched IMGs have some and each program decides what counts
(pathway-facts section 8)."""

from __future__ import annotations

from imgpath.engines.rules.roadmap import RoadmapWarning, Step, StepStatus
from imgpath.engines.rules.situation import Situation, make_step
from imgpath.engines.rules.wording import count


def build(sit: Situation) -> tuple[list[Step], list[RoadmapWarning]]:
    return [clinical_experience_step(sit)], []


def clinical_experience_step(sit: Situation) -> Step:
    title = "Gain U.S. clinical experience (recommended, not required)"
    cite = [
        sit.fact("usce_common"),
        sit.fact("usce_program_decides"),
        sit.fact("ama_observership_guidance"),
    ]
    months = sit.us_clinical_months
    hands_on = sit.hands_on_months
    details = {
        "required": False,
        "us_months": months,
        "hands_on_months": hands_on,
        "us_residency_months": sit.us_residency_months,
    }
    if sit.in_residency:
        return make_step(
            "us_clinical_experience",
            title,
            StepStatus.DONE,
            "You are training in a U.S. residency, which is U.S. clinical experience.",
            details=details,
        )
    if months > 0:
        reason = f"You have {count(months, 'month')} of U.S. clinical experience"
        if hands_on == 0:
            reason += (
                ". All of it is observation only; each program decides what counts, and "
                "observerships often do not. A hands-on externship (or a clerkship while "
                "you are a student) may carry more weight."
            )
        else:
            reason += (
                f", {count(hands_on, 'month')} of it hands-on. Each program decides what counts."
            )
        return make_step(
            "us_clinical_experience",
            title,
            StepStatus.DONE,
            reason,
            cite=[*cite, sit.fact("usce_definitions")],
            details=details,
        )
    student = sit.graduated is False
    kind = (
        "a clerkship (elective) through your school" if student else "an externship or observership"
    )
    reason = (
        "No rule requires U.S. clinical experience, and the AMA says an observership is not a "
        "mandatory step, but over 90% of IMGs report some before matching. "
        f"As {'a student' if student else 'a graduate'}, look for {kind}; each program decides "
        "what counts, and observerships often do not. Observerships are unregulated and their "
        "fees vary widely: some cost $1,000 and others $5,000 a month (AAPI, 2019)."
    )
    return make_step(
        "us_clinical_experience",
        title,
        StepStatus.TODO,
        reason,
        cite=[*cite, sit.fact("usce_definitions"), sit.fact("usce_costs")],
        details=details,
    )
