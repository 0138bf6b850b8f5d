"""Staff curation: record a value read on a program's page in one step; a value marked
verified reaches the ledger only after a second staff member checks it."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.programs.models import (
    CurationStatus,
    CurationValue,
    LedgerEntry,
    Program,
    ProgramViewDay,
    SourceKind,
)
from imgpath.programs.services.ledger import (
    ParsedValue,
    check_past_date,
    check_url,
    ledger_entry_create,
    policy_value_parse,
    reject_nul,
    value_columns,
)

READ_NOTE = "Read on the program's own page by IMGPath staff."
CHECKED_NOTE = "Read on the program's own page by IMGPath staff and checked by a second person."


def _staff(user: User | AnonymousUser) -> None:
    if not user.is_staff:
        raise PermissionDenied("Only staff curate the ledger.")


def curation_value_record(
    *,
    program: Program,
    staff: User,
    field: str,
    raw_value: str,
    source_url: str,
    read_on: dt.date,
    verified: bool = False,
    note: str = "",
) -> CurationValue:
    """One value with its source and the date it was read. Unverified values publish at once
    as staff statements; verified ones wait for a second person."""
    _staff(staff)
    reject_nul(note=note, source_url=source_url)
    value = policy_value_parse(field=field, raw=raw_value)
    url = check_url(source_url)
    if not url:
        raise ServiceError("Give the address of the page you read it on.", field="source_url")
    check_past_date(read_on, field="read_on", label="The date read")
    item = CurationValue(
        program=program,
        field=field,
        **value_columns(value),
        source_url=url,
        read_on=read_on,
        note=(note or "").strip(),
        verified=verified,
        entered_by=staff,
        status=CurationStatus.AWAITING_CHECK if verified else CurationStatus.PUBLISHED,
    )
    item.full_clean()
    with transaction.atomic():
        if not verified:
            item.ledger_entry = _to_ledger(item, staff, READ_NOTE)
        item.save()
    return item


def _to_ledger(item: CurationValue, staff: User, note: str) -> LedgerEntry:
    return ledger_entry_create(
        program=item.program,
        field=item.field,
        value=ParsedValue(item.kind, item.number_value, item.date_value, item.text_value),
        source_kind=SourceKind.STAFF,
        verified_on=item.read_on,
        source_url=item.source_url,
        note=f"{note} {item.note}".strip(),
        entered_by=item.entered_by or staff,
    )


def curation_value_check(*, item: CurationValue, staff: User, confirm: bool) -> CurationValue:
    """A second staff member confirms (the value enters the ledger) or rejects it."""
    _staff(staff)
    if item.status != CurationStatus.AWAITING_CHECK:
        raise ConflictError("This value was already checked.")
    if item.entered_by_id == staff.pk:
        raise ServiceError("A second person must check a value you entered yourself.")
    with transaction.atomic():
        if confirm:
            item.ledger_entry = _to_ledger(item, staff, CHECKED_NOTE)
        item.status = CurationStatus.CHECKED if confirm else CurationStatus.REJECTED
        item.checked_by, item.checked_at = staff, timezone.now()
        item.save(update_fields=["ledger_entry", "status", "checked_by", "checked_at"])
    return item


def program_view_record(*, program: Program, user: User | AnonymousUser) -> None:
    """Count a signed-in applicant's visit to a program page (nothing about who)."""
    if not user.is_authenticated or not user.is_applicant:
        return
    day = timezone.localdate()
    updated = ProgramViewDay.objects.filter(program=program, day=day).update(views=F("views") + 1)
    if not updated:
        try:
            with transaction.atomic():
                ProgramViewDay.objects.create(program=program, day=day, views=1)
        except IntegrityError:  # a concurrent first visit created it
            ProgramViewDay.objects.filter(program=program, day=day).update(views=F("views") + 1)
