"""Season pages: the tracker, its filters, the CSV of exactly what is shown, and privacy."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from imgpath.season import services
from imgpath.season.models import TrackedProgram

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(applicant, programs):
    season = services.season_for(applicant)
    for index, program in enumerate(programs):
        tracked = services.tracked_program_add(season, acgme_id=program.acgme_id)
        if index % 2:
            services.tracked_program_update(tracked, status="applied", tags=["reach"])
    return season


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_tracker_lists_and_filters(client_for, applicant, season, programs):
    page = client_for(applicant).get(reverse("season_home"))
    assert page.status_code == 200
    for program in programs:
        assert program.name in page.content.decode()
    applied = client_for(applicant).get(reverse("season_home"), {"status": "applied"})
    text = applied.content.decode()
    assert programs[1].name in text and programs[0].name not in text


def test_csv_is_exactly_what_the_page_shows(client_for, applicant, season, programs):
    query = {"tag": "reach", "sort": "name"}
    page = client_for(applicant).get(reverse("season_home"), query).content.decode()
    rows = _csv(client_for(applicant).get(reverse("season_export"), query))
    assert rows[0][0] == "Program"
    names = [row[0] for row in rows[1:]]
    assert names == sorted(p.name for p in (programs[1], programs[3]))
    assert all(name in page for name in names)
    assert programs[0].name not in page


def test_bad_query_params_are_refused(client_for, applicant, season):
    assert client_for(applicant).get(reverse("season_home"), {"sort": "evil"}).status_code == 400
    assert client_for(applicant).get(reverse("season_export"), {"status": "x"}).status_code == 400


def test_the_tracker_has_no_n_plus_one(
    client_for, applicant, season, programs, django_assert_max_num_queries
):
    from imgpath.programs.tests.factories import ProgramFactory

    client = client_for(applicant)
    client.get(reverse("season_home"))
    for _ in range(10):
        services.tracked_program_add(season, acgme_id=ProgramFactory().acgme_id)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("season_home")).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("season_export")).status_code == 200


def test_adding_by_acgme_id_and_status_change(client_for, applicant, programs):
    client = client_for(applicant)
    response = client.post(
        reverse("season_add"), {"acgme_id": programs[0].acgme_id, "track": "categorical"}
    )
    assert response.status_code == 302
    tracked = TrackedProgram.objects.get()
    client.post(reverse("season_status", args=[tracked.pk]), {"status": "ranked"})
    tracked.refresh_from_db()
    assert tracked.status == "ranked" and tracked.history.count() == 2


def test_another_applicant_cannot_see_or_change(client_for, other_applicant, season, programs):
    client = client_for(other_applicant)
    page = client.get(reverse("season_home")).content.decode()
    assert programs[0].name not in page
    assert len(_csv(client.get(reverse("season_export")))) == 1
    tracked = TrackedProgram.objects.filter(season=season).first()
    response = client.post(reverse("season_status", args=[tracked.pk]), {"status": "withdrawn"})
    assert response.status_code == 404
    tracked.refresh_from_db()
    assert tracked.status == "considering"


@pytest.mark.parametrize("role", ["host", "mentor"])
def test_other_roles_and_anonymous(client_for, season, role, request):
    user = request.getfixturevalue(role)
    assert client_for(user).get(reverse("season_home")).status_code == 403
    assert client_for(user).get(reverse("season_export")).status_code == 403
    anonymous = client_for(None).get(reverse("season_home"))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def test_dashboard_links_to_the_season(client_for, applicant, season, other_applicant):
    page = client_for(applicant).get(reverse("dashboard")).content.decode()
    assert reverse("season_home") in page and "4 programs tracked" in page
    other = client_for(other_applicant).get(reverse("dashboard")).content.decode()
    assert "programs tracked" not in other


def test_an_interview_is_entered_in_my_zone_and_stored_in_utc(client_for, applicant, season):
    tracked = TrackedProgram.objects.filter(season=season).first()
    client = client_for(applicant)
    response = client.post(
        reverse("season_interview_add"),
        {"program": tracked.pk, "starts_local": "2026-11-10T09:00", "city": "Chicago"},
    )
    assert response.status_code == 302
    interview = tracked.interviews.get()
    assert interview.starts_at.isoformat() == "2026-11-10T14:00:00+00:00"  # New York, EST
    assert "10 Nov 2026, 09:00 EST" in client.get(reverse("season_interviews")).content.decode()


def test_an_interview_on_another_applicants_program_is_404(client_for, other_applicant, season):
    tracked = TrackedProgram.objects.filter(season=season).first()
    response = client_for(other_applicant).post(
        reverse("season_interview_add"), {"program": tracked.pk, "starts_local": "2026-11-10T09:00"}
    )
    assert response.status_code == 404
    assert not tracked.interviews.exists()


def test_signal_and_travel_from_the_tracker(client_for, applicant, season):
    tracked = TrackedProgram.objects.filter(season=season).first()
    assert tracked.time_zone == "America/Chicago"  # the factory's programs are in Illinois
    client = client_for(applicant)
    client.post(
        reverse("season_status", args=[tracked.pk]),
        {"status": tracked.status, "signal": "gold", "travel_estimate_usd": "450"},
    )
    tracked.refresh_from_db()
    assert (tracked.signal, tracked.travel_estimate_usd) == ("gold", 450)
    page = client.get(reverse("season_home")).content.decode()
    assert "Travel and lodging (your estimates)" in page and "$450" in page
    bad = client.post(
        reverse("season_status", args=[tracked.pk]), {"status": "x", "signal": "gold"}
    )
    assert bad.status_code == 302
    tracked.refresh_from_db()
    assert tracked.status != "x"


def test_every_state_has_a_program_zone():
    from zoneinfo import ZoneInfo

    from imgpath.programs.geo import STATE_NAMES
    from imgpath.season.zones import zone_for_state

    for state in STATE_NAMES:
        assert ZoneInfo(zone_for_state(state)), state


def test_a_status_change_answers_htmx_with_the_row(client_for, applicant, other_applicant, season):
    tracked = TrackedProgram.objects.filter(season=season).first()
    url = reverse("season_status", args=[tracked.pk])
    hx = {"HX-Request": "true"}
    response = client_for(applicant).post(url, {"status": "ranked", "rank": "4"}, headers=hx)
    text = response.content.decode()
    assert response.status_code == 200 and "<html" not in text
    assert text.lstrip().startswith(f'<tr id="tracked-{tracked.pk}">') and "rank 4" in text
    assert f"Saved {tracked.name}." in text and 'hx-swap-oob="true"' in text
    bad = client_for(applicant).post(url, {"status": "nope"}, headers=hx)
    assert bad["HX-Redirect"] == reverse("season_home")  # the page shows why
    assert (
        client_for(other_applicant).post(url, {"status": "applied"}, headers=hx).status_code == 404
    )
    tracked.refresh_from_db()
    assert (tracked.status, tracked.rank) == ("ranked", 4)
