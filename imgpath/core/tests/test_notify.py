from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from imgpath.core.notify import email_after_commit

pytestmark = pytest.mark.django_db(transaction=True)


def _notify() -> None:
    email_after_commit(
        recipients=["a@example.org", "a@example.org", ""],
        subject="Hello",
        template="core/email/test_notice.txt",
        context={"name": "Ana"},
    )


def test_email_is_sent_after_commit_once_per_address():
    with transaction.atomic():
        _notify()
        assert mail.outbox == []

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@example.org"]
    assert mail.outbox[0].subject == "[IMGPath] Hello"
    assert "Dear Ana" in mail.outbox[0].body


def test_no_email_when_the_change_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        _notify()
        raise RuntimeError("refused")

    assert mail.outbox == []
