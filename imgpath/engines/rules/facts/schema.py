"""A small, strict schema checker for the YAML fact files.

No new dependency: each field is a name plus a converter that returns the clean value
or raises ``SchemaError``. The loader adds the file, row and field to the message, so a
bad file stops the app with an error a maintainer can act on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import yaml

from imgpath.engines.rules.facts.model import Scalar, Value

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)
Converter = Callable[[object], Any]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_:]*$")


class SchemaError(ValueError):
    """A value that does not fit its field (the loader adds where it was)."""


class FactsError(ValueError):
    """An invalid fact file: the message names file, row (index and id) and field."""

    def __init__(
        self,
        file: str,
        message: str,
        *,
        row: int | None = None,
        row_id: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file, self.row, self.row_id, self.field = file, row, row_id, field
        where = file
        if row is not None:
            where += f": row {row} (id {row_id or '?'})"
        elif row_id is not None:
            where += f": row id {row_id}"
        if field is not None:
            where += f", field {field}" if row is not None or row_id else f": field {field}"
        super().__init__(f"{where}: {message}")


# The C loader when libyaml is there (several times faster), else the pure-Python one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDatesLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """SafeLoader that keeps dates as text, so a bad date is reported, not crashed on."""


_TextDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDatesLoader)  # noqa: S506
    except yaml.YAMLError as error:
        raise FactsError(path.name, f"not valid YAML: {error}") from error


@dataclass(frozen=True)
class Field:
    """One allowed key: its converter, and whether it must be present."""

    name: str
    convert: Converter
    required: bool = True


def text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SchemaError("must be a non-empty string")
    return value.strip()


def slug(value: object) -> str:
    result = text(value)
    if not _SLUG.match(result):
        raise SchemaError("must use lower-case letters, digits and underscores")
    return result


def boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise SchemaError("must be true or false")
    return value


def iso_date(value: object) -> date:
    if not isinstance(value, str) or not _DATE.match(value):
        raise SchemaError("must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise SchemaError(f"is not a real date ({value})") from error


def integer(low: int, high: int) -> Callable[[object], int]:
    def convert(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise SchemaError(f"must be an integer between {low} and {high}")
        return value

    return convert


def number(low: float, high: float) -> Callable[[object], float]:
    def convert(value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SchemaError(f"must be a number between {low} and {high}")
        if not low <= value <= high:
            raise SchemaError(f"must be a number between {low} and {high}")
        return float(value)

    return convert


def choice(enum: type[E]) -> Callable[[object], E]:
    def convert(value: object) -> E:
        allowed = [item.value for item in enum]
        if value not in allowed:
            raise SchemaError(f"must be one of {', '.join(allowed)}")
        return enum(value)

    return convert


def one_of(*allowed: str) -> Callable[[object], str]:
    def convert(value: object) -> str:
        if value not in allowed:
            raise SchemaError(f"must be one of {', '.join(allowed)}")
        return str(value)

    return convert


def optional(convert: Callable[[object], T]) -> Callable[[object], T | None]:
    def convert_optional(value: object) -> T | None:
        return None if value is None else convert(value)

    return convert_optional


def list_of(convert: Callable[[object], T]) -> Callable[[object], tuple[T, ...]]:
    def convert_list(value: object) -> tuple[T, ...]:
        if not isinstance(value, list):
            raise SchemaError("must be a list")
        items = []
        for index, item in enumerate(value):
            try:
                items.append(convert(item))
            except SchemaError as error:
                raise SchemaError(f"item {index} {error}") from error
        return tuple(items)

    return convert_list


def one_or_list(convert: Callable[[object], T]) -> Callable[[object], tuple[T, ...]]:
    """A single value or a list of them (used for ``flag``)."""
    as_list = list_of(convert)
    return lambda value: as_list(value if isinstance(value, list) else [value])


def _scalar(value: object) -> Scalar:
    if isinstance(value, str) and _DATE.match(value):
        return iso_date(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise SchemaError("must hold text, numbers, true/false, dates or null")


def values_map(value: object) -> tuple[tuple[str, Value], ...]:
    """A fact's machine-readable parts: scalars, lists of scalars or one-level tables."""
    if not isinstance(value, dict):
        raise SchemaError("must be a mapping")
    result: list[tuple[str, Value]] = []
    for key, item in value.items():
        name = slug(key)
        try:
            if isinstance(item, list):
                result.append((name, tuple(_scalar(part) for part in item)))
            elif isinstance(item, dict):
                table = tuple((slug(k), _scalar(v)) for k, v in item.items())
                result.append((name, table))
            else:
                result.append((name, _scalar(item)))
        except SchemaError as error:
            raise SchemaError(f"{name} {error}") from error
    return tuple(result)


class FieldError(Exception):
    """A problem in one field of one mapping (``field`` None: the mapping itself)."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


def check_fields(data: object, fields: tuple[Field, ...]) -> dict[str, Any]:
    """Convert a mapping field by field; raise (field, message) on the first problem."""
    if not isinstance(data, dict):
        raise FieldError(None, "must be a mapping")
    known = {item.name for item in fields}
    for key in data:
        if key not in known:
            raise FieldError(str(key), "unknown field")
    clean: dict[str, Any] = {}
    for item in fields:
        if item.name not in data:
            if item.required:
                raise FieldError(item.name, "is required")
            continue
        try:
            clean[item.name] = item.convert(data[item.name])
        except SchemaError as error:
            raise FieldError(item.name, str(error)) from error
    return clean
