"""Threads, unread counts, batched emails, limits, blocks, reports and moderation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from imgpath.accounts.tests.factories import ApplicantFactory
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.messaging import services
from imgpath.messaging.models import Message, Report
from imgpath.messaging.selectors import unread_total

pytestmark = pytest.mark.django_db


def send(thread, sender, body="Hello"):
    return services.message_send(thread=thread, sender=sender, body=body)


def test_unread_counts_and_reading(thread, applicant, mentor):
    send(thread, mentor, "Welcome!")
    send(thread, mentor, "When are you free?")
    assert unread_total(applicant) == 2 and unread_total(mentor) == 0
    services.thread_mark_read(thread=thread, user=applicant)
    assert unread_total(applicant) == 0


def test_one_email_per_unread_stretch_with_an_unsubscribe_link(
    thread, applicant, mentor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            send(thread, mentor, f"Message {n}")
    to_ana = [m for m in mail.outbox if m.to == [applicant.email] and "New message" in m.subject]
    assert len(to_ana) == 1
    assert "/messages/unsubscribe/" in to_ana[0].body
    assert "Message 0" not in to_ana[0].body  # the email does not carry the private text
    services.thread_mark_read(thread=thread, user=applicant)
    with django_capture_on_commit_callbacks(execute=True):
        send(thread, mentor, "After you read")
    assert len([m for m in mail.outbox if m.to == [applicant.email]]) == len(to_ana) + 2 - 1


def test_opting_out_and_unsubscribing_stop_the_emails(
    client, thread, applicant, mentor, django_capture_on_commit_callbacks
):
    prefs = services.email_settings_for(applicant)
    url = reverse("messaging:unsubscribe", args=[prefs.unsubscribe_token])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        send(thread, mentor)
    assert len(mail.outbox) == before
    assert client.post(reverse("messaging:unsubscribe", args=["nope"])).status_code == 404


def test_bodies_are_checked_and_links_made_safe(client_for, thread, applicant, mentor):
    with pytest.raises(ServiceError, match="at most 4000"):
        send(thread, applicant, "x" * 4001)
    with pytest.raises(ServiceError, match="Write a message"):
        send(thread, applicant, "  \n ")
    send(thread, mentor, "See https://example.org/a <script>alert(1)</script> javascript:alert(2)")
    page = client_for(applicant).get(reverse("messaging:thread", args=[thread.pk])).content.decode()
    assert '<a href="https://example.org/a" rel="nofollow">' in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert 'href="javascript' not in page


def test_senders_are_rate_limited(thread, applicant):
    for _ in range(services.RATE_LIMIT):
        send(thread, applicant)
    with pytest.raises(services.RateLimited):
        send(thread, applicant)
    Message.objects.update(created_at=timezone.now() - timedelta(minutes=11))
    send(thread, applicant)


def test_a_block_stops_messages_both_ways(thread, applicant, mentor):
    services.block_create(blocker=applicant, blocked=mentor)
    for sender in (applicant, mentor):
        with pytest.raises(ConflictError, match="cannot message"):
            send(thread, sender)
    with pytest.raises(ServiceError):
        services.block_create(blocker=applicant, blocked=applicant)


def test_closed_threads_and_outsiders_cannot_write(thread, applicant, other_applicant):
    from django.http import Http404

    with pytest.raises(Http404):
        send(thread, other_applicant)
    services.thread_set_closed(topic=thread.topic, topic_id=thread.topic_id, closed=True)
    thread.refresh_from_db()
    with pytest.raises(ConflictError, match="closed"):
        send(thread, applicant)


def test_report_and_moderation_record_who_and_when(thread, applicant, mentor, staff):
    message = send(thread, mentor, "Pay me $500 for a letter")
    with pytest.raises(ServiceError, match="own message"):
        services.report_create(message=message, reporter=mentor, reason="me")
    report = services.report_create(message=message, reporter=applicant, reason="Selling letters")
    with pytest.raises(ConflictError):
        services.report_create(message=message, reporter=applicant, reason="again")
    services.report_resolve(report=report, staff=staff, action="suspend", note="policy 3")
    report.refresh_from_db()
    message.refresh_from_db()
    mentor.refresh_from_db()
    assert (report.status, report.handled_by, report.staff_note) == ("suspended", staff, "policy 3")
    assert report.handled_at is not None
    assert message.hidden_at is not None and message.hidden_by == staff
    assert not mentor.is_active
    with pytest.raises(ConflictError):
        services.report_resolve(report=report, staff=staff, action="dismiss")


def test_the_moderation_queue_is_for_staff_only(client_for, thread, applicant, mentor, staff):
    message = send(thread, mentor, "Rude words")
    report = services.report_create(message=message, reporter=applicant, reason="Rude")
    queue = reverse("messaging:moderation")
    for person in (applicant, mentor, None):
        response = client_for(person).get(queue)
        assert response.status_code in (302, 404)
        assert b"Rude words" not in response.content
    assert b"Rude words" in client_for(staff).get(queue).content
    decide = reverse("messaging:moderation_decide", args=[report.pk])
    assert client_for(applicant).post(decide, {"action": "dismiss"}).status_code == 404
    client_for(staff).post(decide, {"action": "hide"})
    report.refresh_from_db()
    assert report.status == "hidden"
    page = client_for(applicant).get(reverse("messaging:thread", args=[thread.pk]))
    assert b"Rude words" not in page.content and b"hidden by IMGPath moderators" in page.content


def test_staff_cannot_open_a_thread_directly(client_for, thread, staff):
    assert client_for(staff).get(reverse("messaging:thread", args=[thread.pk])).status_code == 404


@pytest.mark.parametrize("who", ["other_applicant", "unrelated_mentor", "host", "anonymous"])
def test_nobody_else_sees_or_writes_in_a_thread(request, client_for, thread, mentor, who):
    message = send(thread, mentor, "Private words")
    person = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(person)
    urls = [
        reverse("messaging:thread", args=[thread.pk]),
        reverse("messaging:report", args=[message.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 404)
        assert b"Private words" not in response.content
        assert client.post(url, {"body": "intrusion", "reason": "x"}).status_code in (302, 404)
    assert not Message.objects.filter(body="intrusion").exists()
    assert not Report.objects.exists()
    if person is not None:
        assert b"Private words" not in client.get(reverse("messaging:threads")).content


def test_the_thread_page_sends_and_marks_read(client_for, thread, applicant, mentor):
    send(thread, mentor, "Hi Ana")
    client = client_for(applicant)
    assert b"1<span" in client.get(reverse("messaging:unread_badge")).content
    url = reverse("messaging:thread", args=[thread.pk])
    assert b"Hi Ana" in client.get(url).content
    assert b"badge" not in client.get(reverse("messaging:unread_badge")).content
    response = client.post(url, {"body": "Thank you!"})
    assert response.status_code == 302
    assert thread.messages.last().body == "Thank you!"
    assert client.post(url, {"body": "x" * 5000}).status_code == 422


def test_deleted_accounts_show_as_a_deleted_account(client_for, thread, applicant, mentor):
    from imgpath.core.privacy import user_data_erase

    send(thread, applicant, "Thanks for everything")
    user_data_erase(user=applicant)
    page = client_for(mentor).get(reverse("messaging:thread", args=[thread.pk])).content.decode()
    assert "a deleted account" in page and "Thanks for everything" in page
    assert "Ana Applicant" not in page


def test_applicant_and_host_talk_about_a_rotation_application(client_for, host, applicant):
    from imgpath.rotations.tests.factories import (
        HostProfileFactory,
        OfferingFactory,
        SessionFactory,
        SiteFactory,
        apply,
    )

    profile = HostProfileFactory(owner=host)
    session = SessionFactory(offering=OfferingFactory(site=SiteFactory(host=profile)))
    application = apply(session, applicant)
    url = reverse("messaging:rotation_application", args=[application.pk])
    assert client_for(ApplicantFactory()).post(url).status_code == 404
    assert client_for(applicant).get(url).status_code == 405
    response = client_for(applicant).post(url)
    thread_url = response["Location"]
    client_for(applicant).post(thread_url, {"body": "Is parking available?"})
    assert response.status_code == 302
    host_page = client_for(host).get(thread_url)
    assert b"Is parking available?" in host_page.content
    assert client_for(host).post(url)["Location"] == thread_url


def test_both_application_pages_offer_the_conversation(client_for, host, applicant):
    from imgpath.rotations.tests.factories import (
        HostProfileFactory,
        OfferingFactory,
        SessionFactory,
        SiteFactory,
        apply,
    )

    profile = HostProfileFactory(owner=host)
    session = SessionFactory(offering=OfferingFactory(site=SiteFactory(host=profile)))
    application = apply(session, applicant)
    action = reverse("messaging:rotation_application", args=[application.pk]).encode()
    mine = client_for(applicant).get(reverse("application_detail", args=[application.pk]))
    assert action in mine.content and b"Message the host" in mine.content
    theirs = client_for(host).get(reverse("host_application_detail", args=[application.pk]))
    assert action in theirs.content and b"Message the applicant" in theirs.content
