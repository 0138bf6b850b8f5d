"""Tracker actions on the season page: letters and statement per program, the interview date
from the offered ones, the thank-you note and the season's time zone; each private."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from imgpath.season import services
from imgpath.season.models import Season
from imgpath.season.rules import current_rules

pytestmark = pytest.mark.django_db

OFFERED = [
    dt.datetime(2026, 11, 10, 14, 0, tzinfo=dt.UTC),
    dt.datetime(2026, 11, 17, 15, 30, tzinfo=dt.UTC),
]


@pytest.fixture
def season(applicant, programs):
    season = services.season_for(applicant)
    services.tracked_program_add(season, acgme_id=programs[0].acgme_id)
    return season


@pytest.fixture
def tracked(season):
    return season.programs.get()


@pytest.fixture
def letters(season):
    return [
        services.letter_create(season, writer_name=f"Dr Writer {n}", us_physician=True)
        for n in range(current_rules().letters_max + 1)
    ]


@pytest.fixture
def statement(season):
    return services.statement_create(season, title="Internal medicine", text="Why I care.")


@pytest.fixture
def interview(tracked):
    return services.interview_add(tracked, offered=OFFERED)


def _assign(client, tracked, letters, statement):
    data = {"letters": [x.pk for x in letters]}
    if statement is not None:
        data["statement"] = statement.pk
    return client.post(reverse("season_program_documents", args=[tracked.pk]), data)


def test_assigning_letters_and_a_statement_shows_them(
    client_for, applicant, tracked, letters, statement
):
    client = client_for(applicant)
    response = _assign(client, tracked, letters[:2], statement)
    assert response.status_code == 302
    assert set(tracked.letters.all()) == set(letters[:2])
    tracked.refresh_from_db()
    assert tracked.statement == statement
    page = client.get(reverse("season_home")).content.decode()
    assert "Letters: Dr Writer 0, Dr Writer 1." in page
    assert "Statement: Internal medicine." in page
    _assign(client, tracked, [], None)
    tracked.refresh_from_db()
    assert tracked.statement is None and not tracked.letters.exists()


def test_more_letters_than_eras_allows_changes_nothing(
    client_for, applicant, tracked, letters, statement
):
    client = client_for(applicant)
    _assign(client, tracked, letters[:1], None)
    response = _assign(client, tracked, letters, statement)
    assert response.status_code == 302
    tracked.refresh_from_db()
    assert list(tracked.letters.all()) == letters[:1] and tracked.statement is None
    page = client.get(reverse("season_home")).content.decode()
    assert f"ERAS sends at most {current_rules().letters_max} letters" in page


def test_another_applicant_cannot_assign(client_for, other_applicant, tracked, letters, statement):
    client = client_for(other_applicant)
    assert _assign(client, tracked, letters[:1], statement).status_code == 404
    tracked.refresh_from_db()
    assert tracked.statement is None and not tracked.letters.exists()
    own = services.season_for(other_applicant)
    services.tracked_program_add(own, acgme_id=tracked.acgme_id)
    mine = own.programs.get()
    _assign(client, mine, letters[:1], statement)
    mine.refresh_from_db()
    assert mine.statement is None and not mine.letters.exists()


def test_choosing_an_offered_date(client_for, applicant, interview):
    client = client_for(applicant)
    page = client.get(reverse("season_interviews")).content.decode()
    assert "Tue 17 Nov 2026, 10:30 EST" in page  # 15:30 UTC in New York
    assert "Tue 17 Nov 2026, 09:30 CST" in page  # and in the program's Illinois
    url = reverse("season_interview_choose", args=[interview.pk])
    assert client.post(url, {"starts_at": OFFERED[1].isoformat()}).status_code == 302
    interview.refresh_from_db()
    assert interview.starts_at == OFFERED[1]
    assert interview.tracked.status == "interview_scheduled"
    assert interview.tracked.history.count() == 3  # considering, invited, scheduled
    client.post(url, {"starts_at": "2026-12-01T10:00:00+00:00"})
    interview.refresh_from_db()
    assert interview.starts_at == OFFERED[1]


def test_marking_the_thank_you_note(client_for, applicant, interview):
    client = client_for(applicant)
    url = reverse("season_interview_thank_you", args=[interview.pk])
    client.post(url, {"sent": "1"})
    interview.refresh_from_db()
    assert interview.thank_you_sent_at is not None
    assert "Thank-you note sent" in client.get(reverse("season_interviews")).content.decode()
    client.post(url, {"sent": "0"})
    interview.refresh_from_db()
    assert interview.thank_you_sent_at is None


def test_another_applicant_cannot_change_an_interview(client_for, other_applicant, interview):
    client = client_for(other_applicant)
    choose = reverse("season_interview_choose", args=[interview.pk])
    thanks = reverse("season_interview_thank_you", args=[interview.pk])
    assert client.post(choose, {"starts_at": OFFERED[0].isoformat()}).status_code == 404
    assert client.post(thanks, {"sent": "1"}).status_code == 404
    interview.refresh_from_db()
    assert interview.starts_at is None and interview.thank_you_sent_at is None
    assert interview.tracked.status == "invited"


def test_setting_the_time_zone(client_for, applicant, season, interview):
    client = client_for(applicant)
    client.post(reverse("season_time_zone"), {"time_zone": "Asia/Kolkata"})
    season.refresh_from_db()
    assert season.time_zone == "Asia/Kolkata"
    assert "Tue 10 Nov 2026, 19:30 IST" in client.get(reverse("season_interviews")).content.decode()
    for bad in ("Mars/Olympus", "../etc", ""):
        client.post(reverse("season_time_zone"), {"time_zone": bad})
        season.refresh_from_db()
        assert season.time_zone == "Asia/Kolkata"


def test_another_applicant_sets_only_their_own_zone(client_for, other_applicant, season):
    client_for(other_applicant).post(reverse("season_time_zone"), {"time_zone": "Europe/Paris"})
    season.refresh_from_db()
    assert season.time_zone == "America/New_York"
    assert Season.objects.get(user=other_applicant).time_zone == "Europe/Paris"


@pytest.mark.parametrize("role", ["host", "mentor"])
def test_other_roles_are_refused(client_for, role, request, tracked, interview):
    client = client_for(request.getfixturevalue(role))
    assert client.post(reverse("season_time_zone"), {"time_zone": "UTC"}).status_code == 403
    url = reverse("season_interview_thank_you", args=[interview.pk])
    assert client.post(url, {"sent": "1"}).status_code == 403
    anonymous = client_for(None).post(url, {"sent": "1"})
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
