"""Turn the applicant's typed profile into what the suggestion engine compares."""

from __future__ import annotations

from collections.abc import Iterable

from imgpath.engines.mentor_match.model import Seeker, Topic, VisaRoute
from imgpath.engines.profile.model import (
    USMLE_EXAMS,
    ExamStatus,
    ExperienceKind,
    Profile,
    UsStatus,
    VisaPreference,
)
from imgpath.engines.rules.countries import COUNTRY_NAMES

US_EXPERIENCE = {
    ExperienceKind.OBSERVERSHIP,
    ExperienceKind.EXTERNSHIP,
    ExperienceKind.CLERKSHIP,
    ExperienceKind.US_RESIDENCY,
}


def seeker_from_profile(
    profile: Profile, *, languages: Iterable[str] = (), excluded: Iterable[int] = ()
) -> Seeker:
    country = profile.medical_school.country
    return Seeker(
        graduation_country=country,
        graduation_country_name=COUNTRY_NAMES.get(country or ""),
        specialties=tuple(profile.targets.specialties),
        visas_wanted=visas_wanted(profile),
        states=tuple(profile.targets.states),
        languages=tuple(sorted(set(languages))),
        topics_needed=topics_needed(profile),
        excluded=frozenset(excluded),
    )


def visas_wanted(profile: Profile) -> frozenset[VisaRoute]:
    if profile.us_status in (UsStatus.CITIZEN, UsStatus.PERMANENT_RESIDENT):
        return frozenset()
    return (
        {
            VisaPreference.J1: frozenset({VisaRoute.J1}),
            VisaPreference.H1B: frozenset({VisaRoute.H1B}),
            VisaPreference.EITHER: frozenset({VisaRoute.J1, VisaRoute.H1B}),
        }.get(profile.visa_preference, frozenset())
        if profile.visa_preference
        else frozenset()
    )


def topics_needed(profile: Profile) -> tuple[Topic, ...]:
    """The phase the applicant is in, as mentor topics (first unfinished phase, plus visas)."""
    phase = _current_phase(profile)
    topics = [phase]
    if phase is Topic.LICENSURE:
        topics.append(Topic.CULTURAL_ADAPTATION)
    if visas_wanted(profile) or profile.visa_preference is VisaPreference.EITHER:
        topics.append(Topic.VISAS)
    return tuple(topics)


def _current_phase(profile: Profile) -> Topic:
    exams = [profile.exams.usmle(e) for e in USMLE_EXAMS[:2]]
    if not all(e is not None and e.status is ExamStatus.PASSED for e in exams):
        return Topic.USMLE
    if not any(x.kind in US_EXPERIENCE for x in profile.experience):
        return Topic.USCE
    progress = profile.progress
    if progress.matched:
        return Topic.LICENSURE
    if progress.eras_submitted:
        return Topic.INTERVIEWS
    return Topic.APPLICATIONS
