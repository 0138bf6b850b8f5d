"""Fill in from my profile keeps the chosen filters; the shortlist CSV matches the page."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from imgpath.profiles.models import ApplicantProfile

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
