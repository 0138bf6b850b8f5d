"""Warnings about the whole journey rather than one phase: attempts, time since graduation,
old exam passes, missing profile information, and facts the roadmap could not verify."""

from __future__ import annotations

from collections.abc import Iterable

from imgpath.engines.profile.model import USMLE_EXAMS, ExamStatus
from imgpath.engines.rules.roadmap import Phase, RoadmapWarning, Severity, SourceRef
from imgpath.engines.rules.situation import Situation, make_warning
from imgpath.engines.rules.wording import EXAM_NAMES, add_years, count, day, listing

_FLAG_WORDS = {
    "conflict": "sources disagree",
    "stale": "the source is old or was overtaken",
    "not_found": "part of it could not be found in any source",
    "unverified": "no official source confirms it",
}


def journey_warnings(sit: Situation) -> list[RoadmapWarning]:
    return [
        *_attempt_warnings(sit),
        *_graduation_gap(sit),
        *_exam_window(sit),
        *_profile_gaps(sit),
    ]


def _attempt_warnings(sit: Situation) -> list[RoadmapWarning]:
    limit_fact = sit.fact("usmle_attempt_limit")
    limit = sit.attempt_limit
    since = day(sit.value("usmle_attempt_limit", "effective_from"))
    barred = sit.barred_exam
    if barred is not None:
        return [
            make_warning(
                "attempt_limit_reached",
                Severity.BLOCKER,
                f"You have {count(sit.unsuccessful(barred), 'unsuccessful attempt')} at "
                f"{EXAM_NAMES[barred]}. Since {since} anyone with {limit} or more unsuccessful "
                "attempts at any USMLE Step may not apply for any Step, so ECFMG Certification and "
                "the usual residency route are closed. If your count is wrong, check your USMLE "
                "transcript.",
                [limit_fact, sit.fact("usmle_attempt_limit_all_steps")],
            )
        ]
    found = []
    for exam in USMLE_EXAMS:
        used = sit.unsuccessful(exam)
        if used == 0:
            continue
        name = EXAM_NAMES[exam]
        passed = sit.exam(exam).status is ExamStatus.PASSED
        if passed:
            message = (
                f"You passed {name} after {count(used, 'unsuccessful attempt')}. "
                "Every attempt stays on your USMLE transcript."
            )
            cite = [limit_fact]
        else:
            message = f"You have used {used} of {limit} attempts at {name}; "
            message += (
                f"a {_ordinal(limit)} failure would bar you from every USMLE Step "
                f"(limit since {since})."
                if used + 1 >= limit
                else f"{limit - used} remain before the limit (since {since})."
            )
            cite = [limit_fact]
            if used + 1 >= limit:
                message += (
                    " An older FSMB page adds that you may sit one Step at most 3 times "
                    "in 12 months, and a 4th attempt at least 12 months after the first "
                    "and 6 months after the latest."
                )
                cite.append(sit.fact("usmle_retake_spacing"))
        severity = Severity.INFO if passed else Severity.WARNING
        found.append(make_warning("multiple_attempts", severity, message, cite))
    return found


def _ordinal(number: int) -> str:
    return {2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}.get(number, f"{number}th")


def _graduation_gap(sit: Situation) -> list[RoadmapWarning]:
    gap = sit.years_since_graduation
    threshold = sit.value("graduation_gap", "years")
    if gap is None or gap <= threshold or sit.matched:
        return []
    return [
        make_warning(
            "graduation_gap",
            Severity.WARNING,
            f"You graduated {count(gap, 'year')} ago. Many programs limit how long ago applicants "
            f"may have graduated, often to {threshold} years or less, and the limits vary by "
            "program, so check each program's rules before you apply.",
            [sit.fact("graduation_gap")],
        )
    ]


def _exam_window(sit: Situation) -> list[RoadmapWarning]:
    """ECFMG's old 7-year rule: the first passed Step stops counting after 7 years."""
    if sit.certified:
        return []
    years = sit.value("ecfmg_seven_year_window", "years")
    pairs = [(exam, sit.exam(exam).date) for exam in USMLE_EXAMS[:2]]
    dated = [
        (exam, when) for exam, when in pairs if when and sit.exam(exam).status is ExamStatus.PASSED
    ]
    pending = [exam for exam in USMLE_EXAMS[:2] if not sit.passed(exam)]
    if not dated or not pending:
        return []
    exam, when = min(dated, key=lambda item: item[1])
    if add_years(when, years) >= sit.today:
        return []
    rule = sit.fact("ecfmg_seven_year_window")
    return [
        make_warning(
            "ecfmg_exam_window",
            Severity.WARNING,
            f"You passed {EXAM_NAMES[exam]} on {day(when)}, more than {years} years ago, and "
            f"{listing(EXAM_NAMES[item] for item in pending)} is still open. ECFMG has given "
            f"{years} years from the first pass to pass the rest, after which the early pass "
            "stops counting; the newest source we have that states this rule is "
            f"{rule.source_title}"
            f" ({sit.day_of(rule, rule.as_of) if rule.as_of else 'date unknown'}). We could not "
            "confirm it is current: check ECFMG's current Information Booklet or ask ECFMG.",
            [rule],
        )
    ]


def _profile_gaps(sit: Situation) -> list[RoadmapWarning]:
    profile = sit.profile
    wanted = [
        (sit.visa_status_known or bool(profile.citizenships), "your citizenship or U.S. status"),
        (
            profile.medical_school.ecfmg_sponsor_note is not None or sit.certified,
            "whether your school has an ECFMG sponsor note",
        ),
        (profile.medical_school.graduation_year is not None, "your (expected) graduation year"),
        (
            any(profile.exams.usmle(exam) for exam in USMLE_EXAMS[:2]) or sit.certified,
            "your Step 1 and Step 2 CK results",
        ),
        (bool(profile.targets.specialties), "the specialties you are aiming for"),
        (bool(profile.targets.states), "the states where you want a licence"),
        (not sit.needs_visa or profile.visa_preference is not None, "your visa preference"),
    ]
    missing = [label for present, label in wanted if not present]
    if not missing:
        return []
    return [
        make_warning(
            "profile_incomplete",
            Severity.INFO,
            f"Add to your profile: {listing(missing)}. Until then the roadmap assumes nothing "
            "about them and stays general.",
        )
    ]


def unverified_warnings(
    phases: Iterable[Phase], warnings: Iterable[RoadmapWarning]
) -> list[RoadmapWarning]:
    """One warning per unverified fact the roadmap relies on, naming where it is used."""
    users: dict[str, list[str]] = {}
    refs: dict[str, SourceRef] = {}
    for phase in phases:
        for step in phase.steps:
            _collect(step.id, step.sources, users, refs)
    for warning in warnings:
        _collect(warning.code, warning.sources, users, refs)
    found = []
    for fact_id, used_by in users.items():
        ref = refs[fact_id]
        why = _FLAG_WORDS.get(ref.flag or "", "it is not verified")
        dated = "date unknown" if ref.as_of is None else f"as of {ref.as_of.isoformat()}"
        message = (
            f"'{ref.fact_title}' ({ref.title}; tier {ref.tier}, {dated}) is not "
            f"verified: {why}. {ref.note or ''} Used by: {listing(used_by)}."
        )
        severity = Severity.WARNING if ref.flag == "conflict" else Severity.INFO
        found.append(RoadmapWarning("unverified_rule", severity, " ".join(message.split()), (ref,)))
    return found


def _collect(
    user: str, sources: Iterable[SourceRef], users: dict[str, list[str]], refs: dict[str, SourceRef]
) -> None:
    for ref in sources:
        if ref.verified:
            continue
        refs.setdefault(ref.fact_id, ref)
        used_by = users.setdefault(ref.fact_id, [])
        if user not in used_by:
            used_by.append(user)
