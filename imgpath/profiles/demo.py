"""Demo applicants' profiles: two different situations the roadmap handles."""

from __future__ import annotations

from imgpath.accounts.demo import demo_user
from imgpath.profiles.models import ApplicantProfile
from imgpath.profiles.services import profile_save

ORDER = 10

DEMO_PROFILES = {
    "applicant@demo.imgpath.org": {
        "citizenships": ["IN"],
        "us_status": "none",
        "current_visa": "none",
        "current_location": "abroad",
        "medical_school": {
            "name": "Madras Medical College",
            "country": "IN",
            "ecfmg_sponsor_note": True,
            "graduated": True,
            "graduation_year": 2022,
        },
        "exams": {
            "usmle_step1": {"status": "passed", "attempts": 1, "date": "2024-03-12"},
            "usmle_step2ck": {
                "status": "passed",
                "attempts": 1,
                "score": 248,
                "date": "2025-02-20",
            },
            "usmle_step3": {"status": "not_taken", "attempts": 0},
            "oet": {
                "status": "passed",
                "date": "2025-09-14",
                "listening": 390,
                "reading": 400,
                "writing": 350,
                "speaking": 410,
            },
        },
        "pathways": "submitted",
        "ecfmg_certified": False,
        "experience": [
            {
                "kind": "observership",
                "months": 1,
                "country": "US",
                "specialty": "internal_medicine",
            },
            {"kind": "training_abroad", "months": 12, "country": "IN"},
        ],
        "licensed_abroad": True,
        "targets": {
            "specialties": ["internal_medicine", "family_medicine"],
            "states": ["TX", "FL", "NY"],
            "match_year": 2027,
        },
        "visa_preference": "j1",
    },
    "applicant2@demo.imgpath.org": {
        "citizenships": ["NG"],
        "us_status": "none",
        "current_visa": "B1B2",
        "current_location": "abroad",
        "medical_school": {
            "name": "University of Ibadan College of Medicine",
            "country": "NG",
            "ecfmg_sponsor_note": True,
            "graduated": True,
            "graduation_year": 2012,
        },
        "exams": {
            "usmle_step1": {"status": "passed", "attempts": 2, "date": "2021-06-02"},
            "usmle_step2ck": {
                "status": "passed",
                "attempts": 1,
                "score": 231,
                "date": "2022-04-11",
            },
        },
        "pathways": "accepted",
        "ecfmg_certified": True,
        "ecfmg_certified_date": "2022-08-30",
        "experience": [{"kind": "practice_abroad", "months": 96, "country": "NG"}],
        "licensed_abroad": True,
        "targets": {
            "specialties": ["internal_medicine"],
            "states": ["TN", "TX"],
            "match_year": 2027,
        },
        "visa_preference": "h1b",
    },
}


def load_demo(*, stdout) -> None:
    created = 0
    for email, document in DEMO_PROFILES.items():
        user = demo_user(email)
        if ApplicantProfile.objects.filter(user=user).exists():
            continue
        profile_save(user=user, data=document)
        created += 1
    stdout.write(f"profiles: {created} demo profile(s) created")
