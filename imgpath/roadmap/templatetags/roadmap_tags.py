"""Template helpers for showing a roadmap step's details to people."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import template

register = template.Library()


def _text(value: Any) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value) if value else "none"
    if isinstance(value, dict):
        return "; ".join(f"{_label(k)}: {_text(v)}" for k, v in value.items())
    return str(value)


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize().replace("Gme", "GME").replace("Usmle", "USMLE")


@register.filter
def detail_items(details: dict[str, Any] | None) -> list[tuple[str, str]]:
    """A step's machine-readable details as (label, text) pairs; unknown shown as unknown."""
    return [(_label(key), _text(value)) for key, value in (details or {}).items()]


@register.filter
def as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@register.filter
def standing_label(value: str | None) -> str:
    """A contested or time-limited fact's standing in words ("contested in court")."""
    from imgpath.engines.rules.facts.model import STANDING_WORDS, Standing

    return STANDING_WORDS.get(Standing(value), value) if value else ""


@register.filter
def flag_words(value: str | list[str] | None) -> str:
    """A fact's open warnings, readable: ["not_found", "unverified"] -> "not found, unverified"."""
    flags = [value] if isinstance(value, str) else list(value or [])
    return ", ".join(flag.replace("_", " ") for flag in flags)


# A sentence ends at a full stop after a lower-case letter, digit or bracket, before a capital:
# "U.S. residency" and "e.g. a waiver" do not end one.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]])\.\s+(?=[A-Z])")


@register.filter
def lead_sentence(text: str) -> str:
    """The first sentence of an alert, for the summary; the full text is one click away."""
    text = " ".join((text or "").split())
    match = _SENTENCE_END.search(text)
    return text[: match.start() + 1] if match else text


@register.filter
def get_item(mapping: dict[str, Any] | None, key: str) -> Any:
    """``mapping[key]`` in a template, or nothing when either is missing."""
    return mapping.get(key, ()) if isinstance(mapping, dict) else ()


@register.filter
def status_label(value: str) -> str:
    from imgpath.roadmap.presentation import STATUS_LABELS

    return STATUS_LABELS.get(value, value)
