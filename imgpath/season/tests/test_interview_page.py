"""The interviews page: times in the applicant's zone with the program's alongside; the
response deadline and the program's zone are edited with form errors for bad input; the
thank-you toggle also answers HTMX in place; private to the applicant."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from imgpath.season import services

pytestmark = pytest.mark.django_db

STARTS = dt.datetime(2027, 1, 12, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def interview(applicant, programs):
    season = services.season_for(applicant)
    tracked = services.tracked_program_add(season, acgme_id=programs[0].acgme_id)
    return services.interview_add(tracked, offered=[STARTS], starts_at=STARTS)


def _edit(client, interview, **data):
    prefix = f"i{interview.pk}-"
    body = {prefix + key: value for key, value in data.items()}
    return client.post(reverse("season_interview_edit", args=[interview.pk]), body)


def test_times_show_in_my_zone_and_the_programs(client_for, applicant, interview):
    page = client_for(applicant).get(reverse("season_interviews")).content.decode()
    assert "Tue 12 Jan 2027, 10:00 EST" in page  # the applicant's default zone
    assert "Tue 12 Jan 2027, 09:00 CST program time (America/Chicago)" in page


def test_setting_the_deadline_and_correcting_the_program_zone(client_for, applicant, interview):
    client = client_for(applicant)
    response = _edit(client, interview, respond_by="2026-12-20", program_time_zone="America/Denver")
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.respond_by == dt.date(2026, 12, 20)
    assert interview.tracked.time_zone == "America/Denver"
    page = client.get(reverse("season_interviews")).content.decode()
    assert "respond by 20 Dec 2026" in page
    assert "08:00 MST program time (America/Denver)" in page
    _edit(client, interview, respond_by="", program_time_zone="")
    interview.refresh_from_db()
    assert interview.respond_by is None and interview.tracked.time_zone == ""
    assert "time zone unknown." in client.get(reverse("season_interviews")).content.decode()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"respond_by": "20/12/2026"}, "Give the date as year-month-day"),
        ({"respond_by": "2026-02-30"}, "Give the date as year-month-day"),
        ({"respond_by": "1999-12-20"}, "Give a response deadline between"),
        ({"respond_by": "2031-01-01"}, "Give a response deadline between"),
        ({"program_time_zone": "Mars/Olympus"}, "Not a known time zone."),
        ({"program_time_zone": "../../etc/passwd"}, "Not a known time zone."),
    ],
)
def test_bad_input_is_a_form_error_and_changes_nothing(
    client_for, applicant, interview, data, error
):
    body = {"respond_by": "2026-12-20", "program_time_zone": "America/Denver", **data}
    response = _edit(client_for(applicant), interview, **body)
    assert response.status_code == 400
    text = response.content.decode()
    assert error in text and 'aria-invalid="true"' in text and 'aria-describedby="id_i' in text
    interview.refresh_from_db()
    assert interview.respond_by is None and interview.tracked.time_zone == "America/Chicago"


def test_the_api_sets_and_clears_the_deadline_with_the_same_check(api, applicant, interview):
    path = f"/interviews/{interview.pk}"
    assert api(applicant, "patch", path, {"respond_by": "2026-12-20"}).json()["respond_by"] == (
        "2026-12-20"
    )
    refused = api(applicant, "patch", path, {"respond_by": "1999-01-01"})
    assert refused.status_code == 422 and refused.json()["errors"]
    assert api(applicant, "patch", path, {"thank_you_sent": True}).json()["respond_by"] == (
        "2026-12-20"
    )
    assert api(applicant, "patch", path, {"respond_by": None}).json()["respond_by"] is None


def test_the_thank_you_toggle_answers_htmx_in_place(client_for, applicant, interview):
    url = reverse("season_interview_thank_you", args=[interview.pk])
    response = client_for(applicant).post(url, {"sent": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "<html" not in text and "Mark thank-you note not sent" in text
    assert f"Thank-you note to {interview.tracked.name} marked sent." in text
    interview.refresh_from_db()
    assert interview.thank_you_sent_at is not None
    bad = client_for(applicant).post(url, {"sent": "maybe"}, headers={"HX-Request": "true"})
    assert bad["HX-Redirect"] == reverse("season_interviews")
    plain = client_for(applicant).post(url, {"sent": "0"})
    assert plain.status_code == 302 and plain["Location"] == reverse("season_interviews")


def test_nobody_else_sees_or_edits_the_interview(
    client_for, other_applicant, host, mentor, interview
):
    other = client_for(other_applicant)
    assert interview.tracked.name not in other.get(reverse("season_interviews")).content.decode()
    assert _edit(other, interview, respond_by="2026-12-20").status_code == 404
    hx = {"HX-Request": "true"}
    thanks = reverse("season_interview_thank_you", args=[interview.pk])
    assert other.post(thanks, {"sent": "1"}, headers=hx).status_code == 404
    for user in (host, mentor):
        assert client_for(user).get(reverse("season_interviews")).status_code == 403
        assert _edit(client_for(user), interview, respond_by="2026-12-20").status_code == 403
    anonymous = client_for(None).get(reverse("season_interviews"))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    interview.refresh_from_db()
    assert interview.respond_by is None and interview.thank_you_sent_at is None
