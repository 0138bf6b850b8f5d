"""The staff curation workbench: queue order, one-step values, the second-person check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from imgpath.accounts.tests.factories import StaffFactory
from imgpath.programs.models import CurationStatus, CurationValue, LedgerEntry, Program
from imgpath.programs.tests.conftest import CHICAGO_IM, ELMIRA_IM, MIAMI_IM
from imgpath.programs.tests.factories import SavedProgramFactory

pytestmark = pytest.mark.django_db
URL = "https://med.example.edu/im/eligibility"


def _record(client, acgme_id, **extra):
    data = {"field": "j1_sponsorship", "value": "yes", "source_url": URL, "read_on": "2026-03-02"}
    return client.post(reverse("programs:curation_program", args=[acgme_id]), {**data, **extra})


def test_the_queue_puts_the_most_saved_and_viewed_programs_first(
    client_for, staff, applicant, directory
):
    SavedProgramFactory.create_batch(2, program=Program.objects.get(acgme_id=ELMIRA_IM))
    viewer = client_for(applicant)
    for _ in range(3):
        viewer.get(reverse("programs:detail", args=[CHICAGO_IM]))

    page = client_for(staff).get(reverse("programs:curation")).content.decode()

    assert page.index("Chicago") < page.index("Elmira") < page.index("Miami")
    assert "Progress per specialty" in page


def test_an_unverified_value_enters_the_ledger_with_its_source_and_date(
    client_for, staff, directory
):
    response = _record(client_for(staff), MIAMI_IM)

    assert response.status_code == 302
    entry = LedgerEntry.objects.get(program__acgme_id=MIAMI_IM, field="j1_sponsorship")
    assert (entry.source_url, entry.verified_on, entry.source_kind) == (
        URL,
        dt.date(2026, 3, 2),
        "staff",
    )
    assert Program.objects.get(acgme_id=MIAMI_IM).j1_sponsorship == "yes"


def test_a_verified_value_waits_for_a_second_person(client_for, staff, directory):
    _record(client_for(staff), MIAMI_IM, verified="on")
    item = CurationValue.objects.get()
    assert item.status == CurationStatus.AWAITING_CHECK
    assert not LedgerEntry.objects.exists()

    own = client_for(staff).post(
        reverse("programs:curation_check_decide", args=[item.pk]), {"decision": "confirm"}
    )
    item.refresh_from_db()
    assert own.status_code == 302 and item.status == CurationStatus.AWAITING_CHECK

    second = StaffFactory()
    client_for(second).post(
        reverse("programs:curation_check_decide", args=[item.pk]), {"decision": "confirm"}
    )
    item.refresh_from_db()
    assert item.status == CurationStatus.CHECKED and item.checked_by == second
    assert "checked by a second person" in item.ledger_entry.note
    assert Program.objects.get(acgme_id=MIAMI_IM).j1_sponsorship == "yes"


@pytest.mark.parametrize(
    "extra",
    [{"source_url": ""}, {"read_on": "2999-01-01"}, {"value": "maybe"}, {"field": "nope"}],
)
def test_a_bad_value_is_a_form_error_and_writes_nothing(client_for, staff, directory, extra):
    response = _record(client_for(staff), MIAMI_IM, **extra)

    assert response.status_code == 422
    assert not CurationValue.objects.exists() and not LedgerEntry.objects.exists()


@pytest.mark.parametrize("who", ["applicant", "host", "mentor", None])
def test_only_staff_see_or_use_the_workbench(request, client_for, directory, who):
    user = request.getfixturevalue(who) if who else None
    client = client_for(user)
    item = CurationValue.objects.create(
        program=Program.objects.get(acgme_id=MIAMI_IM),
        field="j1_sponsorship",
        kind="yes",
        source_url=URL,
        read_on=dt.date(2026, 3, 2),
        verified=True,
        status=CurationStatus.AWAITING_CHECK,
    )
    responses = [
        client.get(reverse("programs:curation")),
        client.get(reverse("programs:curation_checks")),
        client.get(reverse("programs:curation_program", args=[MIAMI_IM])),
        _record(client, MIAMI_IM),
        client.post(
            reverse("programs:curation_check_decide", args=[item.pk]), {"decision": "confirm"}
        ),
    ]
    expected = {302} if user is None else {404}
    assert {r.status_code for r in responses} == expected
    item.refresh_from_db()
    assert item.status == CurationStatus.AWAITING_CHECK
    assert not LedgerEntry.objects.exists()
