"""The host's pages: publish, manage sessions, decide; other hosts see none of it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from imgpath.rotations import services
from imgpath.rotations.models import Application, Booking, HostProfile, Offering, Session, Site
from imgpath.rotations.tests.factories import apply, book

pytestmark = pytest.mark.django_db

OFFERING_FORM = {
    "kind": "nonprofit_observership",
    "specialty": "internal_medicine",
    "title": "Volunteer IM observership",
    "description": "Observe our volunteer internists.",
    "typical_day": "Rounds, then clinic.",
    "audience": "anyone",
    "required_documents": ["cv", "ecfmg_status"],
    "preceptor": "Dr. Lee, licensed in Illinois",
    "onboarding_steps": "Orientation",
    "fee_usd": "150",
    "fee_covers": "Actual costs",
    "cost_items": "Badge: 50\nTiters: $100",
    "deposit_usd": "0",
    "full_refund_days_before": "14",
    "late_refund_percent": "0",
    "visa_denial_full_refund": "on",
}


def test_a_host_goes_from_profile_to_published_offering(client, host, staff):
    client.force_login(host)
    assert "Create your host profile" in client.get(reverse("host_home")).content.decode()

    client.post(
        reverse("host_profile_create"),
        {
            "kind": "hospital",
            "name": "Lakeside Hospital",
            "credentials": "Illinois licence 123",
            "specialties": ["internal_medicine"],
        },
    )
    profile = HostProfile.objects.get(owner=host)
    assert client.get(reverse("offering_create", args=[profile.pk])).status_code == 302
    client.post(
        reverse("host_site_create", args=[profile.pk]),
        {
            "name": "Main",
            "street": "1 Lake St",
            "city": "Chicago",
            "state": "IL",
            "postal_code": "60601",
        },
    )
    site = Site.objects.get(host=profile)
    response = client.post(
        reverse("offering_create", args=[profile.pk]), {**OFFERING_FORM, "site": site.pk}
    )
    offering = Offering.objects.get(host=profile)
    assert response["Location"] == reverse("host_offering_detail", args=[offering.pk])
    assert offering.cost_items == [{"label": "Badge", "usd": 50}, {"label": "Titers", "usd": 100}]
    assert offering.status == "draft"

    start = timezone.localdate() + timedelta(days=40)
    client.post(
        reverse("session_create", args=[offering.pk]),
        {"start_date": start, "end_date": start + timedelta(days=13), "seats": 3},
    )
    published = client.post(reverse("offering_publish", args=[offering.pk]), follow=True)
    assert "public once staff verify" in published.content.decode()
    assert client.get(reverse("offering_detail", args=[offering.pk])).status_code == 200
    client.logout()
    assert client.get(reverse("offering_detail", args=[offering.pk])).status_code == 404

    services.host_profile_verify(profile=profile, verified_by=staff)
    assert "Volunteer IM observership" in client.get(reverse("rotation_search")).content.decode()


def test_the_offering_form_explains_the_nonprofit_rule(client, host, host_profile):
    site = Site.objects.create(
        host=host_profile,
        name="S",
        street="1 A St",
        city="Chicago",
        state="IL",
        postal_code="60601",
    )
    client.force_login(host)
    response = client.post(
        reverse("offering_create", args=[host_profile.pk]),
        {**OFFERING_FORM, "site": site.pk, "cost_items": ""},
    )
    assert response.status_code == 422
    assert "itemized actual costs only" in response.content.decode()
    assert not Offering.objects.exists()


def test_the_offering_form_uses_fieldsets_with_legends(client, host, host_profile):
    Site.objects.create(
        host=host_profile,
        name="S",
        street="1 A St",
        city="Chicago",
        state="IL",
        postal_code="60601",
    )
    client.force_login(host)
    html = client.get(reverse("offering_create", args=[host_profile.pk])).content.decode()
    assert "<legend>Cancellation and refunds</legend>" in html
    assert 'for="id_fee_usd"' in html


def test_editing_keeps_existing_bookings_unchanged(client, host, session, applicant):
    booking = book(session, applicant)
    client.force_login(host)
    form = client.get(reverse("offering_edit", args=[session.offering_id])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        fee_usd=5000,
        deposit_usd=0,
        site=session.offering.site_id,
        required_documents=["cv"],
        cost_items="",
    )
    response = client.post(reverse("offering_edit", args=[session.offering_id]), data)
    assert response.status_code == 302
    assert Offering.objects.get(pk=session.offering_id).fee_usd == 5000
    assert Booking.objects.get(pk=booking.pk).price_usd == 1000


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("host_offering_detail", "get"),
        ("offering_edit", "get"),
        ("offering_publish", "post"),
        ("offering_archive", "post"),
        ("session_create", "post"),
    ],
)
def test_other_hosts_get_404_on_my_offering(client, offering, other_host, name, method):
    client.force_login(other_host)
    response = getattr(client, method)(reverse(name, args=[offering.pk]))
    assert response.status_code == 404
    offering.refresh_from_db()
    assert offering.status == "published"
    assert not Session.objects.filter(offering=offering).exists()


def test_other_hosts_get_404_on_my_profile_site_and_session(
    client, host_profile, session, other_host
):
    site = session.offering.site
    client.force_login(other_host)
    assert client.get(reverse("host_profile_edit", args=[host_profile.pk])).status_code == 404
    assert (
        client.post(reverse("host_site_create", args=[host_profile.pk]), {"name": "X"}).status_code
        == 404
    )
    assert client.get(reverse("host_site_edit", args=[site.pk])).status_code == 404
    assert client.get(reverse("offering_create", args=[host_profile.pk])).status_code == 404
    assert (
        client.post(reverse("session_update", args=[session.pk]), {"seats": 9}).status_code == 404
    )
    session.refresh_from_db()
    assert session.seats == 2


@pytest.mark.parametrize("url_name", ["host_home", "host_applications", "host_profile_create"])
def test_applicants_cannot_use_host_pages(client, applicant, url_name):
    client.force_login(applicant)
    assert client.get(reverse(url_name)).status_code == 403


def test_session_seats_cannot_drop_below_bookings(
    client, host, session, applicant, other_applicant
):
    book(session, applicant)
    book(session, other_applicant)
    client.force_login(host)
    response = client.post(
        reverse("session_update", args=[session.pk]), {"seats": 1, "is_open": "on"}, follow=True
    )
    assert "2 seat(s) are already booked" in response.content.decode()
    session.refresh_from_db()
    assert session.seats == 2


def test_invalid_sessions_are_explained(client, host, offering):
    client.force_login(host)
    today = timezone.localdate()
    response = client.post(
        reverse("session_create", args=[offering.pk]),
        {
            "start_date": today + timedelta(days=9),
            "end_date": today + timedelta(days=2),
            "seats": 2,
        },
        follow=True,
    )
    assert "must end on or after its start" in response.content.decode()
    assert not offering.sessions.exists()


class TestApplicationsForHosts:
    def test_hosts_see_only_applications_to_their_offerings(
        self, client, session, other_session, applicant, other_applicant, host
    ):
        apply(session, applicant)
        apply(other_session, other_applicant)
        client.force_login(host)
        html = client.get(reverse("host_applications")).content.decode()
        assert applicant.name in html and other_applicant.name not in html
        assert other_applicant.name not in client.get(reverse("host_home")).content.decode()

    def test_the_list_says_when_an_offering_sets_no_requirements(
        self, client, session, applicant, other_applicant, host
    ):
        session.offering.audience = "anyone"
        session.offering.requires_step1 = False
        session.offering.save()
        apply(session, applicant)
        client.force_login(host)
        html = client.get(reverse("host_applications")).content.decode()
        assert "None set" in html and "met, per profile" not in html
        session.offering.requires_step1 = True
        session.offering.save()
        apply(session, other_applicant)
        html = client.get(reverse("host_applications")).content.decode()
        assert "1 of 1 unconfirmed" in html

    def test_the_status_filter(self, client, session, applicant, other_applicant, host):
        apply(session, applicant)
        declined = apply(session, other_applicant)
        services.application_decide(application=declined, decision="decline", decided_by=host)
        client.force_login(host)
        html = client.get(reverse("host_applications") + "?status=declined").content.decode()
        assert other_applicant.name in html and applicant.name not in html

    def test_detail_shows_unconfirmed_requirements_and_documents(
        self, client, session, applicant, host
    ):
        session.offering.requires_step1 = True
        session.offering.save()
        application = apply(session, applicant)
        client.force_login(host)
        html = client.get(
            reverse("host_application_detail", args=[application.pk])
        ).content.decode()
        assert "Unconfirmed" in html and "USMLE Step 1 passed" in html
        assert reverse("document_download", args=[application.documents.get().pk]) in html
        assert applicant.email not in html

    def test_accepting_from_the_page(self, client, session, applicant, host):
        application = apply(session, applicant)
        client.force_login(host)
        client.post(
            reverse("application_decide", args=[application.pk]),
            {"decision": "accept", "message": "Welcome"},
        )
        booking = Booking.objects.get(application=application)
        html = client.get(
            reverse("host_application_detail", args=[application.pk])
        ).content.decode()
        assert "Record payment of $1,000 received" in html and applicant.email in html
        assert booking.application.host_message == "Welcome"

    def test_accepting_into_a_full_session_changes_nothing(
        self, client, session, applicant, other_applicant, host
    ):
        session.seats = 1
        session.save()
        book(session, applicant)
        waiting = apply(session, other_applicant)
        client.force_login(host)
        response = client.post(
            reverse("application_decide", args=[waiting.pk]), {"decision": "accept"}, follow=True
        )
        assert "This session is full" in response.content.decode()
        waiting.refresh_from_db()
        assert waiting.status == "submitted" and Booking.objects.count() == 1

    def test_other_hosts_get_404_and_nothing_changes(self, client, session, applicant, other_host):
        application = apply(session, applicant)
        client.force_login(other_host)
        assert (
            client.get(reverse("host_application_detail", args=[application.pk])).status_code == 404
        )
        assert (
            client.post(
                reverse("application_decide", args=[application.pk]), {"decision": "accept"}
            ).status_code
            == 404
        )
        application.refresh_from_db()
        assert application.status == "submitted" and not Booking.objects.exists()

    def test_applicants_cannot_decide(self, client, session, applicant):
        application = apply(session, applicant)
        client.force_login(applicant)
        assert (
            client.post(
                reverse("application_decide", args=[application.pk]), {"decision": "accept"}
            ).status_code
            == 403
        )
        assert not Booking.objects.exists()


class TestBookingsForHosts:
    @pytest.fixture
    def booking(self, session, applicant):
        return book(session, applicant)

    @pytest.mark.parametrize(
        ("name", "data"),
        [
            ("host_booking_cancel", {"reason": "host_cancelled", "note": "No"}),
            ("booking_complete", {"evaluation": "Fine"}),
            ("booking_record_payment", {"status": "paid"}),
        ],
    )
    def test_other_hosts_get_404_and_nothing_changes(self, client, booking, other_host, name, data):
        client.force_login(other_host)
        assert client.post(reverse(name, args=[booking.pk]), data).status_code == 404
        booking.refresh_from_db()
        assert (booking.status, booking.payment_status) == ("booked", "unpaid")

    def test_payment_then_refund(self, client, booking, host, applicant):
        client.force_login(host)
        client.post(reverse("booking_record_payment", args=[booking.pk]), {"status": "paid"})
        services.booking_cancel(booking=booking, cancelled_by=applicant, reason="changed_plans")
        page = client.get(
            reverse("host_application_detail", args=[booking.application_id])
        ).content.decode()
        assert "Refund due under the booked policy: $800" in page
        client.post(
            reverse("booking_record_payment", args=[booking.pk]),
            {"status": "refunded", "amount_usd": 800},
        )
        booking.refresh_from_db()
        assert (booking.payment_status, booking.refunded_usd) == ("refunded", 800)

    def test_host_cancel_needs_a_reason_for_the_applicant(self, client, booking, host):
        client.force_login(host)
        client.post(
            reverse("host_booking_cancel", args=[booking.pk]),
            {"reason": "host_cancelled", "note": ""},
        )
        booking.refresh_from_db()
        assert booking.status == "booked"
        client.post(
            reverse("host_booking_cancel", args=[booking.pk]),
            {"reason": "host_cancelled", "note": "Clinic closed"},
        )
        booking.refresh_from_db()
        assert (booking.status, booking.refund_due_usd) == ("cancelled", 1000)

    def test_completion_and_letter_from_the_page(self, client, booking, host, applicant):
        session = booking.session
        session.offering.letter_possible = True
        session.offering.save()
        session.start_date = timezone.localdate() - timedelta(days=14)
        session.end_date = timezone.localdate()
        session.save()
        client.force_login(host)
        page = client.get(
            reverse("host_application_detail", args=[booking.application_id])
        ).content.decode()
        assert "Record completion" in page
        client.post(reverse("booking_complete", args=[booking.pk]), {"evaluation": "Reliable"})
        booking = Booking.objects.get(pk=booking.pk)
        letter = services.letter_request_create(booking=booking, requested_by=applicant)
        client.post(reverse("letter_request_update", args=[letter.pk]), {"status": "agreed"})
        letter.refresh_from_db()
        assert (booking.status, letter.status) == ("completed", "agreed")

    def test_other_hosts_cannot_update_letters(self, client, booking, host, applicant, other_host):
        session = booking.session
        session.offering.letter_possible = True
        session.offering.save()
        session.start_date = timezone.localdate() - timedelta(days=14)
        session.end_date = timezone.localdate()
        session.save()
        booking = services.booking_complete(booking=booking, completed_by=host, evaluation="Ok")
        letter = services.letter_request_create(booking=booking, requested_by=applicant)
        client.force_login(other_host)
        assert (
            client.post(
                reverse("letter_request_update", args=[letter.pk]), {"status": "agreed"}
            ).status_code
            == 404
        )
        letter.refresh_from_db()
        assert letter.status == "requested"


def test_pages_carry_no_inline_script_or_style(client, session, applicant, host):
    booking = book(session, applicant)
    pages = {
        applicant: [
            reverse("rotation_search"),
            reverse("offering_detail", args=[session.offering_id]),
            reverse("my_rotations"),
            reverse("application_detail", args=[booking.application_id]),
            reverse("document_list"),
        ],
        host: [
            reverse("host_home"),
            reverse("host_applications"),
            reverse("host_application_detail", args=[booking.application_id]),
            reverse("host_offering_detail", args=[session.offering_id]),
            reverse("offering_edit", args=[session.offering_id]),
        ],
    }
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            html = client.get(url).content.decode()
            assert " style=" not in html, url
            for tag in html.split("<script")[1:]:
                assert "src=" in tag.split(">")[0], f"inline script on {url}"


def test_emails_name_each_side_link(session, applicant, host, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        application = apply(session, applicant)
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert reverse("application_detail", args=[application.pk]) in bodies[applicant.email]
    assert reverse("host_application_detail", args=[application.pk]) in bodies[host.email]
    assert "Please accept, waitlist or decline" in bodies[host.email]
    assert Application.objects.count() == 1


def test_renaming_a_verified_profile_on_the_page_sends_it_back_to_staff(client, host, host_profile):
    client.force_login(host)
    data = {"kind": "physician", "name": "A new name", "credentials": host_profile.credentials}
    response = client.post(reverse("host_profile_edit", args=[host_profile.pk]), data, follow=True)
    assert "Staff will verify the changed details again" in response.content.decode()
    assert not HostProfile.objects.get(pk=host_profile.pk).is_verified
