"""Authorization matrix, second part: what passes between people (mentorships, messages, office
hours and their calendars, outcome reports). The demo applicant owns each object; another
applicant, an unrelated host, an unrelated mentor, staff and anonymous may not read or change it.
Staff read messages only through moderation of a reported message, never a thread itself."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.mentorship.models import Mentorship, OfficeHour, OfficeHourBooking
from imgpath.mentorship.services import mentorship_accept, office_hour_book
from imgpath.messaging.models import Message, Thread
from imgpath.messaging.services import message_send
from imgpath.programs.models import OutcomeReport, Program

pytestmark = pytest.mark.django_db
OWNER = "applicant@demo.imgpath.org"
SECRET = "Only my mentor may read this: my Step 2 CK retake plan."
DENIED = {302, 401, 403, 404}
API = "/api/v1"


@pytest.fixture
def owned(db):
    """The demo applicant with an accepted mentorship, a thread, a booked office hour and a
    private outcome report."""
    call_command("load_demo", stdout=StringIO())
    owner = User.objects.get(email=OWNER)
    mentorship = Mentorship.objects.get(mentee=owner, mentor__email="mentor@demo.imgpath.org")
    mentorship = mentorship_accept(mentorship=mentorship, by=mentorship.mentor)
    thread = Thread.objects.get(pk=mentorship.thread_id)
    message = message_send(thread=thread, sender=owner, body=SECRET)
    start = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    slot = OfficeHour.objects.create(
        mentor=mentorship.mentor, title="One to one", kind="one_to_one",
        starts_at=start, ends_at=start + timedelta(hours=1), capacity=1,
    )  # fmt: skip
    booking = office_hour_book(slot=slot, mentee=owner)
    report = OutcomeReport.objects.create(
        program=Program.objects.order_by("pk").first(), author=owner, season=2026,
        outcome="interviewed", applicant_kind="non_us_img", visa="j1",
    )  # fmt: skip
    return {
        "owner": owner,
        "mentorship": mentorship,
        "thread": thread,
        "message": message,
        "booking": booking,
        "report": report,
    }


def _reads(o) -> list[str]:
    return [
        f"/messages/{o['thread'].pk}/",
        f"/office-hours/bookings/{o['booking'].pk}.ics",
        f"{API}/messages/threads/{o['thread'].pk}/messages",
    ]


def _writes(o) -> list[tuple[str, str, dict]]:
    return [
        ("post", f"/messages/{o['thread'].pk}/", {"body": "Not yours to write."}),
        ("post", f"/mentorship/{o['mentorship'].pk}/end/", {}),
        ("post", f"/office-hours/bookings/{o['booking'].pk}/cancel/", {}),
        ("post", f"{API}/messages/threads/{o['thread'].pk}/messages", {"body": "Not yours."}),
        ("post", f"{API}/mentorships/{o['mentorship'].pk}/end", {}),
        ("post", f"{API}/office-hours/bookings/{o['booking'].pk}/cancel", {}),
        ("delete", f"{API}/my-outcome-reports/{o['report'].pk}", {}),
    ]


def _state(o) -> dict:
    return {
        "messages": sorted(Message.objects.filter(thread=o["thread"]).values_list("pk", "body")),
        "mentorship": Mentorship.objects.get(pk=o["mentorship"].pk).status,
        "booking": OfficeHourBooking.objects.get(pk=o["booking"].pk).status,
        "report": OutcomeReport.objects.filter(pk=o["report"].pk).exists(),
    }


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_owner_reads_every_object(client_for, owned):
    client = client_for(owned["owner"])
    for url in _reads(owned):
        response = client.get(url)
        assert response.status_code == 200, url
    assert SECRET.encode() in client.get(f"/messages/{owned['thread'].pk}/").content
    mine = client.get(f"{API}/my-outcome-reports").json()
    assert [r["id"] for r in mine] == [owned["report"].pk]


def test_no_outsider_reads_the_owners_objects(client_for, owned, outsiders):
    for who, user in outsiders.items():
        client = client_for(user)
        for url in _reads(owned):
            response = client.get(url)
            assert response.status_code in DENIED, (who, url, response.status_code)
            assert SECRET.encode() not in _body(response), (who, url)


def test_outsiders_own_lists_hold_nothing_of_the_owners(client_for, owned, outsiders):
    pages = ["/messages/", "/mentorship/", "/office-hours/", f"{API}/messages/threads",
             f"{API}/mentorships", f"{API}/my-outcome-reports"]  # fmt: skip
    for who, user in outsiders.items():
        client = client_for(user)
        for url in pages:
            response = client.get(url)
            assert SECRET.encode() not in _body(response), (who, url)
            if url.endswith("my-outcome-reports") and response.status_code == 200:
                assert response.json() == [], who


def test_no_outsider_write_changes_the_owners_objects(client_for, owned, outsiders):
    before = _state(owned)
    for who, user in outsiders.items():
        client = client_for(user)
        for method, url, data in _writes(owned):
            if url.startswith(API):
                response = getattr(client, method)(url, data, content_type="application/json")
            else:
                response = getattr(client, method)(url, data)
            assert response.status_code in DENIED | {409, 422}, (who, method, url)
    assert _state(owned) == before
