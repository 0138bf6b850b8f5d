"""Rank lists on both sides: replace the whole list, and certify it.

Every change locks the cycle row first, so a change either lands before the run reads the
lists or is refused (409) after it; the deadline closes lists the same way. Changing a
certified list un-certifies it, as in the NRMP: only a certified list is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction

from imgpath.core.errors import ServiceError
from imgpath.matching.models import (
    ApplicantRank,
    MatchProgram,
    Participant,
    ProgramRank,
)
from imgpath.matching.selectors import applicant_choices_for, program_choices_for
from imgpath.matching.services.common import ensure_program_manager, lock_open_cycle, now

T = TypeVar("T", MatchProgram, Participant)


def _ordered_choices(ids: Sequence[int], allowed: dict[int, T], noun: str) -> list[T]:
    """The chosen rows in the given order; refuses repeats and anything not on offer."""
    seen: set[int] = set()
    for pk in ids:
        if pk in seen:
            label = allowed[pk].name if pk in allowed else f"{noun} {pk}"
            raise ServiceError(f"{label} is listed twice.", field="ids")
        if pk not in allowed:
            raise ServiceError(f"{noun} {pk} is not one you can rank in this cycle.", field="ids")
        seen.add(pk)
    return [allowed[pk] for pk in ids]


def _ensure_applicant(participant: Participant, by) -> None:
    if by is None or participant.user_id != by.pk:
        raise PermissionDenied("Only the applicant can change their rank list.")


def applicant_ranks_replace(
    *, participant: Participant, program_ids: Sequence[int], by
) -> list[MatchProgram]:
    """Replace an applicant's list with these programs, most preferred first."""
    _ensure_applicant(participant, by)
    with transaction.atomic():
        lock_open_cycle(participant.cycle_id)
        participant.refresh_from_db()
        allowed = {p.pk: p for p in program_choices_for(participant)}
        chosen = _ordered_choices(program_ids, allowed, "Program")
        current = list(participant.ranks.values_list("program_id", flat=True))
        if current == [p.pk for p in chosen]:
            return chosen
        participant.ranks.all().delete()
        ApplicantRank.objects.bulk_create(
            ApplicantRank(participant=participant, program=p, position=i)
            for i, p in enumerate(chosen, start=1)
        )
        _uncertify(participant)
    return chosen


def applicant_ranks_certify(*, participant: Participant, by) -> Participant:
    """Certify: this list, as it is now, goes into the Match unless changed again."""
    _ensure_applicant(participant, by)
    with transaction.atomic():
        lock_open_cycle(participant.cycle_id)
        participant.refresh_from_db()
        if not participant.ranks.exists():
            raise ServiceError("Rank at least one program before certifying your list.")
        participant.certified_at = now()
        participant.save(update_fields=["certified_at"])
    return participant


def program_ranks_replace(
    *, program: MatchProgram, participant_ids: Sequence[int], by
) -> list[Participant]:
    """Replace a program's list with these applicants, most preferred first."""
    ensure_program_manager(by, program)
    with transaction.atomic():
        lock_open_cycle(program.cycle_id)
        program.refresh_from_db()
        allowed = {p.pk: p for p in applicant_choices_for(program)}
        chosen = _ordered_choices(participant_ids, allowed, "Applicant")
        current = list(program.ranks.values_list("participant_id", flat=True))
        if current == [p.pk for p in chosen]:
            return chosen
        program.ranks.all().delete()
        ProgramRank.objects.bulk_create(
            ProgramRank(program=program, participant=p, position=i)
            for i, p in enumerate(chosen, start=1)
        )
        _uncertify(program)
    return chosen


def program_ranks_certify(*, program: MatchProgram, by) -> MatchProgram:
    ensure_program_manager(by, program)
    with transaction.atomic():
        lock_open_cycle(program.cycle_id)
        program.refresh_from_db()
        if not program.ranks.exists():
            raise ServiceError("Rank at least one applicant before certifying this list.")
        program.certified_at = now()
        program.save(update_fields=["certified_at"])
    return program


def _uncertify(owner: Participant | MatchProgram) -> None:
    if owner.certified_at is not None:
        owner.certified_at = None
        owner.save(update_fields=["certified_at"])
