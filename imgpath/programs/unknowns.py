"""What a program page says in place of an unknown value: what is known instead, and how to help.

An unknown field never stays a bare "Unknown": it names the evidence that exists (federal H-1B
filings by the institution, the specialty's national IMG share from NRMP's tables, IMGs'
self-reported outcomes), when someone last checked, and how to fill it in.
"""

from __future__ import annotations

from dataclasses import dataclass

from imgpath.programs.national import national_img_share
from imgpath.programs.policy import PolicyField, ValueKind


@dataclass(frozen=True)
class KnownInstead:
    """One thing known in place of the missing value, with where it comes from."""

    text: str
    source: str = ""
    source_url: str = ""
    anchor: str = ""  # a section of the same page that shows the evidence in full


@dataclass(frozen=True)
class UnknownHelp:
    known_instead: list[KnownInstead]
    last_checked: str  # "" when nobody has checked the field at its source


VISA_FIELDS: dict[str, str] = {PolicyField.J1: "j1", PolicyField.H1B: "h1b"}
IMG_FIELDS = {PolicyField.ACCEPTS_IMGS, PolicyField.IMG_SHARE}


def unknown_help(program, row, outcome_items: list[dict] | None = None) -> UnknownHelp | None:
    """The help for one ledger row of `program`, or None when the row has a known value."""
    current = row.current
    if current is not None and current.kind != ValueKind.UNKNOWN:
        return None
    key = row.spec.key
    items: list[KnownInstead] = []
    if key == PolicyField.H1B:
        items.extend(_h1b_evidence(program))
    if key in IMG_FIELDS:
        items.append(_national_share(program))
    if key in IMG_FIELDS or key in VISA_FIELDS:
        items.extend(_outcomes(key, outcome_items or []))
    last = ""
    if current is not None:
        last = f"{current.verified_on.day} {current.verified_on:%b %Y}"
    return UnknownHelp(items, last)


def _h1b_evidence(program) -> list[KnownInstead]:
    institution = program.institution
    if institution is None or not institution.has_h1b_evidence:
        return []
    return [
        KnownInstead(
            "The sponsoring institution appears in federal H-1B filings (evidence, not this "
            "program's policy).",
            anchor="evidence",
        )
    ]


def _national_share(program) -> KnownInstead:
    share = national_img_share(program.specialty.code)
    if share is None:
        return KnownInstead(
            f"The national share of IMGs in {program.specialty.name} is unconfirmed: NRMP's "
            "published tables by specialty are not loaded in IMGPath yet."
        )
    return KnownInstead(
        share.summary,
        source=f"{share.source_title} (published {share.published_on:%d %b %Y})",
        source_url=share.source_url,
    )


def _outcomes(key: str, items: list[dict]) -> list[KnownInstead]:
    visa = VISA_FIELDS.get(key)
    found = []
    for item in items:
        if visa is not None and item.get("visa") != visa:
            continue
        found.append(KnownInstead(item["summary"], anchor="outcomes"))
    return found


def unknown_help_for_page(program, page, outcome_items: list[dict] | None = None) -> dict:
    """Field key -> UnknownHelp for every unknown row of a program page."""
    helps = {row.spec.key: unknown_help(program, row, outcome_items) for row in page.ledger}
    return {key: value for key, value in helps.items() if value is not None}
