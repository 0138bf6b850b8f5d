"""What the programs app stores about a person, for export and erasure."""

from __future__ import annotations

from typing import Any

from imgpath.accounts.models import User
from imgpath.programs.models import (
    CommunityReport,
    LedgerEntry,
    OutcomeReport,
    ProgramClaim,
    ReportStatus,
    SavedProgram,
)
from imgpath.programs.services.outcomes import outcome_reports_erase


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "saved_programs": [
            {
                "acgme_id": s.program.acgme_id,
                "program": s.program.name,
                "note": s.note,
                "tags": s.tags,
                "saved_at": s.created_at.isoformat(),
            }
            for s in SavedProgram.objects.filter(user=user).select_related("program")
        ],
        "community_reports": [
            {
                "acgme_id": r.program.acgme_id,
                "field": r.field,
                "value": r.display_value,
                "source_url": r.source_url,
                "note": r.note,
                "status": r.status,
                "created_at": r.created_at.isoformat(),
            }
            for r in CommunityReport.objects.filter(author=user).select_related("program")
        ],
        "outcome_reports": [
            {
                "acgme_id": r.program.acgme_id,
                "season": r.season,
                "outcome": r.outcome,
                "applicant_kind": r.applicant_kind,
                "visa": r.visa,
                "graduation_band": r.graduation_band,
                "step2ck_band": r.step2ck_band,
                "status": r.status,
                "created_at": r.created_at.isoformat(),
            }
            for r in OutcomeReport.objects.filter(author=user).select_related("program")
        ],
        "program_claims": [
            {
                "acgme_id": c.program.acgme_id,
                "role_title": c.role_title,
                "evidence": c.evidence,
                "status": c.status,
                "created_at": c.created_at.isoformat(),
            }
            for c in ProgramClaim.objects.filter(host=user).select_related("program")
        ],
        "ledger_entries_entered": [
            {
                "acgme_id": e.program.acgme_id,
                "field": e.field,
                "value": e.display_value,
                "source_kind": e.source_kind,
                "verified_on": e.verified_on.isoformat(),
            }
            for e in LedgerEntry.objects.filter(entered_by=user).select_related("program")
        ],
    }


def erase_user_data(user: User) -> None:
    # Lists and claims go with the person; unreviewed reports too. Reviewed reports keep
    # their value (it may back a ledger entry) without saying who sent them, and ledger
    # entries keep their source while `entered_by` empties itself (SET_NULL).
    SavedProgram.objects.filter(user=user).delete()
    ProgramClaim.objects.filter(host=user).delete()
    CommunityReport.objects.filter(author=user, status=ReportStatus.PENDING).delete()
    CommunityReport.objects.filter(author=user).update(author=None)
    # Outcome reports are the person's own: deleted, and the counts they were in recomputed.
    outcome_reports_erase(user=user)
