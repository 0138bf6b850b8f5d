from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imgpath.profiles.models import ApplicantProfile
from imgpath.profiles.selectors import profile_data_for
from imgpath.profiles.services import profile_save

pytestmark = pytest.mark.django_db

SAMPLE = {
    "citizenships": ["IN"],
    "us_status": "none",
    "medical_school": {
        "name": "Grant Medical College",
        "country": "IN",
        "graduated": True,
        "graduation_year": 2020,
    },
    "exams": {"usmle_step1": {"status": "passed", "attempts": 1}},
    "targets": {"specialties": ["internal_medicine"], "states": ["TX"], "match_year": 2027},
}


def _form_data(**overrides: str) -> dict[str, str]:
    data = {
        "status-citizenship_1": "IN",
        "status-us_status": "none",
        "school-name": "Grant Medical College",
        "school-country": "IN",
        "school-graduated": "yes",
        "school-graduation_year": "2020",
        "usmle_step1-status": "passed",
        "usmle_step1-attempts": "1",
        "oet-status": "passed",
        "oet-date": "2025-05-01",
        "oet-listening": "360",
        "oet-reading": "370",
        "oet-writing": "320",
        "oet-speaking": "380",
        "experience-TOTAL_FORMS": "2",
        "experience-INITIAL_FORMS": "0",
        "experience-0-kind": "observership",
        "experience-0-months": "2",
        "experience-0-country": "US",
        "experience-1-kind": "",
        "targets-specialties": ["internal_medicine"],
        "targets-states": ["TX", "FL"],
        "targets-match_year": "2027",
        "progress-letters_ready": "on",
    }
    data.update(overrides)
    return data


def test_applicant_saves_the_profile_from_the_page(client, applicant):
    client.force_login(applicant)

    response = client.post(reverse("profile_edit"), _form_data())

    assert response.status_code == 302
    doc = profile_data_for(applicant)
    assert doc["citizenships"] == ["IN"]
    assert doc["medical_school"]["graduated"] is True
    assert doc["exams"]["oet"]["writing"] == 320
    assert doc["experience"] == [{"kind": "observership", "months": 2, "country": "US"}]
    assert doc["targets"]["states"] == ["TX", "FL"]
    assert doc["progress"] == {"letters_ready": True}
    # Unanswered questions stay unknown rather than becoming "no".
    assert "ecfmg_sponsor_note" not in doc["medical_school"]


def test_page_shows_saved_answers(client, applicant):
    profile_save(user=applicant, data=SAMPLE)
    client.force_login(applicant)

    page = client.get(reverse("profile_edit")).content.decode()

    assert 'value="Grant Medical College"' in page
    assert '<option value="IN" selected>India</option>' in page


def test_engine_rule_errors_land_on_the_right_field_and_nothing_is_saved(client, applicant):
    profile_save(user=applicant, data=SAMPLE)
    client.force_login(applicant)

    response = client.post(
        reverse("profile_edit"),
        _form_data(**{"usmle_step1-attempts": "0", "school-name": "Changed"}),
    )

    assert response.status_code == 422
    step1 = response.context["editor"].usmle[0]
    assert "must be at least 1 when status is passed" in str(step1.errors["attempts"])
    assert profile_data_for(applicant)["medical_school"]["name"] == "Grant Medical College"


def test_form_range_errors_are_reported(client, applicant):
    client.force_login(applicant)

    response = client.post(reverse("profile_edit"), _form_data(**{"oet-writing": "900"}))

    assert response.status_code == 422
    assert "oet-writing" in response.content.decode()
    assert not ApplicantProfile.objects.filter(user=applicant).exists()


def test_experience_row_needs_a_kind(client, applicant):
    client.force_login(applicant)

    response = client.post(reverse("profile_edit"), _form_data(**{"experience-0-kind": ""}))

    assert response.status_code == 422
    assert "Choose what kind of experience" in response.content.decode()


@pytest.mark.parametrize("persona", ["host", "mentor", "staff"])
def test_only_applicants_have_a_profile_page(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("profile_edit")).status_code == 403
    assert client.post(reverse("profile_edit"), _form_data()).status_code == 403
    assert not ApplicantProfile.objects.exists()


def test_another_applicant_sees_only_their_own_profile(client, applicant, other_applicant):
    profile_save(user=applicant, data=SAMPLE)
    client.force_login(other_applicant)

    page = client.get(reverse("profile_edit")).content.decode()
    download = client.get(reverse("profile_download")).content.decode()

    assert "Grant Medical College" not in page
    assert json.loads(download) == {}


def test_download_then_import_round_trips(client, applicant):
    profile_save(user=applicant, data=SAMPLE)
    client.force_login(applicant)
    downloaded = client.get(reverse("profile_download")).content
    ApplicantProfile.objects.filter(user=applicant).update(data={})

    client.post(reverse("profile_upload"), {"file": SimpleUploadedFile("p.json", downloaded)})

    assert profile_data_for(applicant)["medical_school"]["name"] == "Grant Medical College"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"exams": {"oet": {"writing": 999}}}', "exams.oet.writing"),
    ],
)
def test_bad_import_changes_nothing(client, applicant, content, message):
    profile_save(user=applicant, data=SAMPLE)
    client.force_login(applicant)

    response = client.post(
        reverse("profile_upload"), {"file": SimpleUploadedFile("p.json", content)}, follow=True
    )

    assert message in response.content.decode()
    assert profile_data_for(applicant)["citizenships"] == ["IN"]


def test_profile_is_in_the_export_and_erased_with_the_account(client, applicant):
    profile_save(user=applicant, data=SAMPLE)
    client.force_login(applicant)

    exported = json.loads(client.get(reverse("data_export")).content)
    assert exported["data"]["profiles"]["profile"]["citizenships"] == ["IN"]

    client.post(reverse("account_delete"), {"confirm_email": applicant.email})
    assert not ApplicantProfile.objects.exists()


def test_a_data_export_file_imports_as_a_profile(client, applicant):
    profile_save(user=applicant, data=SAMPLE)
    client.force_login(applicant)
    export = client.get(reverse("data_export")).content
    ApplicantProfile.objects.filter(user=applicant).update(data={})

    client.post(reverse("profile_upload"), {"file": SimpleUploadedFile("export.json", export)})

    assert profile_data_for(applicant)["targets"]["match_year"] == 2027
