"""Personas: one realistic profile in, specific statuses, reasons, warnings and sources out."""

from __future__ import annotations

from datetime import date

from imgpath.engines.rules.tests.support import (
    INDIAN_GRADUATE,
    codes,
    fact_ids,
    next_steps,
    phase,
    run,
    step,
    step_ids,
    unverified_fact_ids,
    warning,
    warnings_of,
    with_changes,
)

CERTIFIED = with_changes(
    INDIAN_GRADUATE,
    ecfmg_certified=True,
    ecfmg_certified_date="2026-06-15",
    pathways="accepted",
)


def test_us_citizen_img_has_no_immigration_phase_but_still_needs_oet() -> None:
    profile = with_changes(
        INDIAN_GRADUATE,
        citizenships=["US", "IN"],
        us_status="citizen",
        visa_preference=None,
        exams={"usmle_step1": {"status": "passed", "attempts": 1}},
    )
    roadmap = run(profile)
    immigration = phase(roadmap, "immigration")
    assert immigration["status"] == "not_applicable"
    assert {s["status"] for s in immigration["steps"]} == {"not_applicable"}
    assert "U.S. citizen" in step(roadmap, "visa")["reason"]
    english = step(roadmap, "english_proficiency")
    assert english["status"] == "todo"
    assert "whatever your citizenship" in english["reason"]
    assert "oet_required_for_all" in fact_ids(english)
    assert not {"j1_home_residency", "h1b_payment_abroad", "step3_required_for_h1b"} & set(
        codes(roadmap)
    )
    assert next_steps(roadmap) == ["usmle_step2ck"]


def test_non_us_img_needing_j1_gets_sponsorship_steps_and_home_residency_warning() -> None:
    roadmap = run(with_changes(INDIAN_GRADUATE, citizenships=["NG"], visa_preference="j1"))
    visa = step(roadmap, "visa")
    assert visa["status"] == "todo"
    assert "ECFMG is the only sponsor" in visa["reason"]
    assert "Statement of Need" in visa["reason"]
    assert {"j1_ecfmg_sole_sponsor", "j1_statement_of_need"} <= set(fact_ids(visa))
    waiver = step(roadmap, "visa_waiver")
    assert waiver["status"] == "todo"
    assert "Conrad 30" in waiver["reason"]
    home = warning(roadmap, "j1_home_residency")
    assert home["severity"] == "warning"
    assert "2 years in your home country" in home["message"]
    assert home["sources"][0]["tier"] == "A"
    # Conrad 30's authorization after 2024 was not found: the roadmap must say so.
    assert "conrad30_authorization" in unverified_fact_ids(roadmap)
    assert "h1b_payment_abroad" not in codes(roadmap)


def test_h1b_without_step3_is_warned_and_step3_explains_why() -> None:
    roadmap = run(
        with_changes(CERTIFIED, visa_preference="h1b", current_location="us", current_visa="B1B2")
    )
    found = warning(roadmap, "step3_required_for_h1b")
    assert found["severity"] == "warning"
    assert "have not passed it" in found["message"]
    assert "h1b_physician_requirements" in fact_ids(found)
    step3 = step(roadmap, "usmle_step3")
    assert "H-1B" in step3["reason"]
    assert step3["status"] == "todo"
    # The Step 3 part of the H-1B rule is not confirmed by an official source.
    assert "h1b_physician_requirements" in unverified_fact_ids(roadmap)
    assert step(roadmap, "visa_waiver")["status"] == "not_applicable"


def test_fourth_failed_attempt_blocks_every_step_and_leaves_no_next_step() -> None:
    exams = {
        "usmle_step1": {"status": "passed", "attempts": 1, "date": "2023-05-01"},
        "usmle_step2ck": {"status": "failed", "attempts": 4, "date": "2026-08-01"},
    }
    roadmap = run(with_changes(INDIAN_GRADUATE, exams=exams))
    blocker = warning(roadmap, "attempt_limit_reached")
    assert blocker["severity"] == "blocker"
    assert "4 unsuccessful attempts at Step 2 CK" in blocker["message"]
    assert roadmap["warnings"][0]["code"] == "attempt_limit_reached"
    for step_id in (
        "usmle_step2ck",
        "usmle_step3",
        "ecfmg_certificate",
        "eras_application",
        "nrmp_registration",
        "match_day",
    ):
        assert step(roadmap, step_id)["status"] == "blocked", step_id
    assert "cannot sit Step 3" in step(roadmap, "usmle_step3")["reason"]
    assert step(roadmap, "usmle_step1")["status"] == "done"
    assert phase(roadmap, "ecfmg_certification")["status"] == "blocked"
    assert next_steps(roadmap) == []
    assert "multiple_attempts" not in codes(roadmap)


def test_third_failed_attempt_warns_that_the_next_failure_bars_every_step() -> None:
    exams = {
        "usmle_step1": {"status": "passed", "attempts": 1},
        "usmle_step2ck": {"status": "failed", "attempts": 3, "score": 210, "date": "2026-08-01"},
    }
    roadmap = run(with_changes(INDIAN_GRADUATE, exams=exams))
    step2 = step(roadmap, "usmle_step2ck")
    assert step2["status"] == "next"
    assert (
        "You have used 3 of 4 attempts at Step 2 CK; a fourth failure would bar you from every "
        "USMLE Step (limit since 1 July 2021)." in step2["reason"]
    )
    assert "Your last score was 210; the minimum passing score is 218" in step2["reason"]
    attempts = warning(roadmap, "multiple_attempts")
    assert attempts["severity"] == "warning"
    assert "usmle_retake_spacing" in fact_ids(attempts)
    assert (
        next(s for s in attempts["sources"] if s["fact_id"] == "usmle_retake_spacing")["flag"]
        == "stale"
    )


def test_oet_writing_290_is_below_the_minimum() -> None:
    oet = {
        "status": "passed",
        "date": "2025-06-01",
        "listening": 360,
        "reading": 360,
        "writing": 290,
        "speaking": 380,
    }
    profile = with_changes(INDIAN_GRADUATE)
    profile["exams"]["oet"] = oet
    roadmap = run(profile)
    english = step(roadmap, "english_proficiency")
    assert english["status"] == "next"
    assert "Writing 290 (minimum 300)" in english["reason"]
    assert english["due"] == "2027-01-31"
    found = warning(roadmap, "oet_below_minimum")
    assert "all four must be retaken together" in found["message"]
    assert found["sources"][0]["fact_id"] == "oet_thresholds"
    assert found["sources"][0]["tier"] == "C"
    unverified = warnings_of(roadmap, "unverified_rule")
    oet_rule = next(w for w in unverified if w["sources"][0]["fact_id"] == "oet_thresholds")
    assert "english_proficiency" in oet_rule["message"]


def test_school_without_sponsor_note_blocks_the_exams() -> None:
    profile = with_changes(
        INDIAN_GRADUATE,
        exams={},
        medical_school={
            "name": "Unlisted College",
            "country": "IN",
            "ecfmg_sponsor_note": False,
            "graduated": True,
            "graduation_year": 2022,
        },
    )
    roadmap = run(profile)
    found = warning(roadmap, "school_not_eligible")
    assert found["severity"] == "blocker"
    assert "cannot apply for ECFMG Certification or for the USMLE" in found["message"]
    assert fact_ids(found) == ["ecfmg_school_sponsor_note"]
    assert step(roadmap, "school_eligibility")["status"] == "blocked"
    step1 = step(roadmap, "usmle_step1")
    assert step1["status"] == "blocked"
    assert "World Directory" in step1["reason"]
    assert step(roadmap, "clinical_skills")["status"] == "blocked"
    assert phase(roadmap, "ecfmg_certification")["status"] == "blocked"


def test_student_before_graduation_targets_the_graduation_year() -> None:
    profile = {
        "citizenships": ["PK"],
        "medical_school": {
            "country": "PK",
            "ecfmg_sponsor_note": True,
            "graduated": False,
            "graduation_year": 2029,
        },
        "exams": {"usmle_step1": {"status": "scheduled", "attempts": 0, "date": "2027-02-01"}},
    }
    roadmap = run(profile)
    assert roadmap["match_year"] == 2029
    assert "expect to graduate in 2029" in roadmap["match_year_reason"]
    credentials = step(roadmap, "credential_verification")
    assert credentials["status"] == "todo"
    assert "only after you graduate (expected 2029)" in credentials["reason"]
    assert "ecfmg_after_graduation" in fact_ids(credentials)
    step1 = step(roadmap, "usmle_step1")
    assert step1["status"] == "next"
    assert "scheduled for 1 February 2027" in step1["reason"]
    assert "clerkship" in step(roadmap, "us_clinical_experience")["reason"]
    assert "graduation_gap" not in codes(roadmap)


def test_graduate_of_15_years_ago_gets_the_graduation_gap_warning() -> None:
    school = {
        "country": "EG",
        "ecfmg_sponsor_note": True,
        "graduated": True,
        "graduation_year": 2011,
    }
    roadmap = run(with_changes(INDIAN_GRADUATE, medical_school=school))
    gap = warning(roadmap, "graduation_gap")
    assert gap["severity"] == "warning"
    assert "You graduated 15 years ago" in gap["message"]
    assert "vary by program" in gap["message"]
    assert gap["sources"][0]["verified"] is False
    assert gap["sources"][0]["flag"] == "unverified"
    assert "graduation_gap" in unverified_fact_ids(roadmap)


def test_old_step1_pass_raises_the_ecfmg_seven_year_window() -> None:
    exams = {"usmle_step1": {"status": "passed", "attempts": 1, "date": "2012-03-01"}}
    roadmap = run(with_changes(INDIAN_GRADUATE, exams=exams))
    found = warning(roadmap, "ecfmg_exam_window")
    assert "more than 7 years ago" in found["message"]
    assert "Step 2 CK is still open" in found["message"]
    assert found["sources"][0]["flag"] == "stale"


def test_long_practice_abroad_in_an_alternative_pathway_state() -> None:
    profile = with_changes(
        CERTIFIED,
        licensed_abroad=True,
        experience=[
            {"kind": "practice_abroad", "months": 120, "country": "IN"},
            {"kind": "training_abroad", "months": 36, "country": "IN"},
        ],
        targets={"specialties": ["family_medicine"], "states": ["TN"], "match_year": 2027},
    )
    roadmap = run(profile)
    alt = step(roadmap, "alternative_license:TN")
    assert alt["status"] == "todo"
    assert alt["details"]["status"] == "implemented"
    assert alt["details"]["conditions"]["provisional_years"] == 2
    assert alt["details"]["conditions"]["ecfmg_certificate_required"] is True
    experience = next(c for c in alt["details"]["checks"] if c["group"] == "experience")
    assert experience["met"] is True
    assert alt["details"]["fit"] == "unknown"  # the job offer cannot be known from a profile
    assert "a job offer from a qualifying employer" in alt["reason"]
    assert warning(roadmap, "alternative_license_available")["severity"] == "info"
    licence = step(roadmap, "state_license:TN")
    assert licence["details"]["gme_years_required"] == 3
    assert licence["details"]["step3_required"] is True
    assert licence["details"]["step3_attempt_limit"] == 3
    assert "alt_tn" in unverified_fact_ids(roadmap)


def test_short_practice_abroad_makes_the_pathway_unlikely() -> None:
    profile = with_changes(
        CERTIFIED,
        experience=[{"kind": "practice_abroad", "months": 24, "country": "IN"}],
        targets={"states": ["VA"], "match_year": 2027},
    )
    roadmap = run(profile)
    alt = step(roadmap, "alternative_license:VA")
    assert alt["details"]["fit"] == "unlikely"
    practice = alt["details"]["checks"][0]
    assert practice["required_years"] == 5
    assert practice["your_years"] == 2
    assert practice["met"] is False
    assert "alternative_license_available" not in codes(roadmap)


def test_several_target_states_in_order_with_pathways_and_conflicts() -> None:
    targets = {
        "specialties": ["psychiatry"],
        "states": ["TX", "CA", "FL", "VA", "PR"],
        "match_year": 2027,
    }
    roadmap = run(with_changes(INDIAN_GRADUATE, targets=targets))
    licensure = [s["id"] for s in phase(roadmap, "licensure")["steps"]]
    assert licensure == [
        "usmle_step3",
        "state_license:TX",
        "alternative_license:TX",
        "state_license:CA",
        "state_license:FL",
        "alternative_license:FL",
        "state_license:VA",
        "alternative_license:VA",
        "state_license:PR",
    ]
    assert "only a limited licence" in step(roadmap, "state_license:CA")["reason"]
    assert step(roadmap, "state_license:PR")["details"]["gme_years_required"] == 1
    # Virginia's 12 months come from the Code of Virginia, which settles the old conflict.
    virginia = step(roadmap, "state_license:VA")
    assert virginia["details"]["gme_years_required"] == 1
    assert "va_gme_twelve_months" in fact_ids(virginia)
    texas = step(roadmap, "state_license:TX")
    assert texas["details"]["gme_years_required"] == 2
    assert "tx_img_gme_two_years" in fact_ids(texas)
    assert step(roadmap, "usmle_step3")["details"]["state_step3_attempt_limits"] == {
        "TX": 3,
        "CA": 4,
        "FL": None,
        "VA": None,
        "PR": None,
    }


def test_empty_profile_gives_a_general_roadmap_with_one_next_step() -> None:
    roadmap = run({})
    assert roadmap["match_year"] == 2028
    assert [p["id"] for p in roadmap["phases"]] == [
        "ecfmg_certification",
        "clinical_experience",
        "residency_application",
        "match",
        "licensure",
        "immigration",
    ]
    assert next_steps(roadmap) == ["school_eligibility"]
    assert "state_license" in step_ids(roadmap)
    incomplete = warning(roadmap, "profile_incomplete")
    assert "your citizenship or U.S. status" in incomplete["message"]
    assert "match_calendar_missing" in codes(roadmap)
    assert all(s["due"] is None for p in roadmap["phases"] for s in p["steps"])
    assert "estimate" in step(roadmap, "match_day")["reason"]
    assert step(roadmap, "match_day")["details"]["estimated_date"] == "2028-03-17"


def test_certified_img_applying_now_gets_calendar_dates() -> None:
    roadmap = run(CERTIFIED, today=date(2026, 7, 1))
    assert phase(roadmap, "ecfmg_certification")["status"] == "done"
    assert next_steps(roadmap) == ["program_list"]
    assert step(roadmap, "program_list")["due"] == "2026-09-02"
    eras = step(roadmap, "eras_application")
    assert eras["due"] == "2026-09-02"
    assert "Submit on or soon after 2 September 2026" in eras["reason"]
    assert step(roadmap, "nrmp_registration")["due"] == "2026-09-15"
    assert step(roadmap, "rank_order_list")["due"] == "2027-03-03"
    assert step(roadmap, "match_day")["due"] == "2027-03-19"
    # The 2027 calendar is tier C: every date carries its flag into the warnings.
    assert {"cal_2027_eras_submission_opens", "cal_2027_match_day"} <= set(
        unverified_fact_ids(roadmap)
    )
    assert step(roadmap, "usmle_step3")["status"] == "todo"  # J-1 plan: Step 3 can wait


def test_oet_too_old_for_the_2027_pathways() -> None:
    profile = with_changes(INDIAN_GRADUATE)
    profile["exams"]["oet"]["date"] = "2024-06-01"
    roadmap = run(profile)
    too_old = warning(roadmap, "oet_too_old")
    assert "too old for the 2027 Pathways" in too_old["message"]
    assert "on or after 1 January 2025" in too_old["message"]
    assert fact_ids(too_old)[0] == "cal_2027_oet_window"
    assert step(roadmap, "english_proficiency")["status"] == "next"


def test_oet_window_unknown_for_2026_is_said_not_guessed() -> None:
    profile = with_changes(INDIAN_GRADUATE, targets={"match_year": 2026})
    profile["exams"]["oet"]["date"] = "2023-06-01"
    roadmap = run(profile, today=date(2025, 8, 1))
    english = step(roadmap, "english_proficiency")
    assert english["status"] == "done"
    assert "not in our data" in english["reason"]
    assert "oet_too_old" not in codes(roadmap)
    assert step(roadmap, "clinical_skills")["due"] is None
    assert "cal_2026_pathways_deadline" in unverified_fact_ids(roadmap)


def test_oet_before_april_2022_needs_350_in_writing() -> None:
    profile = with_changes(INDIAN_GRADUATE, targets={"match_year": 2024})
    profile["exams"]["oet"] = {
        "status": "passed",
        "date": "2022-02-01",
        "listening": 360,
        "reading": 360,
        "writing": 320,
        "speaking": 360,
    }
    roadmap = run(profile, today=date(2023, 6, 1))
    assert "Writing 320 (minimum 350)" in step(roadmap, "english_proficiency")["reason"]
    assert "oet_before_april_2022" in fact_ids(step(roadmap, "english_proficiency"))


def test_h1b_from_abroad_owes_the_100000_payment_warning() -> None:
    roadmap = run(with_changes(CERTIFIED, visa_preference="h1b", current_location="abroad"))
    payment = warning(roadmap, "h1b_payment_abroad")
    assert payment["severity"] == "warning"
    assert "$100,000" in payment["message"]
    assert "21 September 2025" in payment["message"]
    assert payment["sources"][0]["fact_id"] == "h1b_payment_abroad"
    # In litigation with a fixed term: the last known standing, dated, never a settled rule.
    assert payment["sources"][0]["standing"] == "contested"
    assert "Status as of 12 June 2026: contested in court" in payment["message"]
    assert "Our sources stop in June 2026" in payment["message"]
    assert "before you rely on it" in payment["message"]
    assert payment["unconfirmed"] is True


def test_h1b_change_of_status_inside_the_us_has_no_payment_warning() -> None:
    roadmap = run(
        with_changes(CERTIFIED, visa_preference="h1b", current_visa="F1", current_location=None)
    )
    assert "h1b_payment_abroad" not in codes(roadmap)
    assert "step3_required_for_h1b" in codes(roadmap)


def test_j1_resident_faces_home_residency_and_step3_is_next() -> None:
    profile = with_changes(
        CERTIFIED,
        current_visa="J1",
        current_location="us",
        experience=[
            {
                "kind": "us_residency",
                "months": 14,
                "country": "US",
                "specialty": "internal_medicine",
            }
        ],
    )
    roadmap = run(profile)
    home = warning(roadmap, "j1_home_residency")
    assert home["message"].startswith("You are on a J-1.")
    assert step(roadmap, "visa")["status"] == "done"
    assert step(roadmap, "visa_waiver")["status"] == "todo"
    assert phase(roadmap, "residency_application")["status"] == "done"
    assert phase(roadmap, "match")["status"] == "done"
    assert next_steps(roadmap) == ["usmle_step3"]
    assert "valid indefinitely" in step(roadmap, "ecfmg_certificate")["reason"]
    assert "graduation_gap" not in codes(roadmap)
    licence = step(roadmap, "state_license:TX")
    assert "10 months of residency to go" in licence["reason"]


def test_resident_with_step3_and_enough_training_has_the_licence_next() -> None:
    profile = with_changes(
        CERTIFIED,
        current_visa="H1B",
        current_location="us",
        visa_preference="h1b",
        experience=[{"kind": "us_residency", "months": 36, "country": "US"}],
    )
    profile["exams"]["usmle_step3"] = {
        "status": "passed",
        "attempts": 1,
        "score": 225,
        "date": "2025-01-10",
    }
    roadmap = run(profile)
    assert next_steps(roadmap) == ["state_license:TX"]
    assert phase(roadmap, "immigration")["status"] == "done"


def test_matched_applicant_on_j1_has_the_visa_next() -> None:
    profile = with_changes(CERTIFIED, progress={"matched": True})
    roadmap = run(profile)
    assert phase(roadmap, "match")["status"] == "done"
    assert next_steps(roadmap) == ["visa"]


def test_permanent_resident_needs_no_visa() -> None:
    roadmap = run(with_changes(INDIAN_GRADUATE, us_status="permanent_resident"))
    assert phase(roadmap, "immigration")["status"] == "not_applicable"
    assert "permanent resident" in step(roadmap, "visa")["reason"]


def test_match_year_without_calendar_says_so_and_estimates_match_day() -> None:
    roadmap = run(with_changes(INDIAN_GRADUATE, targets={"match_year": 2029}))
    assert "match_calendar_missing" in codes(roadmap)
    match_day = step(roadmap, "match_day")
    assert match_day["due"] is None
    assert match_day["details"]["estimated_date"] == "2029-03-16"
    assert "match_day_third_friday" in fact_ids(match_day)
    assert "not in our data" in step(roadmap, "eras_application")["reason"]


def test_completed_2026_match_is_in_the_past_and_its_deadlines_overdue() -> None:
    roadmap = run(with_changes(INDIAN_GRADUATE, targets={"match_year": 2026}))
    assert step(roadmap, "match_day")["due"] == "2026-03-20"
    assert step(roadmap, "match_day")["sources"][0]["tier"] == "A"
    ranking = step(roadmap, "rank_order_list")
    assert ranking["due"] == "2026-02-25"
    assert ranking["sources"][0]["verified"] is True
    assert "Too late for the 2026 Match" in ranking["overdue"]
    assert warning(roadmap, "match_year_in_past")["severity"] == "warning"


def test_citizen_of_a_fully_banned_country_is_blocked() -> None:
    roadmap = run(with_changes(INDIAN_GRADUATE, citizenships=["IR"]))
    found = warning(roadmap, "travel_ban")
    assert found["severity"] == "blocker"
    assert "nationals of Iran is fully suspended" in found["message"]
    assert fact_ids(found) == [
        "travel_ban_2026",
        "travel_ban_exceptions",
        "nrmp_match_waivers_2025",
    ]
    assert "travel ban in force since 1 January 2026" in step(roadmap, "visa")["reason"]


def test_nigerian_on_the_j1_route_is_told_j1_visas_are_suspended() -> None:
    roadmap = run(with_changes(INDIAN_GRADUATE, citizenships=["NG"], visa_preference="j1"))
    found = warning(roadmap, "travel_ban")
    assert found["severity"] == "blocker"
    assert (
        "J-1 visas (and B, F and M visas) cannot be issued to nationals of Nigeria"
        in (found["message"])
    )
    assert "Status as of" in found["message"]


def test_nigerian_who_also_holds_an_unlisted_passport_is_told_of_the_exception() -> None:
    roadmap = run(with_changes(INDIAN_GRADUATE, citizenships=["NG", "GB"], visa_preference="j1"))
    found = warning(roadmap, "travel_ban")
    assert found["severity"] == "warning"
    assert "dual national" in found["message"]


def test_nationals_of_unlisted_countries_hear_nothing_of_the_ban() -> None:
    for citizenships in (["IN"], ["PK"], ["GB", "EG"]):
        roadmap = run(with_changes(INDIAN_GRADUATE, citizenships=citizenships))
        assert "travel_ban" not in codes(roadmap)
        assert "uscis_hold" not in codes(roadmap)
        assert "travel ban" not in step(roadmap, "visa")["reason"]


def test_state_step3_attempt_limit_is_checked() -> None:
    profile = with_changes(CERTIFIED, targets={"states": ["TX", "NY"], "match_year": 2027})
    profile["exams"]["usmle_step3"] = {"status": "failed", "attempts": 3}
    roadmap = run(profile)
    limits = warnings_of(roadmap, "state_attempt_limit")
    assert len(limits) == 1
    assert "Texas allows 3 attempts at Step 3" in limits[0]["message"]


def test_default_match_year_depends_on_the_date() -> None:
    assert run({}, today=date(2026, 8, 31))["match_year"] == 2027
    assert run({}, today=date(2026, 9, 1))["match_year"] == 2028


def test_licensed_physician_is_pointed_to_pathway_1() -> None:
    roadmap = run(INDIAN_GRADUATE)
    skills = step(roadmap, "clinical_skills")
    assert "Pathway 1" in skills["reason"]
    assert "1 January 2019" in skills["reason"]
    assert skills["due"] == "2027-01-31"


def test_inputs_are_not_mutated_and_output_is_deterministic() -> None:
    import copy

    profile = copy.deepcopy(CERTIFIED)
    first = run(profile)
    assert profile == CERTIFIED
    assert run(profile) == first


def test_pass_on_the_fourth_attempt_is_not_a_bar_but_is_noted() -> None:
    exams = {
        "usmle_step1": {"status": "passed", "attempts": 4, "date": "2024-01-10"},
        "usmle_step2ck": {"status": "passed", "attempts": 2, "score": 230},
    }
    roadmap = run(with_changes(INDIAN_GRADUATE, exams=exams))
    assert "attempt_limit_reached" not in codes(roadmap)
    step1 = step(roadmap, "usmle_step1")
    assert step1["status"] == "done"
    assert step1["reason"] == "You passed Step 1 on 10 January 2024, on attempt 4."
    assert step1["details"]["unsuccessful_attempts"] == 3
    noted = [w["message"] for w in warnings_of(roadmap, "multiple_attempts")]
    assert noted == [
        "You passed Step 1 after 3 unsuccessful attempts. Every attempt stays on your USMLE "
        "transcript.",
        "You passed Step 2 CK after 1 unsuccessful attempt. Every attempt stays on your USMLE "
        "transcript.",
    ]
    assert {w["severity"] for w in warnings_of(roadmap, "multiple_attempts")} == {"info"}


def test_a_past_graduation_year_alone_counts_as_graduated() -> None:
    roadmap = run({"medical_school": {"graduation_year": 2011}})
    assert "You graduated 15 years ago" in warning(roadmap, "graduation_gap")["message"]
    assert "graduation_gap" not in codes(run({"medical_school": {"graduation_year": 2026}}))
