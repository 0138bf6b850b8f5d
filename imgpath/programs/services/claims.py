"""Program representatives: a host asks to represent a program, staff decide, reps edit."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from imgpath.accounts.models import Role, User
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.programs.models import ClaimStatus, LedgerEntry, Program, ProgramClaim, SourceKind
from imgpath.programs.services.ledger import (
    ledger_entry_create,
    policy_value_parse,
    reject_nul,
)


def is_representative(*, user: User | AnonymousUser, program: Program) -> bool:
    if not user.is_authenticated or user.role != Role.HOST:
        return False
    return ProgramClaim.objects.filter(
        program=program, host=user, status=ClaimStatus.APPROVED
    ).exists()


def program_claim_request(
    *, program: Program, host: User, role_title: str, evidence: str
) -> ProgramClaim:
    if host.role != Role.HOST:
        raise ServiceError("Only host accounts can represent a program.")
    reject_nul(role_title=role_title, evidence=evidence)
    claim = ProgramClaim(
        program=program, host=host, role_title=role_title.strip(), evidence=evidence.strip()
    )
    claim.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError:
        raise ConflictError("You already asked to represent this program.") from None
    return claim


def _decide(claim: ProgramClaim, *, status: str, staff: User) -> ProgramClaim:
    if not staff.is_staff:
        raise PermissionDenied("Only staff decide claims.")
    claim.status = status
    claim.decided_at = timezone.now()
    claim.decided_by = staff
    claim.save(update_fields=["status", "decided_at", "decided_by"])
    return claim


def program_claim_approve(*, claim: ProgramClaim, staff: User) -> ProgramClaim:
    if claim.status != ClaimStatus.PENDING:
        raise ConflictError("Only a waiting claim can be approved.")
    return _decide(claim, status=ClaimStatus.APPROVED, staff=staff)


def program_claim_reject(*, claim: ProgramClaim, staff: User) -> ProgramClaim:
    if claim.status != ClaimStatus.PENDING:
        raise ConflictError("Only a waiting claim can be rejected.")
    return _decide(claim, status=ClaimStatus.REJECTED, staff=staff)


def program_claim_revoke(*, claim: ProgramClaim, staff: User) -> ProgramClaim:
    if claim.status != ClaimStatus.APPROVED:
        raise ConflictError("Only an approved claim can be revoked.")
    return _decide(claim, status=ClaimStatus.REVOKED, staff=staff)


def ledger_entry_create_by_representative(
    *,
    program: Program,
    user: User,
    field: str,
    raw_value: str,
    source_url: str = "",
    note: str = "",
) -> LedgerEntry:
    """A verified representative states a value for their program, dated today."""
    if not is_representative(user=user, program=program):
        raise PermissionDenied("Only the program's verified representatives can edit its ledger.")
    value = policy_value_parse(field=field, raw=raw_value)
    return ledger_entry_create(
        program=program,
        field=field,
        value=value,
        source_kind=SourceKind.REPRESENTATIVE,
        verified_on=timezone.localdate(),
        source_url=source_url,
        note=note,
        entered_by=user,
    )
