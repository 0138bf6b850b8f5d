"""Reads of a person's own lists: their saved programs and their requests to represent one.

Each read is scoped to the person asking; nobody reads another person's list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from imgpath.programs.models import Program, ProgramClaim, SavedProgram

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from imgpath.accounts.models import User


def saved_programs_for(user: User, *, tag: str = "") -> list[SavedProgram]:
    saved = list(
        SavedProgram.objects.filter(user=user).select_related("program", "program__specialty")
    )
    return [s for s in saved if tag in s.tags] if tag else saved


def saved_program_tags(user: User) -> list[str]:
    """Every tag on the person's saved programs, sorted: the choices of the list's tag filter."""
    tag_lists = SavedProgram.objects.filter(user=user).values_list("tags", flat=True)
    return sorted({tag for tags in tag_lists for tag in tags})


def saved_program_for(user: User, acgme_id: str) -> SavedProgram:
    saved = (
        SavedProgram.objects.filter(user=user, program__acgme_id=acgme_id)
        .select_related("program", "program__specialty")
        .first()
    )
    if saved is None:
        raise Http404("Not in your list.")
    return saved


def is_saved_by(user: User | AnonymousUser, program: Program) -> bool:
    if not user.is_authenticated:
        return False
    return SavedProgram.objects.filter(user=user, program=program).exists()


def latest_claim_of(user: User | AnonymousUser, program: Program) -> ProgramClaim | None:
    """The host's most recent request to represent the program; None for anyone else."""
    if not user.is_authenticated or not user.is_host:
        return None
    return ProgramClaim.objects.filter(program=program, host=user).order_by("-created_at").first()
