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

from imgpath.accounts.models import User
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


def _ensure_applicant(participant: Participant, by: User | None) -> None:
    if by is None or participant.user_id != by.pk:
        raise PermissionDenied("Only the applicant can change their rank list.")


def applicant_ranks_replace(
    *, participant: Participant, program_ids: Sequence[int], by: User
) -> list[MatchProgram]:
    """Replace an applicant's list with these programs, most preferred first."""
    _ensure_applicant(participant, by)
    return _list_replace(
        participant,
        program_ids,
        choices=program_choices_for,
        noun="Program",
        model=ApplicantRank,
        fields=("participant", "program"),
    )


def applicant_ranks_certify(*, participant: Participant, by: User) -> Participant:
    """Certify: this list, as it is now, goes into the Match unless changed again."""
    _ensure_applicant(participant, by)
    return _list_certify(participant, "Rank at least one program before certifying your list.")


def program_ranks_replace(
    *, program: MatchProgram, participant_ids: Sequence[int], by: User
) -> list[Participant]:
    """Replace a program's list with these applicants, most preferred first."""
    ensure_program_manager(by, program)
    return _list_replace(
        program,
        participant_ids,
        choices=applicant_choices_for,
        noun="Applicant",
        model=ProgramRank,
        fields=("program", "participant"),
    )


def program_ranks_certify(*, program: MatchProgram, by: User) -> MatchProgram:
    ensure_program_manager(by, program)
    return _list_certify(program, "Rank at least one applicant before certifying this list.")


def _list_replace(owner, ids: Sequence[int], *, choices, noun: str, model, fields) -> list:
    """One list's replacement, the same for both sides: lock, check, rewrite, un-certify.

    `fields` names the rank row's owner and target, e.g. ("participant", "program").
    """
    owner_field, target_field = fields
    with transaction.atomic():
        lock_open_cycle(owner.cycle_id)
        owner.refresh_from_db()
        chosen = _ordered_choices(ids, {c.pk: c for c in choices(owner)}, noun)
        current = list(owner.ranks.values_list(f"{target_field}_id", flat=True))
        if current == [c.pk for c in chosen]:
            return chosen
        owner.ranks.all().delete()
        model.objects.bulk_create(
            model(**{owner_field: owner, target_field: c, "position": i})
            for i, c in enumerate(chosen, start=1)
        )
        _uncertify(owner)
    return chosen


def _list_certify(owner, empty_message: str):
    with transaction.atomic():
        lock_open_cycle(owner.cycle_id)
        owner.refresh_from_db()
        if not owner.ranks.exists():
            raise ServiceError(empty_message)
        owner.certified_at = now()
        owner.save(update_fields=["certified_at"])
    return owner


def _uncertify(owner: Participant | MatchProgram) -> None:
    if owner.certified_at is not None:
        owner.certified_at = None
        owner.save(update_fields=["certified_at"])
