"""The applicant's pages: apply, follow, cancel, review; and that nobody else gets in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from imgpath.rotations import services
from imgpath.rotations.models import Application, Booking, ChecklistItem, Document, Review
from imgpath.rotations.tests.factories import PNG_BYTES, apply, book, document_for, upload

pytestmark = pytest.mark.django_db


class TestApplyPage:
    def test_applying_uploads_missing_documents_into_the_vault(self, client, session, applicant):
        session.offering.required_documents = ["cv", "passport"]
        session.offering.save()
        document_for(applicant, "cv")
        client.force_login(applicant)
        url = reverse("application_apply", args=[session.pk])

        form_page = client.get(url).content.decode()
        assert "CV from your vault" in form_page and "Passport (PDF, JPEG or PNG)" in form_page
        assert "Read before you apply" in form_page and "$800 back" in form_page

        cv = Document.objects.get(owner=applicant)
        response = client.post(
            url,
            {
                "statement": "Keen to learn.",
                "doc_cv": cv.pk,
                "upload_passport": upload("passport.pdf"),
            },
        )

        application = Application.objects.get(applicant=applicant)
        assert response.status_code == 302
        assert response["Location"] == reverse("application_detail", args=[application.pk])
        assert {d.doc_type for d in application.documents.all()} == {"cv", "passport"}
        assert Document.objects.filter(owner=applicant).count() == 2

    def test_a_missing_document_is_a_form_error_and_nothing_is_created(
        self, client, session, applicant
    ):
        client.force_login(applicant)
        response = client.post(reverse("application_apply", args=[session.pk]), {"statement": "Hi"})
        assert response.status_code == 422
        assert "This field is required" in response.content.decode()
        assert not Application.objects.exists()

    def test_a_bad_file_is_a_form_error(self, client, session, applicant):
        client.force_login(applicant)
        response = client.post(
            reverse("application_apply", args=[session.pk]),
            {"statement": "Hi", "upload_cv": upload("cv.pdf", PNG_BYTES)},
        )
        assert response.status_code == 422
        assert "PDF, JPEG or PNG" in response.content.decode()
        assert not Application.objects.exists()

    def test_a_refusal_after_the_upload_leaves_no_orphan_document_or_file(
        self, client, session, applicant, settings, tmp_path
    ):
        from imgpath.profiles.services import profile_save

        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(tmp_path)},
            },
        }
        session.offering.requires_step1 = True
        session.offering.save()
        profile_save(user=applicant, data={"exams": {"usmle_step1": {"status": "failed"}}})
        client.force_login(applicant)

        response = client.post(
            reverse("application_apply", args=[session.pk]),
            {"statement": "Hi", "upload_cv": upload("cv.pdf")},
        )

        assert response.status_code == 422
        assert "requirements" in response.content.decode()
        assert not Application.objects.exists()
        assert not Document.objects.filter(owner=applicant).exists()
        assert [p for p in tmp_path.rglob("*") if p.is_file()] == []

    def test_a_service_refusal_is_shown_on_the_form(self, client, session, applicant):
        apply(session, applicant)
        client.force_login(applicant)
        response = client.post(
            reverse("application_apply", args=[session.pk]),
            {"statement": "Again", "doc_cv": Document.objects.filter(owner=applicant).first().pk},
        )
        assert response.status_code == 422
        assert "already have an open application" in response.content.decode()

    def test_hosts_cannot_open_the_apply_page(self, client, session, other_host):
        client.force_login(other_host)
        assert client.get(reverse("application_apply", args=[session.pk])).status_code == 403

    def test_sessions_of_unpublished_offerings_are_404(self, client, session, applicant):
        session.offering.status = "draft"
        session.offering.save()
        client.force_login(applicant)
        assert client.get(reverse("application_apply", args=[session.pk])).status_code == 404

    def test_anonymous_visitors_sign_in_first(self, client, session):
        response = client.get(reverse("application_apply", args=[session.pk]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


class TestMyRotations:
    def test_lists_bookings_open_applications_and_history(
        self, client, session, other_session, applicant
    ):
        apply(other_session, applicant)
        book(session, applicant)
        client.force_login(applicant)
        html = client.get(reverse("my_rotations")).content.decode()
        assert "Hana&#x27;s IM observership" in html and "Otto&#x27;s observership" in html
        assert html.index("Upcoming bookings") < html.index("Hana&#x27;s IM observership")
        assert html.index("Open applications") < html.index("Otto&#x27;s observership")

    def test_empty_states(self, client, applicant):
        client.force_login(applicant)
        html = client.get(reverse("my_rotations")).content.decode()
        assert "No upcoming bookings" in html and "Find clinical experience" in html

    def test_other_applicants_items_never_show(self, client, session, applicant, other_applicant):
        book(session, applicant)
        client.force_login(other_applicant)
        html = client.get(reverse("my_rotations")).content.decode()
        assert "No upcoming bookings" in html


class TestApplicationPage:
    def test_shows_the_booking_with_its_policy_checklist_and_letter(
        self, client, session, applicant
    ):
        session.offering.onboarding_steps = "HIPAA training"
        session.offering.save()
        booking = book(session, applicant)
        client.force_login(applicant)

        html = client.get(
            reverse("application_detail", args=[booking.application_id])
        ).content.decode()

        assert "Your booking" in html and "Download visa support letter" in html
        assert "HIPAA training" in html and "CV: sent with the application" in html
        assert "Accepted: seat booked" in html
        assert "refund due under your policy is <strong>$800</strong>" in html

    def test_another_applicant_gets_404(self, client, session, applicant, other_applicant):
        application = apply(session, applicant)
        client.force_login(other_applicant)
        assert client.get(reverse("application_detail", args=[application.pk])).status_code == 404

    def test_withdraw_works_for_me_and_is_404_for_others(
        self, client, session, applicant, other_applicant
    ):
        application = apply(session, applicant)
        url = reverse("application_withdraw", args=[application.pk])
        client.force_login(other_applicant)
        assert client.post(url).status_code == 404
        application.refresh_from_db()
        assert application.status == "submitted"

        client.force_login(applicant)
        assert client.post(url).status_code == 302
        application.refresh_from_db()
        assert application.status == "withdrawn"

    def test_withdrawing_twice_explains_why_not(self, client, session, applicant):
        application = apply(session, applicant)
        client.force_login(applicant)
        url = reverse("application_withdraw", args=[application.pk])
        client.post(url)
        response = client.post(url, follow=True)
        assert (
            "only submitted or waitlisted applications can be withdrawn"
            in response.content.decode()
        )

    def test_withdraw_needs_post(self, client, session, applicant):
        application = apply(session, applicant)
        client.force_login(applicant)
        assert client.get(reverse("application_withdraw", args=[application.pk])).status_code == 405


class TestBookingActions:
    def test_cancel_follows_the_policy_and_is_404_for_others(
        self,
        client,
        session,
        applicant,
        other_applicant,
        other_host,
        django_capture_on_commit_callbacks,
    ):
        booking = book(session, applicant)
        url = reverse("booking_cancel", args=[booking.pk])
        for user in (other_applicant, other_host):
            client.force_login(user)
            assert client.post(url, {"reason": "changed_plans"}).status_code in (403, 404)
        booking.refresh_from_db()
        assert booking.status == "booked"

        client.force_login(applicant)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url, {"reason": "visa_denied", "note": "Refused on 3 May"}, follow=True
            )

        booking.refresh_from_db()
        assert (booking.status, booking.refund_due_usd) == ("cancelled", 1000)
        assert "refund due is $1,000" in response.content.decode()
        assert {m.to[0] for m in mail.outbox} >= {
            applicant.email,
            session.offering.host.owner.email,
        }

    def test_cancel_needs_a_reason(self, client, session, applicant):
        booking = book(session, applicant)
        client.force_login(applicant)
        client.post(reverse("booking_cancel", args=[booking.pk]), {"reason": "host_cancelled"})
        booking.refresh_from_db()
        assert booking.status == "booked"

    def test_visa_letter_is_a_pdf_for_the_two_parties_only(
        self, client, session, applicant, host, other_applicant, other_host
    ):
        booking = book(session, applicant)
        url = reverse("visa_letter", args=[booking.pk])
        for user in (other_applicant, other_host):
            client.force_login(user)
            assert client.get(url).status_code == 404

        for user in (applicant, host):
            client.force_login(user)
            response = client.get(url)
            assert response.status_code == 200
            assert response["Content-Type"] == "application/pdf"
            assert response.content.startswith(b"%PDF-")
            assert response["Content-Disposition"].startswith("attachment;")
            assert "no-store" in response["Cache-Control"]

    def test_no_visa_letter_for_a_cancelled_booking(self, client, session, applicant):
        booking = book(session, applicant)
        services.booking_cancel(booking=booking, cancelled_by=applicant, reason="changed_plans")
        client.force_login(applicant)
        response = client.get(reverse("visa_letter", args=[booking.pk]), follow=True)
        assert "active booking only" in response.content.decode()

    def test_the_visa_letter_says_what_the_booking_says(self, session, applicant):
        from imgpath.rotations.visa_letter import letter_paragraphs

        booking = book(session, applicant)
        text = " ".join(t for _, t in letter_paragraphs(booking))
        assert applicant.name in text and session.offering.site.address in text
        assert "no salary" in text and "Who pays" in text and "$1,000" in text
        assert "This is observation only" in text
        assert "does not guarantee a visa" in text

    @pytest.mark.parametrize("htmx", [True, False])
    def test_checklist_toggle_with_and_without_htmx(self, client, session, applicant, htmx):
        session.offering.onboarding_steps = "HIPAA training"
        session.offering.save()
        booking = book(session, applicant)
        item = booking.checklist.get(kind="step")
        client.force_login(applicant)
        headers = {"HX-Request": "true"} if htmx else {}

        response = client.post(
            reverse("checklist_item_toggle", args=[item.pk]), {"done": "on"}, headers=headers
        )

        item.refresh_from_db()
        assert item.is_done and item.done_by == applicant
        if htmx:
            assert response.status_code == 200
            html = response.content.decode()
            assert (
                html.lstrip().startswith(f'<div id="checklist-{booking.pk}"')
                and "<html" not in html
            )
        else:
            assert response.status_code == 302

    def test_checklist_is_404_for_others(
        self, client, session, applicant, other_applicant, other_host
    ):
        session.offering.onboarding_steps = "HIPAA training"
        session.offering.save()
        item = book(session, applicant).checklist.get(kind="step")
        for user in (other_applicant, other_host):
            client.force_login(user)
            assert (
                client.post(
                    reverse("checklist_item_toggle", args=[item.pk]), {"done": "on"}
                ).status_code
                == 404
            )
        assert not ChecklistItem.objects.get(pk=item.pk).is_done

    def test_review_and_letter_after_completion(
        self, client, session, applicant, host, other_applicant
    ):
        session.offering.letter_possible = True
        session.offering.save()
        booking = book(session, applicant)
        session.start_date = timezone.localdate() - timedelta(days=20)
        session.end_date = timezone.localdate() - timedelta(days=1)
        session.save()
        services.booking_complete(booking=booking, completed_by=host, evaluation="Excellent")

        client.force_login(other_applicant)
        assert (
            client.post(
                reverse("review_create", args=[booking.pk]), {"rating": 5, "text": "x"}
            ).status_code
            == 404
        )
        assert client.post(reverse("letter_request_create", args=[booking.pk])).status_code == 404

        client.force_login(applicant)
        page = client.get(
            reverse("application_detail", args=[booking.application_id])
        ).content.decode()
        assert (
            "Excellent" in page and "Publish verified review" in page and "Request a letter" in page
        )
        client.post(
            reverse("review_create", args=[booking.pk]), {"rating": 5, "text": "Great teacher"}
        )
        client.post(reverse("letter_request_create", args=[booking.pk]), {"note": "ERAS 12345"})

        assert Review.objects.get(booking=booking).rating == 5
        page = client.get(
            reverse("application_detail", args=[booking.application_id])
        ).content.decode()
        assert "Great teacher" in page and "Requested" in page
        assert Booking.objects.get(pk=booking.pk).letter_request.applicant_note == "ERAS 12345"
