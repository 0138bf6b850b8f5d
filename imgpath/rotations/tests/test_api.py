"""The JSON API: the same services, the same rules, 404 for other people's things."""

from __future__ import annotations

import pytest

from imgpath.rotations.models import Application, Booking
from imgpath.rotations.services import FULL_MESSAGE
from imgpath.rotations.tests.factories import apply, book, document_for, pdf_bytes, upload

pytestmark = pytest.mark.django_db
API = "/api/v1/rotations"


def _apply(client, session, applicant, **extra):
    cv = document_for(applicant, "cv")
    payload = {
        "session_id": session.pk,
        "statement": "Keen to learn",
        "document_ids": [cv.pk],
        **extra,
    }
    return client.post(f"{API}/applications", payload, content_type="application/json")


class TestSearch:
    def test_needs_authentication(self, client, session):
        assert client.get(f"{API}/offerings").status_code == 401

    def test_returns_offerings_with_seats_left(self, client, session, applicant, other_applicant):
        book(session, other_applicant)
        client.force_login(applicant)
        body = client.get(f"{API}/offerings?specialty=internal_medicine&state=IL").json()
        assert body["count"] == 1
        (item,) = body["items"]
        assert item["title"] == session.offering.title
        assert item["sessions"][0]["seats_left"] == 1
        assert item["host"]["verified_at"]

    @pytest.mark.parametrize(
        "query",
        [
            "limit=0",
            "limit=51",
            "offset=-1",
            "month=2027-13",
            "min_price=-1",
            "specialty=astrology",
        ],
    )
    def test_bounds_are_checked(self, client, applicant, query):
        client.force_login(applicant)
        response = client.get(f"{API}/offerings?{query}")
        assert response.status_code == 422
        assert response.json()["detail"].startswith("Invalid input.")

    def test_offering_detail_includes_the_policy_and_hides_drafts(self, client, session, applicant):
        client.force_login(applicant)
        body = client.get(f"{API}/offerings/{session.offering_id}").json()
        assert any("deposit is not refunded" in line for line in body["policy"])
        session.offering.status = "draft"
        session.offering.save()
        assert client.get(f"{API}/offerings/{session.offering_id}").status_code == 404
        assert client.get(f"{API}/sessions/{session.pk}").status_code == 404


class TestApplications:
    def test_apply_with_a_document_from_the_vault(self, client, session, applicant):
        client.force_login(applicant)
        response = _apply(client, session, applicant)
        assert response.status_code == 201
        body = response.json()
        assert (body["status"], body["session_id"], body["booking"]) == (
            "submitted",
            session.pk,
            None,
        )

    def test_missing_document_is_422_and_nothing_is_created(self, client, session, applicant):
        client.force_login(applicant)
        response = _apply(client, session, applicant, document_ids=[])
        assert response.status_code == 422
        assert response.json() == {
            "detail": "This offering requires: CV. Add them to apply.",
            "field": "documents",
            "errors": [
                {"field": "documents", "message": "This offering requires: CV. Add them to apply."}
            ],
        }
        assert not Application.objects.exists()

    def test_someone_elses_document_is_422(self, client, session, applicant, other_applicant):
        client.force_login(applicant)
        theirs = document_for(other_applicant)
        response = _apply(client, session, applicant, document_ids=[theirs.pk])
        assert response.status_code == 422
        assert not Application.objects.exists()

    def test_nul_characters_are_refused(self, client, session, applicant):
        client.force_login(applicant)
        response = _apply(client, session, applicant, statement="bad\x00text")
        assert response.status_code == 422
        assert "NUL" in response.json()["detail"]

    def test_hosts_cannot_apply(self, client, session, other_host):
        client.force_login(other_host)
        response = client.post(
            f"{API}/applications",
            {"session_id": session.pk, "statement": "x"},
            content_type="application/json",
        )
        assert response.status_code == 403

    def test_a_duplicate_is_409(self, client, session, applicant):
        client.force_login(applicant)
        _apply(client, session, applicant)
        response = _apply(client, session, applicant)
        assert response.status_code == 409
        assert Application.objects.count() == 1

    def test_lists_and_reads_mine_only(self, client, session, applicant, other_applicant):
        mine = apply(session, applicant)
        theirs = apply(session, other_applicant)
        client.force_login(applicant)
        assert [a["id"] for a in client.get(f"{API}/applications").json()] == [mine.pk]
        assert client.get(f"{API}/applications/{theirs.pk}").status_code == 404

    def test_withdraw_mine_and_404_for_others(self, client, session, applicant, other_applicant):
        application = apply(session, applicant)
        client.force_login(other_applicant)
        assert client.post(f"{API}/applications/{application.pk}/withdraw").status_code == 404
        application.refresh_from_db()
        assert application.status == "submitted"
        client.force_login(applicant)
        assert (
            client.post(f"{API}/applications/{application.pk}/withdraw").json()["status"]
            == "withdrawn"
        )

    def test_upload_a_document(self, client, applicant):
        client.force_login(applicant)
        response = client.post(
            f"{API}/documents", {"doc_type": "cv", "file": upload("cv.pdf", pdf_bytes())}
        )
        assert response.status_code == 201
        assert response.json()["content_type"] == "application/pdf"
        bad = client.post(
            f"{API}/documents", {"doc_type": "cv", "file": upload("cv.pdf", b"GIF89a")}
        )
        assert bad.status_code == 422
        assert [d["doc_type"] for d in client.get(f"{API}/documents").json()] == ["cv"]


class TestHostDecisions:
    def _decide(self, client, application, decision="accept"):
        return client.post(
            f"{API}/host/applications/{application.pk}/decision",
            {"decision": decision, "message": "Welcome"},
            content_type="application/json",
        )

    def test_accept_books_a_seat(self, client, session, applicant, host):
        application = apply(session, applicant)
        client.force_login(host)
        body = self._decide(client, application).json()
        assert body["status"] == "accepted"
        assert body["booking"]["price_usd"] == 1000 and body["booking"]["status"] == "booked"

    def test_a_full_session_is_409_and_nothing_changes(
        self, client, session, applicant, other_applicant, host
    ):
        session.seats = 1
        session.save()
        book(session, applicant)
        waiting = apply(session, other_applicant)
        client.force_login(host)
        response = self._decide(client, waiting)
        assert response.status_code == 409
        assert response.json() == {"detail": FULL_MESSAGE}
        waiting.refresh_from_db()
        assert waiting.status == "submitted" and Booking.objects.count() == 1

    def test_an_overlap_is_409(self, client, session, other_session, applicant, host, other_host):
        mine = apply(session, applicant)
        theirs = apply(other_session, applicant)
        client.force_login(other_host)
        self._decide(client, theirs)
        client.force_login(host)
        response = self._decide(client, mine)
        assert response.status_code == 409
        assert "overlaps" in response.json()["detail"]

    def test_other_hosts_get_404_and_nothing_changes(self, client, session, applicant, other_host):
        application = apply(session, applicant)
        client.force_login(other_host)
        assert self._decide(client, application).status_code == 404
        assert client.get(f"{API}/host/applications").json() == []
        application.refresh_from_db()
        assert application.status == "submitted"

    def test_applicants_cannot_decide(self, client, session, applicant):
        application = apply(session, applicant)
        client.force_login(applicant)
        assert self._decide(client, application).status_code == 403

    def test_unknown_decisions_are_422(self, client, session, applicant, host):
        client.force_login(host)
        assert self._decide(client, apply(session, applicant), decision="maybe").status_code == 422

    def test_host_lists_applications_by_status(self, client, session, applicant, host):
        apply(session, applicant)
        client.force_login(host)
        assert len(client.get(f"{API}/host/applications?status=submitted").json()) == 1
        assert client.get(f"{API}/host/applications?status=declined").json() == []


class TestBookings:
    def test_cancel_mine_under_my_policy(self, client, session, applicant, other_applicant):
        booking = book(session, applicant)
        client.force_login(other_applicant)
        url = f"{API}/bookings/{booking.pk}/cancel"
        assert (
            client.post(
                url, {"reason": "changed_plans"}, content_type="application/json"
            ).status_code
            == 404
        )
        client.force_login(applicant)
        assert [b["id"] for b in client.get(f"{API}/bookings").json()] == [booking.pk]
        body = client.post(url, {"reason": "changed_plans"}, content_type="application/json").json()
        assert (body["status"], body["refund_due_usd"]) == ("cancelled", 800)
        again = client.post(url, {"reason": "changed_plans"}, content_type="application/json")
        assert again.status_code == 409

    def test_applicants_cannot_claim_host_reasons(self, client, session, applicant):
        booking = book(session, applicant)
        client.force_login(applicant)
        response = client.post(
            f"{API}/bookings/{booking.pk}/cancel",
            {"reason": "host_cancelled"},
            content_type="application/json",
        )
        assert response.status_code == 422

    def test_host_cancels_with_a_full_refund(self, client, session, applicant, host, other_host):
        booking = book(session, applicant)
        url = f"{API}/host/bookings/{booking.pk}/cancel"
        client.force_login(other_host)
        assert client.post(url, {"note": "x"}, content_type="application/json").status_code == 404
        client.force_login(host)
        body = client.post(url, {"note": "Clinic closed"}, content_type="application/json").json()
        assert (body["status"], body["refund_due_usd"]) == ("cancelled", 1000)


def test_the_schema_documents_errors(client):
    schema = client.get("/api/v1/openapi.json").json()
    decision = schema["paths"]["/api/v1/rotations/host/applications/{application_id}/decision"][
        "post"
    ]
    assert {"404", "409", "422"} <= set(decision["responses"])
    search = schema["paths"]["/api/v1/rotations/offerings"]["get"]
    limit = next(p for p in search["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 50)
