"""The letter request email goes to the writer only when the applicant sends it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from imgpath.season import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(applicant):
    return services.letter_create(
        services.season_for(applicant), writer_name="Dr. Ruiz", specialty="internal_medicine"
    )


def test_the_template_is_editable_and_sent_once(
    client_for, applicant, letter, django_capture_on_commit_callbacks
):
    client = client_for(applicant)
    page = client.get(reverse("season_letter_request", args=[letter.pk])).content.decode()
    assert "Dear Dr. Ruiz" in page and "internal medicine" in page
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("season_letter_request", args=[letter.pk]),
            {"writer_email": "ruiz@example.org", "subject": "A letter?", "body": "My own words"},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ruiz@example.org"] and mail.outbox[0].body == "My own words"
    letter.refresh_from_db()
    assert letter.requested_on is not None and letter.writer_email == "ruiz@example.org"


def test_a_bad_address_sends_nothing(client_for, applicant, letter):
    response = client_for(applicant).post(
        reverse("season_letter_request", args=[letter.pk]),
        {"writer_email": "not-an-address", "subject": "s", "body": "b"},
    )
    assert response.status_code == 200 and mail.outbox == []
    letter.refresh_from_db()
    assert letter.requested_on is None


def test_another_applicant_cannot_send_it(client_for, other_applicant, letter):
    client = client_for(other_applicant)
    assert client.get(reverse("season_letter_request", args=[letter.pk])).status_code == 404
    response = client.post(
        reverse("season_letter_request", args=[letter.pk]),
        {"writer_email": "x@example.org", "subject": "s", "body": "b"},
    )
    assert response.status_code == 404 and mail.outbox == []
