"""Search and the offering page: public, filtered by the URL, HTMX-aware."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from imgpath.rotations.tests.factories import (
    HostProfileFactory,
    OfferingFactory,
    SessionFactory,
    SiteFactory,
    book,
)

pytestmark = pytest.mark.django_db
SEARCH = "/rotations/offerings/"


@pytest.fixture
def catalogue(host_profile, other_host_profile):
    """Four public offerings that differ on each filter, plus two that must never show."""
    texas = SiteFactory(host=other_host_profile, city="Houston", state="TX", postal_code="77002")
    soon = timezone.localdate() + timedelta(days=20)
    later = timezone.localdate() + timedelta(days=100)
    offerings = {
        "im": OfferingFactory(
            site=SiteFactory(host=host_profile), title="IM observership", fee_usd=1000
        ),
        "peds_free": OfferingFactory(
            site=SiteFactory(host=host_profile),
            title="Free pediatrics observership",
            specialty="pediatrics",
            fee_usd=0,
            deposit_usd=0,
        ),
        "fm_extern": OfferingFactory(
            site=texas,
            title="FM externship",
            kind="externship",
            specialty="family_medicine",
            hands_on=True,
            requires_step1=True,
            audience="graduates",
            fee_usd=2800,
            letter_possible=True,
        ),
        "psych_tx": OfferingFactory(
            site=texas, title="Psychiatry in Texas", specialty="psychiatry", fee_usd=500
        ),
    }
    for key, offering in offerings.items():
        start = later if key == "psych_tx" else soon
        SessionFactory(offering=offering, start_date=start, end_date=start + timedelta(days=27))
    hidden_draft = OfferingFactory(
        site=SiteFactory(host=host_profile), title="Draft one", status="draft"
    )
    SessionFactory(offering=hidden_draft)
    unverified = HostProfileFactory(verified_at=None, verified_by=None)
    SessionFactory(
        offering=OfferingFactory(site=SiteFactory(host=unverified), title="Unverified one")
    )
    return offerings


def _titles(response) -> set[str]:
    page = response.context["page"]
    return {o.title for o in page.object_list}


def test_anyone_can_search_and_sees_only_verified_published_offerings(client, catalogue):
    response = client.get(SEARCH)

    assert response.status_code == 200
    assert _titles(response) == {o.title for o in catalogue.values()}
    html = response.content.decode()
    assert "Draft one" not in html and "Unverified one" not in html
    assert "2 of 2 seats left" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("specialty=pediatrics", {"Free pediatrics observership"}),
        ("state=TX", {"FM externship", "Psychiatry in Texas"}),
        ("kind=externship", {"FM externship"}),
        ("free=on", {"Free pediatrics observership"}),
        ("hands_on=on", {"FM externship"}),
        ("letter=on", {"FM externship"}),
        ("min_price=900&max_price=2000", {"IM observership"}),
        ("state=TX&max_price=1000", {"Psychiatry in Texas"}),
    ],
)
def test_filters_come_from_the_url(client, catalogue, query, expected):
    assert _titles(client.get(f"{SEARCH}?{query}")) == expected


def test_month_filter_keeps_sessions_running_that_month(client, catalogue):
    later = timezone.localdate() + timedelta(days=110)
    response = client.get(f"{SEARCH}?month={later:%Y-%m}")
    assert "Psychiatry in Texas" in _titles(response)
    assert "IM observership" not in _titles(response)


def test_unparseable_filters_are_ignored_not_errors(client, catalogue):
    response = client.get(f"{SEARCH}?month=soon&min_price=-5&specialty=astrology&page=zzz")
    assert response.status_code == 200
    assert len(_titles(response)) == 4
    assert "Use a month such as" in response.content.decode()


def test_full_sessions_say_so(client, catalogue, applicant, other_applicant):
    session = catalogue["im"].sessions.get()
    book(session, applicant)
    book(session, other_applicant)
    assert "Full: waitlist only" in client.get(SEARCH).content.decode()


def test_htmx_requests_get_only_the_results(client, catalogue):
    response = client.get(f"{SEARCH}?state=TX", headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html and "Filters" not in html
    assert "FM externship" in html and "IM observership" not in html


def test_without_htmx_the_whole_page_comes_with_hx_attributes(client, catalogue):
    html = client.get(f"{SEARCH}?state=TX").content.decode()
    assert "<html" in html and 'id="results"' in html
    assert 'hx-get="/rotations/offerings/"' in html and 'hx-push-url="true"' in html
    assert 'value="TX" selected' in html


def test_results_are_paginated(client, host_profile):
    for n in range(12):
        SessionFactory(
            offering=OfferingFactory(site=SiteFactory(host=host_profile), title=f"Offering {n:02d}")
        )
    first = client.get(SEARCH)
    second = client.get(f"{SEARCH}?page=2", headers={"HX-Request": "true"})
    assert len(first.context["page"].object_list) == 10
    assert len(second.context["page"].object_list) == 2
    assert "Page 1 of 2" in first.content.decode()


def test_no_results_has_a_helpful_empty_state(client):
    assert "No offering matches these filters" in client.get(f"{SEARCH}?state=AK").content.decode()


class TestOfferingPage:
    def test_shows_price_policy_seats_and_verification_before_applying(self, client, session):
        offering = session.offering
        html = client.get(reverse("offering_detail", args=[offering.pk])).content.decode()

        assert "Hana&#x27;s IM observership" in html
        verified = offering.host.verified_at.strftime("%-d %B %Y")
        assert f"Host verified by IMGPath staff on {verified}" in html
        assert "$1,000" in html and "$800 back (the $200 deposit is not refunded)" in html
        assert "2 of 2 left" in html
        assert "Sign in to apply" in html

    def test_a_nonprofit_observership_shows_the_ama_guidance_and_its_costs(
        self, client, host_profile
    ):
        offering = OfferingFactory(
            site=SiteFactory(host=host_profile),
            kind="nonprofit_observership",
            preceptor="Dr. Lee (licensed in Illinois)",
            fee_usd=150,
            deposit_usd=0,
            cost_items=[{"label": "Badge", "usd": 50}, {"label": "Titers", "usd": 100}],
        )
        html = client.get(reverse("offering_detail", args=[offering.pk])).content.decode()

        assert "voluntary" in html and "mandatory step before starting a residency program" in html
        assert "observation only" in html and "licensed physician" in html
        assert (
            "https://www.ama-assn.org/member-groups-sections/international-medical-graduates/"
            "establish-observership-international-medical" in html
        )
        assert "Titers" in html and "$100" in html

    def test_unpublished_or_unverified_offerings_are_404_except_for_their_host(
        self, client, offering, host, other_host, applicant
    ):
        offering.status = "draft"
        offering.save()
        url = reverse("offering_detail", args=[offering.pk])
        assert client.get(url).status_code == 404
        for user in (applicant, other_host):
            client.force_login(user)
            assert client.get(url).status_code == 404
        client.force_login(host)
        assert "not public" in client.get(url).content.decode()

    def test_applicants_see_their_eligibility_and_what_they_applied_to(
        self, client, session, applicant
    ):
        session.offering.requires_step1 = True
        session.offering.save()
        client.force_login(applicant)
        html = client.get(reverse("offering_detail", args=[session.offering_id])).content.decode()
        assert "Based on your profile" in html and "Unconfirmed" in html
        assert reverse("application_apply", args=[session.pk]) in html

    def test_verified_reviews_are_shown(self, client, session, applicant, host):
        from imgpath.rotations import services

        booking = book(session, applicant)
        session.start_date = timezone.localdate() - timedelta(days=30)
        session.end_date = timezone.localdate() - timedelta(days=2)
        session.save()
        booking = services.booking_complete(booking=booking, completed_by=host, evaluation="Good")
        services.review_create(
            booking=booking, author=applicant, rating=4, text="Clear and kind teaching."
        )
        html = client.get(reverse("offering_detail", args=[session.offering_id])).content.decode()
        assert "Clear and kind teaching." in html and "4.0 out of 5" in html
        assert applicant.name not in html


def test_the_cached_search_never_outlives_a_change_to_its_offerings(
    client, catalogue, applicant, django_capture_on_commit_callbacks
):
    """The form and results are cached for everyone; a booking or a new offering shows at once."""
    assert "2 of 2 seats left" in client.get(f"{SEARCH}?specialty=pediatrics").content.decode()
    session = catalogue["peds_free"].sessions.get()
    with django_capture_on_commit_callbacks(execute=True):
        book(session, applicant)
    again = client.get(f"{SEARCH}?specialty=pediatrics").content.decode()
    assert "1 of 2 seats left" in again
    with django_capture_on_commit_callbacks(execute=True):
        SessionFactory(
            offering=OfferingFactory(site=catalogue["im"].site, title="Brand-new observership")
        )
    assert "Brand-new observership" in client.get(SEARCH).content.decode()
