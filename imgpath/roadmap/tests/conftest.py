from __future__ import annotations

import pytest

from imgpath.profiles.services import profile_save

PROFILE = {
    "citizenships": ["IN"],
    "us_status": "none",
    "current_location": "abroad",
    "medical_school": {
        "name": "Grant Medical College",
        "country": "IN",
        "ecfmg_sponsor_note": True,
        "graduated": True,
        "graduation_year": 2021,
    },
    "exams": {
        "usmle_step1": {"status": "passed", "attempts": 1, "date": "2023-05-01"},
        "usmle_step2ck": {"status": "passed", "attempts": 1, "score": 245, "date": "2024-03-01"},
    },
    "targets": {"specialties": ["internal_medicine"], "states": ["TX"], "match_year": 2027},
    "visa_preference": "j1",
}


@pytest.fixture
def applicant_with_profile(applicant):
    profile_save(user=applicant, data=PROFILE)
    return applicant
