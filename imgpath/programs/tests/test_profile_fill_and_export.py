"""Fill in from my profile keeps the chosen filters; the shortlist CSV matches the page."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from imgpath.profiles.models import ApplicantProfile
from imgpath.programs.models import SourceKind
from imgpath.programs.services.ledger import ledger_entry_create, policy_value_parse
from imgpath.programs.tests.conftest import ELMIRA_IM
from imgpath.programs.tests.factories import SavedProgramFactory

pytestmark = pytest.mark.django_db
PROFILE = {
    "us_status": "none",
    "medical_school": {"country": "IN", "graduated": True, "graduation_year": 2022},
    "exams": {"usmle_step2ck": {"status": "passed", "attempts": 1, "score": 238}},
    "visa_preference": "j1",
}


def _fill_link(page: str) -> dict[str, list[str]]:
    match = re.search(r'<a href="([^"]+)">Fill in from my profile</a>', page)
    assert match, "no Fill in from my profile link"
    return parse_qs(urlsplit(html.unescape(match.group(1))).query)


def test_fill_in_from_my_profile_keeps_the_filters_already_chosen(client_for, applicant, directory):
    ApplicantProfile.objects.create(user=applicant, data=PROFILE)
    chosen = {"specialty": "140", "state": "FL", "j1": "yes", "yog": "meets", "sort": "name"}

    page = client_for(applicant).get(reverse("programs:search"), chosen).content.decode()
    params = _fill_link(page)

    for name, value in chosen.items():
        assert params.get(name) == [value], name
    assert params["graduation_year"] == ["2022"] and params["my_step2ck"] == ["238"]


def test_fill_in_replaces_my_typed_record_with_the_profile_and_starts_at_page_one(
    client_for, applicant, directory
):
    ApplicantProfile.objects.create(user=applicant, data=PROFILE)

    page = client_for(applicant).get(
        reverse("programs:search"), {"graduation_year": "2010", "page": "3", "state": "NY"}
    )
    params = _fill_link(page.content.decode())

    assert params["graduation_year"] == ["2022"] and params["state"] == ["NY"]
    assert "page" not in params


# The shortlist CSV --------------------------------------------------------------------------------


def test_the_csv_has_every_visa_and_policy_value_the_page_shows_with_source_and_date(
    client_for, applicant, elmira
):
    ApplicantProfile.objects.create(user=applicant, data=PROFILE)
    SavedProgramFactory(user=applicant, program=elmira, tags=["visa ok"], note="call them")
    for field, raw in (("j1_sponsorship", "yes"), ("usmle_attempt_limit", "no")):
        ledger_entry_create(
            program=elmira,
            field=field,
            value=policy_value_parse(field=field, raw=raw),
            source_kind=SourceKind.STAFF,
            verified_on=dt.date(2026, 1, 12),
            source_url="https://arnot.example.org/gme",
        )
    client = client_for(applicant)

    page = client.get(reverse("programs:my_programs")).content.decode()
    export = client.get(reverse("programs:my_programs_export")).content.decode()
    header, row = list(csv.reader(io.StringIO(export)))
    cells = dict(zip(header, row, strict=True))

    assert (
        "J-1: <strong>Yes</strong>" in page and "Attempt limit: <strong>No limit</strong>" in page
    )
    assert "Fit: Check" in page
    assert cells["acgme_id"] == ELMIRA_IM and cells["fit"] == "Check"
    assert (cells["j1_sponsorship"], cells["j1_sponsorship_source"]) == ("Yes", "IMGPath staff")
    assert cells["j1_sponsorship_source_url"] == "https://arnot.example.org/gme"
    assert cells["j1_sponsorship_checked_on"] == "2026-01-12"
    assert cells["usmle_attempt_limit"] == "No limit"
    assert "Unknown" in page and "H-1B" in page  # the page names what is unknown ...
    assert (cells["h1b_sponsorship"], cells["h1b_sponsorship_source"]) == (
        "Unknown",
        "",
    )  # ... so does the CSV
    for key in ("accepts_imgs", "h1b_sponsorship", "yog_limit_years", "min_step2ck"):
        assert key in header and f"{key}_checked_on" in header
    assert (cells["tags"], cells["note"], cells["demo_data"]) == ("visa ok", "call them", "")


def test_another_person_cannot_export_my_list(client_for, applicant, other_applicant, elmira):
    SavedProgramFactory(user=applicant, program=elmira)

    theirs = client_for(other_applicant).get(reverse("programs:my_programs_export")).content
    anonymous = client_for(None).get(reverse("programs:my_programs_export"))

    assert ELMIRA_IM.encode() not in theirs
    assert anonymous.status_code == 302
