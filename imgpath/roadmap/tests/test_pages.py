from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from imgpath.profiles.services import profile_save
from imgpath.roadmap.models import CalendarFeed, FactReview

pytestmark = pytest.mark.django_db


def test_roadmap_page_explains_each_step_with_dated_sources(client, applicant_with_profile):
    client.force_login(applicant_with_profile)

    page = client.get(reverse("roadmap")).content.decode()

    assert "Your roadmap to the 2027 Match" in page
    assert "Your next step" in page
    assert 'id="step-state_licensetx"' in page or 'id="step-state_license-tx"' in page
    assert "Full medical licence in Texas" in page
    assert "tier A" in page and "as of" in page
    # Facts without a source date say so; unconfirmed ones are marked on their steps.
    assert "date unknown" in page
    assert 'class="badge badge-unverified"' in page and ">unconfirmed" in page


def test_attention_summary_keeps_the_standing_of_a_contested_fact(client, applicant):
    profile_save(
        user=applicant,
        data={"visa_preference": "h1b", "current_location": "abroad", "us_status": "none"},
    )
    client.force_login(applicant)
    page = client.get(reverse("roadmap")).content.decode()
    summary = page.split('class="attention-list"', 1)[1].split("</ul>", 1)[0]
    assert "$100,000 payment" in summary
    assert "contested in court, as of 12 Jun 2026" in summary


def test_empty_profile_gets_a_general_roadmap_and_an_invitation(client, applicant):
    client.force_login(applicant)

    page = client.get(reverse("roadmap")).content.decode()

    assert "Your profile is empty" in page
    assert "ECFMG Certification" in page


def test_roadmap_reflects_only_my_own_profile(client, applicant_with_profile, other_applicant):
    profile_save(user=other_applicant, data={"targets": {"states": ["OH"], "match_year": 2028}})
    client.force_login(other_applicant)

    page = client.get(reverse("roadmap")).content.decode()

    assert "Full medical licence in Ohio" in page
    assert "Texas" not in page
    assert "Grant Medical College" not in page


@pytest.mark.parametrize("persona", ["host", "mentor", "staff"])
@pytest.mark.parametrize("name", ["roadmap", "roadmap_pdf", "roadmap_calendar"])
def test_roadmap_pages_are_for_applicants_only(client, request, persona, name):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(name)).status_code == 403


def test_roadmap_needs_login(client):
    assert client.get(reverse("roadmap")).status_code == 302


def test_pdf_download(client, applicant_with_profile):
    client.force_login(applicant_with_profile)

    response = client.get(reverse("roadmap_pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 3000
    assert b"[unconfirmed]" in response.content
    assert b"date unknown" in response.content


def test_dashboard_shows_the_next_step(client, applicant_with_profile):
    client.force_login(applicant_with_profile)

    page = client.get(reverse("dashboard")).content.decode()

    assert "Your roadmap" in page and "Next step" in page


def test_calendar_feed_lists_dated_steps_and_rotating_revokes_the_old_link(
    client, applicant_with_profile
):
    client.force_login(applicant_with_profile)
    client.get(reverse("roadmap_calendar"))
    old_token = CalendarFeed.objects.get(user=applicant_with_profile).token
    client.logout()

    feed = client.get(reverse("roadmap_calendar_feed", args=[old_token]))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "BEGIN:VCALENDAR" in body and "SUMMARY:Match Day" in body
    assert "DTSTART;VALUE=DATE:20270319" in body
    # The 2027 dates come from a tier C source: the event titles say so.
    assert "SUMMARY:Match Day (unconfirmed)" in body
    assert "SUMMARY:Rank order list deadline (unconfirmed)" in body

    client.force_login(applicant_with_profile)
    client.post(reverse("roadmap_calendar_rotate"))
    client.logout()
    assert client.get(reverse("roadmap_calendar_feed", args=[old_token])).status_code == 404
    new_token = CalendarFeed.objects.get(user=applicant_with_profile).token
    assert client.get(reverse("roadmap_calendar_feed", args=[new_token])).status_code == 200


def test_calendar_of_a_later_match_year_is_projected_and_keeps_my_own_dates(client, applicant):
    profile_save(
        user=applicant,
        data={
            "targets": {"match_year": 2028},
            "exams": {"oet": {"status": "scheduled", "date": "2027-08-10"}},
        },
    )
    client.force_login(applicant)
    client.get(reverse("roadmap_calendar"))
    token = CalendarFeed.objects.get(user=applicant).token
    body = client.get(reverse("roadmap_calendar_feed", args=[token])).content.decode()
    assert "SUMMARY:Your OET Medicine sitting" in body
    assert "DTSTART;VALUE=DATE:20270810" in body
    # 2028's calendar is not published: its dates are projected and say so, never as fact.
    assert "SUMMARY:Match Day (projected from 2027\\, unconfirmed)" in body
    assert "DTSTART;VALUE=DATE:20280317" in body
    page = client.get(reverse("roadmap")).content.decode()
    assert "Match Day (projected from 2027, unconfirmed)" in page
    assert "Your OET Medicine sitting" in page


def test_calendar_page_shows_only_my_link(client, applicant_with_profile, other_applicant):
    client.force_login(applicant_with_profile)
    client.get(reverse("roadmap_calendar"))
    mine = CalendarFeed.objects.get(user=applicant_with_profile).token
    client.force_login(other_applicant)

    page = client.get(reverse("roadmap_calendar")).content.decode()
    client.post(reverse("roadmap_calendar_rotate"))

    assert mine not in page
    assert CalendarFeed.objects.get(user=applicant_with_profile).token == mine


def test_staff_review_lists_facts_oldest_first_and_records_a_recheck(
    client, staff, applicant_with_profile
):
    client.force_login(staff)
    page = client.get(reverse("rules_review"))
    facts = page.context["facts"]
    # Undated facts first (nobody knows their age), then oldest first.
    dates = [fact.effective_date or date.min for fact in facts]
    assert dates == sorted(dates)
    assert facts[0].effective_date is None
    assert "date unknown" in page.content.decode()
    assert len(facts) > 150

    response = client.post(
        reverse("fact_mark_rechecked"),
        {
            "fact_id": "usmle_attempt_limit",
            "checked_on": "2026-11-20",
            "note": "usmle.org unchanged",
        },
    )

    assert response.status_code == 302
    review = FactReview.objects.get()
    assert (review.fact_id, review.checked_by) == ("usmle_attempt_limit", staff)
    client.force_login(applicant_with_profile)
    roadmap = client.get("/api/v1/roadmap").json()
    rechecked = [
        s["rechecked_on"]
        for phase in roadmap["phases"]
        for step in phase["steps"]
        for s in step["sources"]
        if s["fact_id"] == "usmle_attempt_limit"
    ]
    assert rechecked and set(rechecked) == {"2026-11-20"}


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"fact_id": "no_such_fact", "checked_on": "2026-11-20"}, "No fact with id"),
        ({"fact_id": "usmle_attempt_limit", "checked_on": "2999-01-01"}, "future"),
    ],
)
def test_bad_recheck_records_nothing(client, staff, data, error):
    client.force_login(staff)

    response = client.post(reverse("fact_mark_rechecked"), data, follow=True)

    assert error in response.content.decode()
    assert not FactReview.objects.exists()


@pytest.mark.parametrize("persona", ["applicant", "host", "mentor"])
def test_rules_review_is_staff_only(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("rules_review")).status_code == 404
    response = client.post(
        reverse("fact_mark_rechecked"),
        {"fact_id": "usmle_attempt_limit", "checked_on": "2026-11-20"},
    )
    assert response.status_code == 404
    assert not FactReview.objects.exists()
