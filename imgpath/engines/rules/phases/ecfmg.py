"""Phase 1, ECFMG Certification: eligible school, Step 1 and Step 2 CK, English, clinical
skills (the Pathways), verified diploma, then the certificate (pathway-facts section 1)."""

from __future__ import annotations

from imgpath.engines.rules.phases.english import clinical_skills_step, english_step
from imgpath.engines.rules.phases.usmle import usmle_step
from imgpath.engines.rules.roadmap import RoadmapWarning, Severity, Step, StepStatus
from imgpath.engines.rules.situation import Situation, make_step, make_warning
from imgpath.engines.rules.wording import day, listing


def build(sit: Situation) -> tuple[list[Step], list[RoadmapWarning]]:
    warnings: list[RoadmapWarning] = []
    school = school_step(sit, warnings)
    step1 = usmle_step(
        sit,
        "usmle_step1",
        purpose="is one of the two exams ECFMG Certification requires",
        cite=[
            sit.fact("ecfmg_required_exams"),
            sit.fact("step1_pass_fail"),
            sit.fact("ecfmg_usmle_services_fsmb"),
        ],
        details={"pass_fail_since": sit.value("step1_pass_fail", "effective_from")},
        note=_registration_note(sit),
    )
    step2 = usmle_step(
        sit,
        "usmle_step2ck",
        purpose="is the second exam ECFMG Certification requires",
        cite=[
            sit.fact("ecfmg_required_exams"),
            sit.fact("step2ck_passing_score"),
            sit.fact("ecfmg_usmle_services_fsmb"),
        ],
        details=_step2_details(sit),
        note=f"{_step2_note(sit)} {_registration_note(sit)}".strip(),
    )
    english = english_step(sit, warnings)
    skills = clinical_skills_step(sit)
    credentials = credentials_step(sit)
    steps = [school, step1, step2, english, skills, credentials]
    steps.append(certificate_step(sit, steps, warnings))
    return steps, warnings


def _accreditation_words(sit: Situation) -> str:
    """The WFME-recognised accreditation policy as what it is: a notation, not a rule."""
    years = sit.value("ecfmg_school_credit_years", "min_academic_years")
    return (
        f" You also need credit for at least {years} academic years from the school. Separately, "
        "since 2024 the World Directory entry and the ECFMG Status Report programs receive note "
        "whether the school meets ECFMG's Recognized Accreditation Policy (accreditation by a "
        "WFME-recognised agency); that notation does not affect your eligibility, though "
        "programs can see it."
    )


def school_step(sit: Situation, warnings: list[RoadmapWarning]) -> Step:
    note = sit.fact("ecfmg_school_sponsor_note")
    eligibility = [note, sit.fact("ecfmg_school_credit_years"), sit.fact("ecfmg_wfme_policy")]
    title = "Check your school's ECFMG eligibility"
    school = sit.profile.medical_school
    name = school.name or "your school"
    subject = school.name or "Your school"
    if sit.certified:
        return make_step(
            "school_eligibility",
            title,
            StepStatus.DONE,
            "You are ECFMG certified, so your school and graduation year were eligible.",
            cite=[note],
        )
    if school.ecfmg_sponsor_note is True:
        year = f" ({school.graduation_year})" if school.graduation_year else ""
        return make_step(
            "school_eligibility",
            title,
            StepStatus.DONE,
            f"{subject} has an ECFMG note in the "
            f"World Directory of Medical Schools. Check that your graduation year{year} is inside "
            "the range of years the note lists." + _accreditation_words(sit),
            cite=eligibility,
        )
    if school.ecfmg_sponsor_note is False:
        warnings.append(
            make_warning(
                "school_not_eligible",
                Severity.BLOCKER,
                f"You told us {name} has no ECFMG note on the World Directory's Sponsor Notes "
                "tab. Without that note you cannot apply for ECFMG Certification or for the "
                "USMLE, so no step that depends on them can start. Check the school's entry on "
                "wdoms.org again (schools can have several entries) before planning anything "
                "else.",
                [note],
            )
        )
        return make_step(
            "school_eligibility",
            title,
            StepStatus.BLOCKED,
            f"{subject} has no ECFMG note in the "
            "World Directory, so ECFMG will not accept your applications.",
            cite=[note],
        )
    return make_step(
        "school_eligibility",
        title,
        StepStatus.TODO,
        "Look up your school on wdoms.org (World Directory of Medical Schools), Sponsor Notes "
        "tab. It needs an ECFMG note that covers your graduation year; without it you cannot "
        "apply for ECFMG Certification or the USMLE." + _accreditation_words(sit),
        cite=eligibility,
        actionable=True,
    )


def credentials_step(sit: Situation) -> Step:
    title = "Have ECFMG verify your diploma"
    cite = [sit.fact("credential_verification"), sit.fact("epic_not_required")]
    school = sit.profile.medical_school
    if sit.certified or school.diploma_verified:
        return make_step(
            "credential_verification",
            title,
            StepStatus.DONE,
            "ECFMG has verified your final diploma with your school.",
            cite=cite,
        )
    if sit.exams_blocked:
        return make_step(
            "credential_verification",
            title,
            StepStatus.BLOCKED,
            "ECFMG Certification is out of reach for now (see the warnings above), "
            "so there is no point paying for verification yet.",
            cite=cite,
        )
    after = sit.fact("ecfmg_after_graduation")
    if sit.graduated is False:
        expected = f" (expected {school.graduation_year})" if school.graduation_year else ""
        return make_step(
            "credential_verification",
            title,
            StepStatus.TODO,
            f"ECFMG can verify your final diploma only after you graduate{expected}; then send "
            "a copy of it with a certified English translation.",
            cite=[after, *cite],
        )
    return make_step(
        "credential_verification",
        title,
        StepStatus.TODO,
        "Send ECFMG a copy of your final diploma (never the original) in its original language "
        "with a certified English translation; ECFMG confirms it, and your final transcript, "
        "with your school. You do not need EPIC for this.",
        cite=cite,
        actionable=sit.graduated is True,
        details={"graduated": sit.graduated},
    )


def certificate_step(sit: Situation, earlier: list[Step], warnings: list[RoadmapWarning]) -> Step:
    title = "Receive the ECFMG Certificate"
    nrmp = sit.fact("nrmp_ecfmg_verification")
    validity = sit.fact("certificate_permanent_validity")
    if sit.certified:
        since = sit.profile.ecfmg_certified_date
        reason = "You are ECFMG certified" + (f" since {day(since)}." if since else ".")
        months = sit.value("certificate_permanent_validity", "months_of_acgme_training")
        if sit.us_residency_months >= months:
            reason += (
                f" With {months} months of ACGME-accredited training your certificate "
                "can be valid indefinitely (ask ECFMG to record it if you are not on an "
                "ECFMG-sponsored J-1)."
            )
        else:
            warnings.append(
                make_warning(
                    "certificate_may_expire",
                    Severity.INFO,
                    "Certificates issued through the Pathways expire until you complete "
                    f"{months} months of ACGME-accredited training. Check the date on yours "
                    "(the date printed on certificates issued through the 2026 Pathways is not "
                    "in our sources); Pathways Revalidation exists for expiring Pathways. A "
                    "later ECFMG page, seen only in a third-party copy (unconfirmed), adds a "
                    "second way to make it permanent, an unrestricted licence in a U.S. state, "
                    "and lets trainees whose certificate is about to expire ask for an extension.",
                    [
                        validity,
                        sit.fact("pathways_revalidation"),
                        sit.fact("certificate_expiry_2026"),
                        sit.fact("certificate_validity_licence_route"),
                    ],
                )
            )
        return make_step("ecfmg_certificate", title, StepStatus.DONE, reason, cite=[validity])
    if sit.exams_blocked:
        return make_step(
            "ecfmg_certificate",
            title,
            StepStatus.BLOCKED,
            "ECFMG Certification is not possible while the blocker above stands.",
            cite=[sit.fact("ecfmg_required_exams")],
        )
    missing = [
        step.title[0].lower() + step.title[1:]
        for step in earlier
        if step.status is not StepStatus.DONE
    ]
    reason = f"Still to do: {listing(missing)}." if missing else "All parts are done."
    cite = [sit.fact("ecfmg_certification_components"), nrmp]
    if sit.graduated is not True:
        reason += " ECFMG can finish certifying you only after you graduate."
        cite.append(sit.fact("ecfmg_after_graduation"))
    reason += (
        " To enter the Match you do not need the certificate itself: ECFMG only has to confirm "
        "you have completed the exam requirements."
    )
    return make_step(
        "ecfmg_certificate",
        title,
        StepStatus.TODO,
        reason,
        cite=cite,
        details={"missing": [step.id for step in earlier if step.status is not StepStatus.DONE]},
    )


def _registration_note(sit: Situation) -> str:
    since = sit.fact_day("ecfmg_usmle_services_fsmb", "fsmb_services_from")
    return (
        f"Since {since} you register, schedule and get score reports for it through FSMB, "
        "which checks your eligibility with ECFMG; scores still go to ECFMG."
    )


def _passing_score(sit: Situation) -> tuple[int, str]:
    """The Step 2 CK passing score that applied to the applicant's exam date, and when."""
    exam = sit.exam("usmle_step2ck")
    since = sit.value("step2ck_passing_score", "effective_from")
    if exam.date and exam.date < since:
        return sit.value("step2ck_passing_score", "previous_score"), f"before {day(since)}"
    return sit.value("step2ck_passing_score", "score"), f"from {day(since)}"


def _step2_note(sit: Situation) -> str:
    score = sit.exam("usmle_step2ck").score
    passing, when = _passing_score(sit)
    if score is None or score >= passing:
        return ""
    return f"Your last score was {score}; the minimum passing score is {passing} for exams {when}."


def _step2_details(sit: Situation) -> dict[str, object]:
    passing, _ = _passing_score(sit)
    details: dict[str, object] = {
        "passing_score": passing,
        "passing_score_since": sit.value("step2ck_passing_score", "effective_from"),
    }
    score = sit.exam("usmle_step2ck").score
    if score is not None:
        details["your_score"] = score
    return details
