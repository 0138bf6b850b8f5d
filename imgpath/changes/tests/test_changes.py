"""Rule changes through their public surface: pages, feed, staff publishing, notices, email."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
import yaml
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from imgpath.changes.models import ChangeNotice, ChangeSet, EmailState, FactChange
from imgpath.changes.services import HISTORY_DIR, load_change_log
from imgpath.profiles.models import ApplicantProfile

ATOM = "{http://www.w3.org/2005/Atom}"
NIGERIAN = {
    "citizenships": ["NG"],
    "us_status": "none",
    "visa_preference": "j1",
    "targets": {"specialties": ["internal_medicine"], "states": ["TX"], "match_year": 2027},
}
INDIAN = {**NIGERIAN, "citizenships": ["IN"], "targets": {"states": ["NY"]}}

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrections():
    """The shipped change log, loaded without notifying anyone."""
    load_change_log(notify=False)
    return ChangeSet.objects.get(key="2026-12-guidance")


def _draft(fact_id: str, **scope: object) -> ChangeSet:
    change_set = ChangeSet.objects.create(key="2027-01-test", recorded_on="2027-01-05", summary="")
    FactChange.objects.create(
        change_set=change_set,
        fact_id=fact_id,
        kind="changed",
        title=f"{fact_id} changed",
        why="A test change.",
        source="https://www.example.gov/rule",
        source_title="Example agency",
        source_date="2027-01-02",
        **scope,
    )
    return change_set


def test_loading_the_log_is_idempotent_and_publishes_the_corrections() -> None:
    sets = yaml.safe_load((HISTORY_DIR / "changes.yaml").read_text())["change_sets"]
    dated = [item["key"] for item in sets if item.get("published_on")]
    first = load_change_log(notify=False)
    assert (first.created, first.published) == (len(sets), len(dated))
    count = FactChange.objects.count()
    again = load_change_log(notify=False)
    assert (again.created, again.updated, again.published) == (0, 0, 0)
    assert FactChange.objects.count() == count
    assert ChangeSet.objects.get(key="2026-12-guidance").is_published
    assert sorted(
        ChangeSet.objects.filter(published_at__isnull=False).values_list("key", flat=True)
    ) == sorted(dated)


def test_a_bad_log_changes_nothing_and_names_the_entry(tmp_path: Path) -> None:
    document = yaml.safe_load((HISTORY_DIR / "changes.yaml").read_text())
    document["change_sets"][0]["changes"][3]["kind"] = "edited"
    bad = tmp_path / "changes.yaml"
    bad.write_text(yaml.safe_dump(document))
    with pytest.raises(CommandError, match="change set 2026-12-guidance, change 3: kind"):
        call_command("load_fact_changes", "--log", str(bad))
    assert not ChangeSet.objects.exists()


def test_public_list_filters_by_phase_and_country(client, corrections) -> None:
    page = client.get(reverse("changes:list"))
    assert page.status_code == 200
    assert b"Travel ban from 1 January 2026" in page.content
    immigration = client.get(reverse("changes:list"), {"phase": "immigration"}).content.decode()
    assert "Travel ban from 1 January 2026" in immigration
    assert "Full medical licence" not in immigration
    nigeria = client.get(reverse("changes:list"), {"country": "NG"}).content.decode()
    assert "Travel ban from 1 January 2026" in nigeria
    assert "ResidencyCAS" not in nigeria
    bad = client.get(reverse("changes:list"), {"phase": "astrology"})
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()


def test_a_change_set_page_shows_old_and_new_values_with_sources(client, corrections) -> None:
    page = client.get(reverse("changes:set", args=[corrections.key])).content.decode()
    assert 'id="fact-state_tx"' in page
    assert "gme_years" in page
    assert "date unknown" in page
    assert client.get(reverse("changes:set", args=["no-such-set"])).status_code == 404


def test_a_draft_is_not_public(client, corrections) -> None:
    draft = _draft("usmle_attempt_limit", phase="ecfmg_certification")
    assert client.get(reverse("changes:set", args=[draft.key])).status_code == 404
    assert b"usmle_attempt_limit changed" not in client.get(reverse("changes:list")).content


def test_the_feed_is_valid_atom_with_dated_entries_linked_to_sources(client, corrections):
    response = client.get(reverse("changes:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ET.fromstring(response.content)  # noqa: S314 (our own server's response)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == corrections.changes.count()
    for entry in entries:
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    ban = next(e for e in parsed.entries if "Travel ban from 1 January 2026" in e.title)
    related = [link.href for link in ban.links if link.rel == "related"]
    assert related == [
        "https://immpolicytracking.org/policies/proclamation-restricting-and-limiting-the-entry-of-foreign-nationals-to-protect-the-security-of-the-united-states"
    ]
    assert "#fact-travel_ban_2026" in ban.link


def test_staff_publish_notifies_only_the_affected_in_app_and_by_one_email(
    client_for, staff, applicant, other_applicant, django_capture_on_commit_callbacks
):
    ApplicantProfile.objects.create(user=applicant, data=NIGERIAN)
    ApplicantProfile.objects.create(user=other_applicant, data=INDIAN)
    draft = _draft("travel_ban_2026", phase="immigration", countries=["NG"])
    mail.outbox.clear()
    client = client_for(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("changes:staff_set", args=[draft.key]),
            {"summary": "The travel ban now suspends J-1 visas for Nigerians."},
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published and draft.published_by == staff
    notice = ChangeNotice.objects.get()
    assert notice.user == applicant and notice.fact_ids == ["travel_ban_2026"]
    assert "visa" in notice.step_ids
    assert notice.email_state == EmailState.SENT
    assert [m.to for m in mail.outbox] == [[applicant.email]]
    assert "J-1 visas for Nigerians" in mail.outbox[0].body
    assert "/changes/mine/" in mail.outbox[0].body

    mine = client_for(applicant).get(reverse("changes:mine")).content.decode()
    assert "J-1 visas for Nigerians" in mine
    assert "Rule updates" in client_for(applicant).get(reverse("roadmap")).content.decode()
    other = client_for(other_applicant).get(reverse("changes:mine")).content.decode()
    assert "J-1 visas for Nigerians" not in other


def test_an_opted_out_applicant_is_notified_in_app_but_not_emailed(
    client_for, staff, applicant, django_capture_on_commit_callbacks
):
    ApplicantProfile.objects.create(user=applicant, data=NIGERIAN)
    client = client_for(applicant)
    client.post(reverse("changes:email_preference"), {})  # the box unticked
    draft = _draft("travel_ban_2026", phase="immigration", countries=["NG"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).post(
            reverse("changes:staff_set", args=[draft.key]), {"summary": "Ban update."}
        )
    notice = ChangeNotice.objects.get(user=applicant)
    assert notice.email_state == EmailState.SKIPPED
    assert mail.outbox == []


def test_publishing_needs_staff_and_a_summary(client_for, applicant, staff) -> None:
    draft = _draft("usmle_attempt_limit")
    url = reverse("changes:staff_set", args=[draft.key])
    assert client_for(applicant).post(url, {"summary": "Sneaky"}).status_code == 404
    assert client_for(None).get(url).status_code == 302
    refused = client_for(staff).post(url, {"summary": "   "})
    assert refused.status_code == 422
    draft.refresh_from_db()
    assert not draft.is_published and not ChangeNotice.objects.exists()


def test_a_published_set_cannot_be_published_again(client_for, staff, corrections) -> None:
    url = reverse("changes:staff_set", args=[corrections.key])
    page = client_for(staff).post(url, {"summary": "Rewrite history"})
    assert page.status_code == 422
    assert "already published" in page.content.decode()
    corrections.refresh_from_db()
    assert "Rewrite history" not in corrections.summary


def test_marking_read_touches_only_your_own_notices(
    client_for, applicant, other_applicant, corrections
) -> None:
    mine = ChangeNotice.objects.create(user=applicant, change_set=corrections, fact_ids=["x"])
    theirs = ChangeNotice.objects.create(
        user=other_applicant, change_set=corrections, fact_ids=["x"]
    )
    client_for(applicant).post(reverse("changes:mark_read"))
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None


def test_roadmap_marks_steps_changed_since_the_last_visit(
    client_for, applicant, staff, django_capture_on_commit_callbacks
):
    ApplicantProfile.objects.create(user=applicant, data=INDIAN)
    client = client_for(applicant)
    assert "changed since your last visit" not in client.get(reverse("roadmap")).content.decode()
    draft = _draft("usmle_attempt_limit", phase="ecfmg_certification")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).post(
            reverse("changes:staff_set", args=[draft.key]), {"summary": "Attempt limit."}
        )
    page = client_for(applicant).get(reverse("roadmap")).content.decode()
    step = page.split('id="step-usmle_step1"', 1)[1].split("</details>", 1)[0]
    assert "changed since your last visit" in step
    assert "usmle_attempt_limit changed" in step
    again = client_for(applicant).get(reverse("roadmap")).content.decode()
    assert "changed since your last visit" not in again


def test_record_command_checks_the_shipped_log(tmp_path: Path) -> None:
    call_command("record_fact_changes", "--check")
    with pytest.raises(CommandError, match="--key and --summary"):
        call_command("record_fact_changes")


def test_the_cached_public_list_shows_a_newly_published_set_at_once(
    client, client_for, staff, corrections, django_capture_on_commit_callbacks
):
    assert "usmle_attempt_limit changed" not in client.get(reverse("changes:list")).content.decode()
    draft = _draft("usmle_attempt_limit", phase="ecfmg_certification")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).post(
            reverse("changes:staff_set", args=[draft.key]), {"summary": "Attempt limit."}
        )
    client.logout()
    assert "usmle_attempt_limit changed" in client.get(reverse("changes:list")).content.decode()
