"""The roadmap engine's entry points: ``evaluate`` and ``evaluate_json``."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from imgpath.engines.profile.model import Profile
from imgpath.engines.profile.parsing import parse_profile
from imgpath.engines.rules.alerts import journey_warnings, unverified_warnings
from imgpath.engines.rules.dates import own_dates, projected_calendar
from imgpath.engines.rules.facts.model import Facts
from imgpath.engines.rules.phases import (
    application,
    ecfmg,
    experience,
    immigration,
    licensure,
    match,
)
from imgpath.engines.rules.roadmap import (
    PHASE_IDS,
    Phase,
    PhaseStatus,
    Roadmap,
    RoadmapWarning,
    Severity,
    Step,
    StepStatus,
    roadmap_to_dict,
)
from imgpath.engines.rules.situation import Situation, resolve_match_year

_PHASES = (
    ("ecfmg_certification", "ECFMG Certification", ecfmg.build),
    ("clinical_experience", "U.S. clinical experience", experience.build),
    ("residency_application", "Residency application (ERAS or ResidencyCAS)", application.build),
    ("match", "The Match (NRMP)", match.build),
    ("licensure", "State licensure", licensure.build),
    ("immigration", "Immigration", immigration.build),
)
_SEVERITY_ORDER = (Severity.BLOCKER, Severity.WARNING, Severity.INFO)
assert tuple(item[0] for item in _PHASES) == PHASE_IDS


def evaluate(profile: Profile, facts: Facts, today: date) -> Roadmap:
    """Build one IMG's personal roadmap from ECFMG Certification to U.S. practice.

    The problem: an international medical graduate must pass through six systems (ECFMG,
    ERAS, the NRMP Match, Step 3, a state board, U.S. immigration), each with its own rules,
    dates and traps, and a wrong move can cost a year. This turns one profile into one
    checklist that says what is done, what is next, what is blocked and why.

    Sources: only the fact rows in ``facts`` (compiled from public ECFMG, USMLE, FSMB, NRMP,
    AAMC, AMA, state and immigration sources; see imgpath/data/facts/PROVENANCE.md). Every
    step and warning cites the rows it relies on with their date and tier, and each
    unverified row it relies on is named in an ``unverified_rule`` warning.

    Steps:
    1. Work out the situation once: citizenship, attempts against the USMLE limit, school
       eligibility, graduation, and the target Match year (the profile's, else the earliest
       cycle still open from the start: before 1 September of year Y that is Y+1, from then
       on Y+2; never earlier than the expected graduation year).
    2. Build each phase in order (ECFMG, clinical experience, application, Match, licensure,
       immigration); each step is done, todo, blocked or not applicable, with a reason in
       plain words and due dates from the Match calendar of the target year (null if unknown).
    3. Add journey-wide warnings, then one ``unverified_rule`` warning per unverified fact.
    4. Mark as "next" the first step, in phase order, that the applicant can act on now
       (at most one; none when everything left is blocked or waiting).
    5. Derive each phase's status from its steps.

    Deterministic: the same profile, facts and ``today`` give the same roadmap; nothing
    reads the clock, and neither input is changed.
    """
    match_year, why = resolve_match_year(profile, today)
    sit = Situation(
        profile=profile,
        facts=facts,
        today=today,
        match_year=match_year,
        match_year_reason=why,
        calendar=facts.calendar_for(match_year),
    )
    phases: list[Phase] = []
    warnings: list[RoadmapWarning] = list(journey_warnings(sit))
    for phase_id, title, build in _PHASES:
        steps, phase_warnings = build(sit)
        phases.append(Phase(phase_id, title, PhaseStatus.TODO, tuple(steps)))
        warnings.extend(phase_warnings)
    phases = [_with_status(phase) for phase in _mark_next(phases)]
    warnings.extend(unverified_warnings(phases, warnings))
    ordered = sorted(warnings, key=lambda item: _SEVERITY_ORDER.index(item.severity))
    return Roadmap(
        today=today,
        match_year=match_year,
        match_year_reason=why,
        phases=tuple(phases),
        warnings=tuple(ordered),
        own_dates=own_dates(profile),
        projected_calendar=projected_calendar(facts, match_year),
    )


def evaluate_json(profile_data: dict[str, Any], facts: Facts, today: date) -> dict[str, Any]:
    """Parse, evaluate and serialise in one call (for the command line); may raise ProfileError."""
    return roadmap_to_dict(evaluate(parse_profile(profile_data), facts, today))


def _mark_next(phases: list[Phase]) -> list[Phase]:
    marked = False
    result = []
    for phase in phases:
        steps: list[Step] = []
        for step in phase.steps:
            if not marked and step.actionable and step.status is StepStatus.TODO:
                step = replace(step, status=StepStatus.NEXT)
                marked = True
            steps.append(step)
        result.append(replace(phase, steps=tuple(steps)))
    return result


def _with_status(phase: Phase) -> Phase:
    statuses = {step.status for step in phase.steps}
    if not statuses or statuses == {StepStatus.NOT_APPLICABLE}:
        status = PhaseStatus.NOT_APPLICABLE
    elif statuses <= {StepStatus.DONE, StepStatus.NOT_APPLICABLE}:
        status = PhaseStatus.DONE
    elif StepStatus.BLOCKED in statuses:
        status = PhaseStatus.BLOCKED
    elif statuses & {StepStatus.DONE, StepStatus.NEXT}:
        status = PhaseStatus.IN_PROGRESS
    else:
        status = PhaseStatus.TODO
    return replace(phase, status=status)
