"""The specialty vocabulary (``specialties.yaml``): ids the profile may target.

It is a vocabulary, not a regulatory fact, so it has one provenance for the file
rather than a source per row; it is read on its own because the profile parser needs
it without the rest of the facts.
"""

from __future__ import annotations

from pathlib import Path

from imgpath.engines.rules.facts.model import Specialty
from imgpath.engines.rules.facts.schema import (
    FactsError,
    Field,
    FieldError,
    check_fields,
    iso_date,
    list_of,
    one_of,
    optional,
    read_yaml,
    slug,
    text,
)

_FILE_FIELDS = (
    Field("kind", one_of("specialties")),
    Field("description", text, required=False),
    Field("source", text),
    Field("as_of", iso_date),
    Field("rows", list_of(lambda row: row)),
)
_ROW_FIELDS = (
    Field("id", slug),
    Field("label", text),
    Field("acgme_code", optional(text), required=False),
)


def load_specialties(path: Path) -> tuple[Specialty, ...]:
    try:
        content = check_fields(read_yaml(path), _FILE_FIELDS)
    except FieldError as error:
        raise FactsError(path.name, error.message, field=error.field) from error
    specialties: list[Specialty] = []
    for index, raw in enumerate(content["rows"]):
        row_id = raw.get("id") if isinstance(raw, dict) else None
        try:
            clean = check_fields(raw, _ROW_FIELDS)
        except FieldError as error:
            raise FactsError(
                path.name, error.message, row=index, row_id=row_id, field=error.field
            ) from error
        if any(item.id == clean["id"] for item in specialties):
            raise FactsError(path.name, "duplicate id", row=index, row_id=row_id, field="id")
        specialties.append(Specialty(clean["id"], clean["label"], clean.get("acgme_code")))
    return tuple(specialties)
