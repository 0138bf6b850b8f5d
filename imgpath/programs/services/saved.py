"""My programs: a person's saved list with notes and tags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from imgpath.core.errors import ServiceError
from imgpath.programs.models import Program, SavedProgram
from imgpath.programs.services.ledger import reject_nul

if TYPE_CHECKING:
    from imgpath.accounts.models import User

MAX_SAVED = 500
MAX_TAGS = 10
MAX_TAG_LENGTH = 30
MAX_NOTE_LENGTH = 2000


def tags_parse(raw: str | list[str] | tuple[str, ...]) -> list[str]:
    """Comma-separated (or listed) tags, trimmed, lower-case, without duplicates."""
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    reject_nul(tags=",".join(items))
    tags = list(dict.fromkeys(" ".join(t.split()).lower() for t in items if t and t.strip()))
    if len(tags) > MAX_TAGS:
        raise ServiceError(f"Use at most {MAX_TAGS} tags.", field="tags")
    if any(len(tag) > MAX_TAG_LENGTH for tag in tags):
        raise ServiceError(f"Keep each tag under {MAX_TAG_LENGTH} characters.", field="tags")
    return tags


def _clean_note(note: str) -> str:
    reject_nul(note=note)
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise ServiceError(f"Keep the note under {MAX_NOTE_LENGTH} characters.", field="note")
    return note


@transaction.atomic
def saved_program_add(
    *, user: User, program: Program, note: str = "", tags: str | list[str] | tuple[str, ...] = ()
) -> SavedProgram:
    """Save a program (saving it again keeps the existing note and tags)."""
    existing = SavedProgram.objects.filter(user=user, program=program).first()
    if existing is not None:
        return existing
    if SavedProgram.objects.filter(user=user).count() >= MAX_SAVED:
        raise ServiceError(f"Your list holds at most {MAX_SAVED} programs; remove some first.")
    saved = SavedProgram(user=user, program=program, note=_clean_note(note), tags=tags_parse(tags))
    saved.save()
    return saved


def saved_program_update(
    *, saved: SavedProgram, note: str | None = None, tags=None
) -> SavedProgram:
    fields = []
    if note is not None:
        saved.note = _clean_note(note)
        fields.append("note")
    if tags is not None:
        saved.tags = tags_parse(tags)
        fields.append("tags")
    if fields:
        saved.save(update_fields=[*fields, "updated_at"])
    return saved


def saved_program_remove(*, saved: SavedProgram) -> None:
    saved.delete()
