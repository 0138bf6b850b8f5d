"""Every URL that serves or changes an applicant's private data, as every kind of outsider.

The owner is the demo applicant, with a profile, documents, applications, a booking, rank
lists and a calendar feed. Another applicant, an unrelated host, a mentor, staff and an
anonymous visitor request each read (HTML, JSON, PDF, iCal, CSV, uploaded files) and send
each write: none sees the owner's data, and afterwards the owner's data is exactly as it was.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from imgpath.accounts.models import User
from imgpath.matching.models import ApplicantRank, Participant
from imgpath.programs.models import SavedProgram
from imgpath.roadmap.models import CalendarFeed
from imgpath.rotations.models import Application, Booking, Document

pytestmark = pytest.mark.django_db
OWNER = "applicant@demo.imgpath.org"
MARKERS = (b"Priya Raman", OWNER.encode())
DENIED = {302, 401, 403, 404}


@pytest.fixture
def owner(db):
    call_command("load_demo", stdout=StringIO())
    user = User.objects.get(email=OWNER)
    CalendarFeed.objects.get_or_create(user=user)
    return user


def _drain(response) -> None:
    """Read a streamed download through the test client's wrapper. Calling `close()` on it
    directly fires `request_finished`, which closes the test's PostgreSQL connection."""
    if response.streaming:
        b"".join(response.streaming_content)


def _objects(owner):
    booking = Booking.objects.filter(applicant=owner).first()
    return {
        "document": Document.objects.filter(owner=owner).first(),
        "application": Application.objects.filter(applicant=owner).first(),
        "booking": booking,
        "participant": Participant.objects.filter(user=owner).first(),
        "feed": CalendarFeed.objects.get(user=owner),
    }


def _object_urls(owner) -> list[str]:
    """URLs that name one of the owner's objects: an outsider gets no 200 at all."""
    o = _objects(owner)
    api = "/api/v1"
    return [
        f"/rotations/documents/{o['document'].pk}/download/",
        f"/rotations/bookings/{o['booking'].pk}/visa-letter.pdf",
        f"/roadmap/feed/{o['feed'].token[:-2]}xx.ics",
        f"{api}/rotations/applications/{o['application'].pk}",
        f"{api}/match-cycles/{o['participant'].cycle_id}/result",
    ]


def _own_pages() -> list[str]:
    """Per-person pages: each signed-in person sees their own, never the owner's."""
    api = "/api/v1"
    return [
        "/dashboard/",
        "/account/",
        "/account/export/",
        "/profile/",
        "/profile/download/",
        "/roadmap/",
        "/roadmap/calendar/",
        "/my-programs/",
        "/my-programs/export.csv",
        "/rotations/mine/",
        "/rotations/mine/documents/",
        "/changes/mine/",
        "/host/applications/",
        f"{api}/me",
        f"{api}/profile",
        f"{api}/roadmap",
        f"{api}/my-programs",
        f"{api}/rotations/documents",
        f"{api}/rotations/applications",
        f"{api}/rotations/bookings",
        f"{api}/rotations/host/applications",
        f"{api}/match-cycles",
    ]


def test_the_owner_reaches_every_object_url(client_for, owner):
    client = client_for(owner)
    feed = _objects(owner)["feed"]
    urls = [u for u in _object_urls(owner) if "/feed/" not in u] + [
        f"/roadmap/feed/{feed.token}.ics"
    ]
    for url in urls:
        if url.endswith("/result"):
            continue  # a result exists only after the run
        response = client.get(url)
        _drain(response)
        assert response.status_code == 200, url


def test_outsiders_get_nothing_of_the_owners_objects(client_for, owner, outsiders):
    for who, user in outsiders.items():
        client = client_for(user)
        for url in _object_urls(owner):
            if who == "staff" and "/documents/" in url:
                continue  # docs/rotations.md: staff may download documents (moderation)
            response = client.get(url)
            _drain(response)
            assert response.status_code in DENIED, (who, url, response.status_code)


def test_outsiders_never_see_the_owners_data_on_their_own_pages(client_for, owner, outsiders):
    for who, user in outsiders.items():
        client = client_for(user)
        for url in _own_pages():
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            _drain(response)
            for marker in MARKERS:
                assert marker not in body, (who, url)


def _snapshot(owner) -> dict:
    return {
        "documents": sorted(Document.objects.filter(owner=owner).values_list("pk", flat=True)),
        "applications": sorted(
            Application.objects.filter(applicant=owner).values_list("pk", "status")
        ),
        "bookings": sorted(Booking.objects.filter(applicant=owner).values_list("pk", "status")),
        "participants": sorted(
            Participant.objects.filter(user=owner).values_list("pk", "certified_at")
        ),
        "ranks": sorted(
            ApplicantRank.objects.filter(participant__user=owner).values_list(
                "participant_id", "program_id", "position"
            )
        ),
        "saved": sorted(SavedProgram.objects.filter(user=owner).values_list("pk", "note")),
        "feed": CalendarFeed.objects.get(user=owner).token,
        "profile": owner.applicant_profile.data if hasattr(owner, "applicant_profile") else None,
    }


def test_no_outsider_write_changes_the_owners_data(client_for, owner, outsiders):
    o = _objects(owner)
    api = "/api/v1"
    saved = SavedProgram.objects.filter(user=owner).first()
    writes = [
        ("post", f"/rotations/mine/documents/{o['document'].pk}/delete/", {}),
        ("post", f"/rotations/mine/bookings/{o['booking'].pk}/review/", {"rating": 1}),
        ("post", f"/match/{o['participant'].cycle_id}/leave/", {}),
        ("post", f"{api}/rotations/applications/{o['application'].pk}/withdraw", None),
        ("post", f"{api}/rotations/bookings/{o['booking'].pk}/cancel", {"reason": "changed_plans"}),
        ("put", f"{api}/match-cycles/{o['participant'].cycle_id}/rank-list", {"ids": []}),
        ("post", f"{api}/match-cycles/{o['participant'].cycle_id}/rank-list/certify", None),
    ]
    if saved is not None:
        writes.append(("patch", f"{api}/my-programs/{saved.program.acgme_id}", {"note": "changed"}))
    before = _snapshot(owner)

    for who, user in outsiders.items():
        client = client_for(user)
        for method, url, data in writes:
            if url.startswith(api):
                response = getattr(client, method)(url, data or {}, content_type="application/json")
            else:
                response = getattr(client, method)(url, data)
            assert response.status_code in DENIED | {409, 422}, (who, method, url)

    owner.refresh_from_db()
    assert _snapshot(owner) == before
