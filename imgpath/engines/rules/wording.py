"""Small helpers that turn values into the plain words the roadmap speaks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

EXAM_NAMES = {
    "usmle_step1": "Step 1",
    "usmle_step2ck": "Step 2 CK",
    "usmle_step3": "Step 3",
}


def day(value: date) -> str:
    """``2 September 2026``: unambiguous for readers from any country."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def month_year(value: date) -> str:
    return f"{_MONTHS[value.month - 1]} {value.year}"


def count(number: float, word: str, plural: str | None = None) -> str:
    shown = int(number) if float(number).is_integer() else round(number, 1)
    return f"{shown} {word if shown == 1 else plural or word + 's'}"


def listing(items: Iterable[str], last: str = "and") -> str:
    parts: Sequence[str] = list(items)
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {last} {parts[-1]}"


def add_years(value: date, years: int) -> date:
    """The same day ``years`` later (29 February falls back to the 28th)."""
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)
