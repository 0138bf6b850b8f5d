"""One persona per correction of December 2026: each fails if the correction is undone."""

from __future__ import annotations

from datetime import date

from imgpath.engines.rules.tests.support import (
    INDIAN_GRADUATE,
    codes,
    fact_ids,
    phase,
    run,
    step,
    step_ids,
    warning,
    with_changes,
)

CERTIFIED = with_changes(
    INDIAN_GRADUATE,
    ecfmg_certified=True,
    ecfmg_certified_date="2026-06-15",
    pathways="accepted",
)


def _with_exam(profile: dict, exam: str, **result: object) -> dict:
    changed = with_changes(profile)
    changed["exams"] = {**changed["exams"], exam: result}
    return changed


def test_emergency_medicine_applies_through_residencycas_not_eras() -> None:
    roadmap = run(
        with_changes(
            INDIAN_GRADUATE, targets={"specialties": ["emergency_medicine"], "match_year": 2027}
        )
    )
    ids = step_ids(roadmap)
    assert "residencycas_application" in ids
    assert "eras_application" not in ids
    application = step(roadmap, "residencycas_application")
    assert "ResidencyCAS" in application["reason"]
    assert "residencycas_specialties" in fact_ids(application)


def test_mixed_targets_need_both_services() -> None:
    targets = {"specialties": ["internal_medicine", "obstetrics_gynecology"], "match_year": 2027}
    ids = step_ids(run(with_changes(INDIAN_GRADUATE, targets=targets)))
    assert {"eras_application", "residencycas_application"} <= set(ids)


def test_internal_medicine_alone_hears_nothing_of_residencycas() -> None:
    ids = step_ids(run(INDIAN_GRADUATE))
    assert "eras_application" in ids
    assert "residencycas_application" not in ids


def test_step2ck_scheduled_after_the_rank_list_deadline_is_too_late_for_the_match() -> None:
    profile = _with_exam(
        INDIAN_GRADUATE, "usmle_step2ck", status="scheduled", attempts=0, date="2027-03-10"
    )
    roadmap = run(profile)
    late = warning(roadmap, "too_late_for_match")
    assert late["severity"] == "blocker"
    assert "Too late for the 2027 Match" in late["message"]
    assert "2028" in late["message"]
    assert "nrmp_verification_by_rol_deadline" in fact_ids(late)
    verification = step(roadmap, "ecfmg_verification_by_rol")
    assert verification["status"] == "todo"
    assert verification["due"] == "2027-03-03"


def test_step2ck_sat_well_before_the_deadline_is_not_flagged() -> None:
    profile = _with_exam(
        INDIAN_GRADUATE, "usmle_step2ck", status="scheduled", attempts=0, date="2026-12-20"
    )
    assert "too_late_for_match" not in codes(run(profile))


def test_passed_rank_list_deadline_marks_the_step_overdue_with_the_next_match() -> None:
    roadmap = run(INDIAN_GRADUATE, today=date(2027, 3, 5))
    ranking = step(roadmap, "rank_order_list")
    assert ranking["overdue"].startswith("Too late for the 2027 Match")
    assert "2028" in ranking["overdue"]
    assert ranking["status"] == "todo"


def test_texas_bound_applicant_sees_two_years_the_freeze_and_the_graduate_licence() -> None:
    profile = with_changes(
        INDIAN_GRADUATE,
        visa_preference="h1b",
        medical_school={**INDIAN_GRADUATE["medical_school"], "graduation_year": 2025},
    )
    roadmap = run(profile)
    texas = step(roadmap, "state_license:TX")
    assert texas["details"]["gme_years_required"] == 2
    assert fact_ids(texas)[:2] == ["state_tx", "tx_img_gme_two_years"]
    assert "S.B. 1022" in texas["reason"]
    freeze = warning(roadmap, "texas_h1b_freeze")
    assert "31 May 2027" in freeze["message"]
    graduate = step(roadmap, "texas_physician_graduate_license")
    assert "155.203" in graduate["reason"]
    assert "tx_physician_graduate_license" in fact_ids(graduate)


def test_graduate_licence_is_not_offered_to_an_older_graduate_or_outside_texas() -> None:
    assert "texas_physician_graduate_license" not in step_ids(run(INDIAN_GRADUATE))
    recent = with_changes(
        INDIAN_GRADUATE,
        medical_school={**INDIAN_GRADUATE["medical_school"], "graduation_year": 2025},
        targets={"specialties": ["internal_medicine"], "states": ["NY"], "match_year": 2027},
    )
    assert "texas_physician_graduate_license" not in step_ids(run(recent))


def test_j1_resident_in_final_year_gets_an_actionable_post_residency_plan() -> None:
    profile = with_changes(
        CERTIFIED,
        current_visa="J1",
        current_location="us",
        targets={"specialties": ["internal_medicine"], "states": ["TX", "NY"], "match_year": 2024},
        experience=[
            {
                "kind": "us_residency",
                "months": 17,
                "country": "US",
                "start_date": "2024-07-01",
                "end_date": "2027-06-30",
            }
        ],
    )
    profile["exams"]["usmle_step3"] = {"status": "passed", "attempts": 1, "date": "2025-09-01"}
    roadmap = run(profile)
    plan = step(roadmap, "after_training")
    # Step 3 done and training ends within a year: the plan is the one thing to do now.
    assert plan["status"] == "next"
    assert plan["due"] == "2026-10-01"
    assert "Conrad 30 programs of Texas and New York" in plan["reason"]
    assert "30 June 2027" in plan["reason"]
    # Leaving and coming back on an H-1B is a new petition from abroad: the payment applies.
    assert "owes the $100,000 payment if the payment is still in force" in plan["reason"]
    assert "Status as of" in plan["reason"]
    assert {"conrad30", "conrad30_authorization", "o1_for_physicians"} <= set(fact_ids(plan))


def test_applicant_not_on_a_j1_has_no_post_residency_plan() -> None:
    profile = with_changes(
        CERTIFIED, current_visa="H1B", current_location="us", visa_preference="h1b"
    )
    assert "after_training" not in step_ids(run(profile))


def test_canadian_is_told_tn_does_not_cover_residency_and_needs_no_j1_visa_stamp() -> None:
    profile = with_changes(
        INDIAN_GRADUATE,
        citizenships=["CA"],
        medical_school={**INDIAN_GRADUATE["medical_school"], "country": "IE"},
    )
    roadmap = run(profile)
    tn = warning(roadmap, "canada_tn_not_for_residency")
    assert "TN" in tn["message"]
    visa = step(roadmap, "visa")
    assert "canada_j1_no_visa_stamp" in fact_ids(visa)
    assert "visa stamp" in visa["reason"]


def test_indiana_route_checks_recent_practice_from_dated_experience() -> None:
    targets = {"specialties": ["internal_medicine"], "states": ["IN"], "match_year": 2027}
    practised = with_changes(
        INDIAN_GRADUATE,
        targets=targets,
        experience=[
            {
                "kind": "practice_abroad",
                "months": 72,
                "country": "IN",
                "start_date": "2014-01-01",
                "end_date": "2020-01-01",
            }
        ],
    )
    check = _recency(run(practised))
    assert check["met"] is False
    assert check["condition"] == "at least 5 of the last 6 years in practice"
    recent = with_changes(
        practised,
        experience=[{**practised["experience"][0], "start_date": "2020-06-01", "end_date": None}],
    )
    assert _recency(run(recent))["met"] is True
    undated = with_changes(
        practised, experience=[{"kind": "practice_abroad", "months": 72, "country": "IN"}]
    )
    assert _recency(run(undated))["met"] is None


def _recency(roadmap: dict) -> dict:
    checks = step(roadmap, "alternative_license:IN")["details"]["checks"]
    return next(c for c in checks if "last 6 years" in c["condition"])


def test_school_step_shows_the_wfme_policy_as_a_notation_not_a_rule() -> None:
    school = step(run(INDIAN_GRADUATE), "school_eligibility")
    assert "does not affect your eligibility" in school["reason"]
    assert "ecfmg_wfme_policy" in fact_ids(school)


def test_seven_year_rule_names_its_newest_source_and_date() -> None:
    profile = _with_exam(
        INDIAN_GRADUATE, "usmle_step1", status="passed", attempts=1, date="2018-05-01"
    )
    profile = _with_exam(profile, "usmle_step2ck", status="not_taken", attempts=0)
    found = warning(run(profile), "ecfmg_exam_window")
    assert "Copy of an ECFMG Information Booklet (about 2017-2018)" in found["message"]
    assert "check ECFMG's current Information Booklet" in found["message"]


def test_no_step_or_alert_prints_the_compile_date_as_a_source_date() -> None:
    roadmap = run(INDIAN_GRADUATE)
    sources = [s for p in roadmap["phases"] for st in p["steps"] for s in st["sources"]]
    sources += [s for w in roadmap["warnings"] for s in w["sources"]]
    assert sources
    for source in sources:
        assert source["as_of"] != "2026-12-06", source["fact_id"]
        assert source["undated"] == (source["as_of"] is None)


def test_immigration_phase_of_an_unaffected_applicant_is_unchanged_by_the_ban() -> None:
    immigration = phase(run(INDIAN_GRADUATE), "immigration")
    for item in immigration["steps"]:
        assert "travel_ban_2026" not in fact_ids(item)
