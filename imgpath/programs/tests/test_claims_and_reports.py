from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from imgpath.accounts.tests.factories import HostFactory
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.programs.models import (
    ClaimStatus,
    CommunityReport,
    LedgerEntry,
    ProgramClaim,
    ReportStatus,
    SourceKind,
)
from imgpath.programs.services import claims, reports
from imgpath.programs.tests.factories import CommunityReportFactory, ProgramClaimFactory

pytestmark = pytest.mark.django_db


def _ledger_url(program) -> str:
    return reverse("programs:ledger_edit", args=[program.acgme_id])


def _approved(program, host, staff) -> ProgramClaim:
    claim = claims.program_claim_request(
        program=program, host=host, role_title="Coordinator", evidence="c@hospital.example.org"
    )
    return claims.program_claim_approve(claim=claim, staff=staff)


# Claims -------------------------------------------------------------------------------------


def test_a_host_asks_to_represent_a_program_from_its_page(client_for, host, miami):
    response = client_for(host).post(
        reverse("programs:claim_create", args=[miami.acgme_id]),
        {"role_title": "Program coordinator", "evidence": "coordinator@jhs.example.org"},
    )

    assert response.status_code == 302
    claim = ProgramClaim.objects.get()
    assert (claim.host, claim.status) == (host, ClaimStatus.PENDING)
    page = client_for(host).get(reverse("programs:detail", args=[miami.acgme_id])).content.decode()
    assert "waiting for staff" in page


def test_only_hosts_can_claim_and_only_once(applicant, host, miami):
    with pytest.raises(ServiceError, match="Only host accounts"):
        claims.program_claim_request(program=miami, host=applicant, role_title="x", evidence="y")
    claims.program_claim_request(program=miami, host=host, role_title="x", evidence="y")
    with pytest.raises(ConflictError):
        claims.program_claim_request(program=miami, host=host, role_title="x", evidence="y")


@pytest.mark.parametrize("who", ["anonymous", "applicant", "host_pending", "other_host", "staff"])
def test_only_an_approved_representative_can_edit_the_ledger(
    client_for, who, applicant, host, other_host, staff, miami
):
    _approved(miami, HostFactory(), staff)
    ProgramClaimFactory(program=miami, host=host, status=ClaimStatus.PENDING)
    user = {
        "anonymous": None,
        "applicant": applicant,
        "host_pending": host,
        "other_host": other_host,
        "staff": staff,
    }[who]

    response = client_for(user).post(_ledger_url(miami), {"field": "j1_sponsorship", "value": "no"})

    assert response.status_code in {302, 403}
    if user is None:
        assert response["Location"].startswith(reverse("account_login"))
    assert not LedgerEntry.objects.exists()


def test_an_approved_representative_edits_and_the_page_says_verified_by_the_program(
    client_for, host, staff, miami
):
    _approved(miami, host, staff)
    client = client_for(host)

    assert client.get(_ledger_url(miami)).status_code == 200
    response = client.post(
        _ledger_url(miami),
        {"field": "h1b_sponsorship", "value": "yes", "note": "Confirmed for 2027 Match"},
    )

    assert response.status_code == 302
    entry = LedgerEntry.objects.get()
    assert (entry.source_kind, entry.entered_by) == (SourceKind.REPRESENTATIVE, host)
    miami.refresh_from_db()
    assert miami.h1b_sponsorship == "yes"
    page = client_for(None).get(reverse("programs:detail", args=[miami.acgme_id])).content.decode()
    assert "Verified by the program on" in page
    assert "Program representative" in page


def test_a_bad_value_from_a_representative_is_shown_and_not_saved(client_for, host, staff, miami):
    _approved(miami, host, staff)

    response = client_for(host).post(
        _ledger_url(miami), {"field": "yog_limit_years", "value": "lots"}
    )

    assert response.status_code == 422
    assert "enter a number from 0 to 50" in response.content.decode()
    assert not LedgerEntry.objects.exists()


def test_a_revoked_representative_can_no_longer_edit(host, staff, miami):
    claim = _approved(miami, host, staff)
    claims.program_claim_revoke(claim=claim, staff=staff)

    with pytest.raises(PermissionDenied):
        claims.ledger_entry_create_by_representative(
            program=miami, user=host, field="j1_sponsorship", raw_value="yes"
        )


def test_only_staff_decide_claims(host, other_host, miami):
    claim = ProgramClaimFactory(program=miami, host=host)
    with pytest.raises(PermissionDenied):
        claims.program_claim_approve(claim=claim, staff=other_host)


# Community reports -------------------------------------------------------------------------


def _report(client, program, **data):
    body = {"field": "h1b_sponsorship", "value": "no", "source_url": "", "note": "", **data}
    return client.post(reverse("programs:report_create", args=[program.acgme_id]), body)


def test_an_applicant_reports_and_it_shows_apart_with_count_and_date(client_for, applicant, miami):
    response = _report(client_for(applicant), miami, note="Asked the coordinator by email")

    assert response.status_code == 302
    report = CommunityReport.objects.get()
    assert (report.author, report.status, report.kind) == (applicant, ReportStatus.PENDING, "no")
    miami.refresh_from_db()
    assert miami.h1b_sponsorship == "unknown"
    page = client_for(None).get(reverse("programs:detail", args=[miami.acgme_id])).content.decode()
    assert "1 community report" in page
    assert "Asked the coordinator by email" in page
    assert applicant.name not in page


def test_a_report_needs_a_link_or_a_note_and_no_nul(client_for, applicant, miami):
    client = client_for(applicant)

    assert _report(client, miami).status_code == 422
    assert _report(client, miami, note="bad\x00note").status_code == 422
    assert not CommunityReport.objects.exists()


def test_one_pending_report_per_question_per_person(applicant, miami):
    reports.community_report_create(
        program=miami, author=applicant, field="j1_sponsorship", raw_value="yes", note="x"
    )
    with pytest.raises(ConflictError):
        reports.community_report_create(
            program=miami, author=applicant, field="j1_sponsorship", raw_value="no", note="y"
        )


def test_anonymous_visitors_cannot_report(client_for, miami):
    response = _report(client_for(None), miami, note="x")

    assert response.status_code == 302
    assert not CommunityReport.objects.exists()


def test_staff_promote_a_report_into_the_ledger_as_a_community_source(staff, miami):
    report = CommunityReportFactory(
        program=miami, field="j1_sponsorship", kind="yes", source_url="https://x.org/faq"
    )

    reports.community_report_promote(report=report, staff=staff)

    report.refresh_from_db()
    assert report.status == ReportStatus.PROMOTED
    entry = report.ledger_entry
    assert (entry.source_kind, entry.kind, entry.source_url) == (
        "community_report",
        "yes",
        "https://x.org/faq",
    )
    miami.refresh_from_db()
    assert miami.j1_sponsorship == "yes"
    with pytest.raises(ConflictError):
        reports.community_report_reject(report=report, staff=staff)


def test_rejected_reports_disappear_from_the_page(client_for, staff, miami):
    report = CommunityReportFactory(program=miami, note="Spam spam spam")

    reports.community_report_reject(report=report, staff=staff)

    page = client_for(None).get(reverse("programs:detail", args=[miami.acgme_id])).content.decode()
    assert "Spam spam spam" not in page
    assert not LedgerEntry.objects.exists()


def test_only_staff_moderate(applicant, miami):
    report = CommunityReportFactory(program=miami)
    with pytest.raises(PermissionDenied):
        reports.community_report_promote(report=report, staff=applicant)


def test_a_report_that_disagrees_with_the_ledger_is_flagged(client_for, staff, miami):
    from imgpath.programs.services.ledger import ledger_entry_create, policy_value_parse

    ledger_entry_create(
        program=miami,
        field="h1b_sponsorship",
        value=policy_value_parse(field="h1b_sponsorship", raw="no"),
        source_kind=SourceKind.STAFF,
        verified_on=miami.created_at.date(),
        source_url="https://x.org",
    )
    CommunityReportFactory(program=miami, field="h1b_sponsorship", kind="yes")

    page = client_for(None).get(reverse("programs:detail", args=[miami.acgme_id])).content.decode()

    assert "some disagree" in page


def test_admin_actions_moderate_reports_and_claims(client_for, staff, host, miami):
    report = CommunityReportFactory(program=miami, field="j1_sponsorship", kind="yes")
    claim = ProgramClaimFactory(program=miami, host=host)
    client = client_for(staff)

    client.post(
        reverse("admin:programs_communityreport_changelist"),
        {"action": "promote_selected", "_selected_action": [report.pk]},
    )
    client.post(
        reverse("admin:programs_programclaim_changelist"),
        {"action": "approve_selected", "_selected_action": [claim.pk]},
    )

    report.refresh_from_db()
    claim.refresh_from_db()
    assert (report.status, claim.status) == (ReportStatus.PROMOTED, ClaimStatus.APPROVED)
    assert claims.is_representative(user=host, program=miami)


def test_staff_add_a_ledger_value_in_the_admin_and_the_program_updates(client_for, staff, miami):
    response = client_for(staff).post(
        reverse("admin:programs_ledgerentry_add"),
        {
            "program": miami.pk,
            "field": "min_step2ck",
            "kind": "number",
            "number_value": "225",
            "source_kind": "staff",
            "source_url": "https://med.example.edu/im/apply",
            "note": "",
            "verified_on": "2026-01-20",
            "text_value": "",
            "date_value": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    miami.refresh_from_db()
    assert (miami.min_step2ck, miami.min_step2ck_value) == ("number", 225)
    assert LedgerEntry.objects.get().entered_by == staff


def test_the_admin_refuses_a_value_that_does_not_fit_the_field(client_for, staff, miami):
    response = client_for(staff).post(
        reverse("admin:programs_ledgerentry_add"),
        {
            "program": miami.pk,
            "field": "j1_sponsorship",
            "kind": "number",
            "number_value": "3",
            "source_kind": "staff",
            "source_url": "https://x.org",
            "verified_on": "2026-01-20",
        },
    )

    assert response.status_code == 200
    assert "enter yes, no or unknown" in response.content.decode()
    assert not LedgerEntry.objects.exists()
