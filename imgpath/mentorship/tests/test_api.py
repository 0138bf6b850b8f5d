"""The JSON API: paths and field names of the issue, and the error conventions."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from imgpath.accounts.tests.factories import ApplicantFactory
from imgpath.mentorship.models import Mentorship, OfficeHour
from imgpath.mentorship.tests.factories import active_mentorship, approved_mentor, slot
from imgpath.messaging.models import Message
from imgpath.profiles.models import ApplicantProfile

pytestmark = pytest.mark.django_db
API = "/api/v1"


def post(client, path, body=None):
    return client.post(f"{API}{path}", json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def nigerian(applicant):
    ApplicantProfile.objects.create(
        user=applicant,
        data={
            "medical_school": {"country": "NG"},
            "targets": {"specialties": ["internal_medicine"]},
            "visa_preference": "j1",
        },
    )
    return applicant


def test_mentors_list_suggestions_first_with_reasons(api_as, nigerian, mentor_profile):
    other = approved_mentor(graduation_country="BR", specialty="pediatrics", topics=[])
    body = api_as(nigerian).get(f"{API}/mentors").json()
    assert [m["id"] for m in body] == [mentor_profile.pk, other.pk]
    first = body[0]
    assert first["user_id"] == mentor_profile.user_id and first["name"] == "Dr. Mina Mentor"
    assert "Graduated in Nigeria like you." in first["reasons"]
    assert "Matched into internal medicine on a J-1." in first["reasons"]
    assert body[1]["reasons"] == [] and not body[1]["suggested"]
    assert "email" not in json.dumps(body)


def test_anonymous_and_other_roles_get_no_reasons_and_filters_work(api_as, mentor_profile, host):
    approved_mentor(graduation_country="IN", languages=["hi"], topics=["licensure"])
    for who in (None, host):
        body = api_as(who).get(f"{API}/mentors").json()
        assert len(body) == 2 and all(m["reasons"] is None for m in body)
    client = api_as(None)
    assert [m["id"] for m in client.get(f"{API}/mentors?language=yo").json()] == [mentor_profile.pk]
    assert len(client.get(f"{API}/mentors?topic=licensure").json()) == 1
    assert client.get(f"{API}/mentors?country=NG&specialty=internal_medicine").json()[0]["id"] == (
        mentor_profile.pk
    )
    assert client.get(f"{API}/mentors?topic=astrology").status_code == 422
    assert client.get(f"{API}/mentors/{mentor_profile.pk}").json()["name"] == "Dr. Mina Mentor"
    assert client.get(f"{API}/mentors/999999").status_code == 404


def test_request_accept_message_end_over_the_api(api_as, applicant, mentor_profile, mentor):
    created = post(
        api_as(applicant), "/mentorships", {"mentor_id": mentor_profile.pk, "goal": "IM"}
    )
    assert created.status_code == 201
    mentorship = created.json()
    assert set(mentorship) >= {"id", "status", "thread_id"} and mentorship["status"] == "requested"
    accepted = post(api_as(mentor), f"/mentorships/{mentorship['id']}/accept", {"message": "Yes"})
    assert accepted.status_code == 200 and accepted.json()["status"] == "active"
    thread_id = accepted.json()["thread_id"]

    client = api_as(applicant)
    sent = post(client, f"/messages/threads/{thread_id}/messages", {"body": "Thank you!"})
    assert sent.status_code == 201 and sent.json()["body"] == "Thank you!"
    threads = api_as(mentor).get(f"{API}/messages/threads").json()
    assert threads[0]["id"] == thread_id and threads[0]["unread"] == 1
    listed = api_as(mentor).get(f"{API}/messages/threads/{thread_id}/messages").json()
    assert [m["body"] for m in listed] == ["Thank you!"]
    assert api_as(mentor).get(f"{API}/messages/threads").json()[0]["unread"] == 0

    report = post(api_as(mentor), f"/messages/{listed[0]['id']}/report", {"reason": "test"})
    assert report.status_code == 201 and report.json()["status"] == "open"
    ended = post(api_as(applicant), f"/mentorships/{mentorship['id']}/end")
    assert ended.json()["status"] == "ended"
    closed = post(client, f"/messages/threads/{thread_id}/messages", {"body": "Still there?"})
    assert closed.status_code == 409


def test_error_statuses(api_as, applicant, mentor_profile, mentor, other_applicant):
    client = api_as(applicant)
    assert post(client, "/mentorships", {"mentor_id": 424242, "goal": "x"}).status_code == 404
    assert post(client, "/mentorships", {"mentor_id": mentor_profile.pk}).status_code == 422
    assert (
        post(client, "/mentorships", {"mentor_id": mentor_profile.pk, "goal": ""}).status_code
        == 422
    )
    assert (
        post(
            api_as(mentor), "/mentorships", {"mentor_id": mentor_profile.pk, "goal": "x"}
        ).status_code
        == 422
    )
    mentorship = post(client, "/mentorships", {"mentor_id": mentor_profile.pk, "goal": "x"}).json()
    again = post(client, "/mentorships", {"mentor_id": mentor_profile.pk, "goal": "x"})
    assert again.status_code == 409 and "detail" in again.json()
    # Another applicant cannot see or act on it: 404, and nothing changes.
    outsider = api_as(other_applicant)
    for action in ("accept", "decline", "end"):
        assert post(outsider, f"/mentorships/{mentorship['id']}/{action}").status_code == 404
    assert outsider.get(f"{API}/mentorships").json() == []
    assert Mentorship.objects.get(pk=mentorship["id"]).status == "requested"
    assert api_as(None).get(f"{API}/mentorships").status_code == 401


def test_a_full_mentor_is_a_409(api_as, mentor_profile, mentor):
    mentor_profile.capacity = 1
    mentor_profile.save()
    first, second = (
        post(
            api_as(ApplicantFactory()),
            "/mentorships",
            {"mentor_id": mentor_profile.pk, "goal": "g"},
        ).json()
        for _ in range(2)
    )
    assert post(api_as(mentor), f"/mentorships/{first['id']}/accept").status_code == 200
    refused = post(api_as(mentor), f"/mentorships/{second['id']}/accept")
    assert refused.status_code == 409 and "no free place" in refused.json()["detail"]


def test_messages_rate_limit_is_a_429_and_strangers_get_404(
    api_as, mentor_profile, applicant, other_applicant
):
    thread_id = active_mentorship(mentor_profile, applicant).thread_id
    client = api_as(applicant)
    for _ in range(20):
        assert (
            post(client, f"/messages/threads/{thread_id}/messages", {"body": "hi"}).status_code
            == 201
        )
    limited = post(client, f"/messages/threads/{thread_id}/messages", {"body": "hi"})
    assert limited.status_code == 429 and "wait" in limited.json()["detail"]
    stranger = api_as(other_applicant)
    assert stranger.get(f"{API}/messages/threads/{thread_id}/messages").status_code == 404
    assert (
        post(stranger, f"/messages/threads/{thread_id}/messages", {"body": "x"}).status_code == 404
    )
    message_id = Message.objects.first().pk
    assert post(stranger, f"/messages/{message_id}/report", {"reason": "x"}).status_code == 404
    assert (
        post(client, f"/messages/threads/{thread_id}/messages", {"body": "x" * 4001}).status_code
        == 422
    )


def test_blocks(api_as, mentor_profile, applicant, mentor):
    thread_id = active_mentorship(mentor_profile, applicant).thread_id
    blocked = post(api_as(mentor), "/blocks", {"user_id": applicant.pk})
    assert blocked.status_code == 201 and blocked.json()["user_id"] == applicant.pk
    refused = post(api_as(applicant), f"/messages/threads/{thread_id}/messages", {"body": "?"})
    assert refused.status_code == 409
    assert post(api_as(mentor), "/blocks", {"user_id": mentor.pk}).status_code == 422
    assert post(api_as(mentor), "/blocks", {"user_id": 99999}).status_code == 404
    # A blocked applicant no longer sees the mentor.
    assert api_as(applicant).get(f"{API}/mentors/{mentor_profile.pk}").status_code == 404


def test_office_hours_over_the_api(api_as, mentor_profile, mentor, applicant, other_applicant):
    active_mentorship(mentor_profile, applicant)
    start = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    body = {
        "title": "Visa questions",
        "kind": "group",
        "starts_at": start.astimezone(timezone.get_fixed_timezone(330)).isoformat(),
        "ends_at": (start + timedelta(hours=1)).isoformat(),
        "capacity": 2,
    }
    created = post(api_as(mentor), "/office-hours", body)
    assert created.status_code == 201, created.json()
    slot_id = created.json()["id"]
    assert OfficeHour.objects.get(pk=slot_id).starts_at == start
    assert post(api_as(applicant), "/office-hours", body).status_code == 404
    assert (
        post(api_as(mentor), "/office-hours", {**body, "starts_at": "2030-01-01T10:00"}).status_code
        == 422
    )
    assert post(api_as(mentor), "/office-hours", {**body, "kind": "one_to_one"}).status_code == 422

    assert [s["id"] for s in api_as(applicant).get(f"{API}/office-hours").json()] == [slot_id]
    assert api_as(other_applicant).get(f"{API}/office-hours").json() == []
    assert post(api_as(other_applicant), f"/office-hours/{slot_id}/book").status_code == 404
    booked = post(api_as(applicant), f"/office-hours/{slot_id}/book")
    assert booked.status_code == 201
    assert post(api_as(applicant), f"/office-hours/{slot_id}/book").status_code == 409
    booking_id = booked.json()["id"]
    assert (
        post(api_as(other_applicant), f"/office-hours/bookings/{booking_id}/cancel").status_code
        == 404
    )
    cancelled = post(api_as(applicant), f"/office-hours/bookings/{booking_id}/cancel")
    assert cancelled.json()["status"] == "cancelled"


def test_a_full_slot_is_a_409(api_as, mentor_profile, applicant, other_applicant):
    active_mentorship(mentor_profile, applicant)
    active_mentorship(mentor_profile, other_applicant)
    one = slot(mentor_profile.user)
    assert post(api_as(applicant), f"/office-hours/{one.pk}/book").status_code == 201
    full = post(api_as(other_applicant), f"/office-hours/{one.pk}/book")
    assert full.status_code == 409 and "full" in full.json()["detail"]


def test_the_schema_tags_the_endpoints(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    assert paths["/api/v1/mentors"]["get"]["tags"] == ["mentorship"]
    assert paths["/api/v1/messages/threads/{thread_id}/messages"]["post"]["tags"] == ["messages"]
    for path in (
        "/api/v1/mentors/{mentor_id}",
        "/api/v1/mentorships",
        "/api/v1/mentorships/{mentorship_id}/accept",
        "/api/v1/mentorships/{mentorship_id}/decline",
        "/api/v1/mentorships/{mentorship_id}/end",
        "/api/v1/messages/threads",
        "/api/v1/messages/{message_id}/report",
        "/api/v1/blocks",
        "/api/v1/office-hours",
        "/api/v1/office-hours/{office_hour_id}/book",
        "/api/v1/office-hours/bookings/{booking_id}/cancel",
    ):
        assert path in paths
