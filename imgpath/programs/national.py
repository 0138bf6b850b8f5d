"""The specialty's national IMG share from NRMP's published tables, when a row is shipped.

Read from `imgpath/data/nrmp-specialty-img-share/specialty_img_share.csv` once per process. A
specialty without a row is unknown: the pages then say so instead of guessing.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SHARE_FILE = (
    Path(__file__).resolve().parent.parent
    / "data"
    / "nrmp-specialty-img-share"
    / "specialty_img_share.csv"
)
COLUMNS = (
    "acgme_specialty_code",
    "match_year",
    "img_percent",
    "source_title",
    "source_url",
    "published_on",
    "tier",
)


@dataclass(frozen=True)
class NationalImgShare:
    specialty_code: str
    match_year: int
    img_percent: float
    source_title: str
    source_url: str
    published_on: dt.date
    tier: str

    @property
    def summary(self) -> str:
        return (
            f"Nationally, {self.img_percent:g}% of filled positions in this specialty went to "
            f"IMGs in the {self.match_year} Main Residency Match (NRMP)."
        )


class ShareFileError(ValueError):
    """A row of the share file that cannot be used, named by its line."""


def parse_shares(path: Path) -> dict[str, NationalImgShare]:
    """The latest row per specialty; a bad row raises ShareFileError naming its line."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ShareFileError(f"line 1: the columns must be {', '.join(COLUMNS)}")
        latest: dict[str, NationalImgShare] = {}
        for line, row in enumerate(reader, start=2):
            share = _row(row, line)
            known = latest.get(share.specialty_code)
            if known is None or share.match_year > known.match_year:
                latest[share.specialty_code] = share
    return latest


def _row(row: dict[str, str], line: int) -> NationalImgShare:
    def fail(message: str) -> ShareFileError:
        return ShareFileError(f"line {line}: {message}")

    code = (row["acgme_specialty_code"] or "").strip()
    if not (len(code) == 3 and code.isdigit()):
        raise fail("acgme_specialty_code must be three digits")
    try:
        year = int(row["match_year"])
        percent = float(row["img_percent"])
        published = dt.date.fromisoformat(row["published_on"].strip())
    except (TypeError, ValueError):
        raise fail(
            "match_year, img_percent and published_on must be a year, a number and a date"
        ) from None
    if not 1952 <= year <= 2100 or not 0 <= percent <= 100:
        raise fail("match_year or img_percent is out of range")
    url = (row["source_url"] or "").strip()
    if not url.startswith("https://www.nrmp.org/"):
        raise fail("source_url must be an NRMP report on https://www.nrmp.org/")
    if (row["tier"] or "").strip() != "A" or not (row["source_title"] or "").strip():
        raise fail("tier must be A (NRMP's own report) and source_title is required")
    return NationalImgShare(code, year, percent, row["source_title"].strip(), url, published, "A")


@lru_cache(maxsize=1)
def national_shares() -> dict[str, NationalImgShare]:
    return parse_shares(SHARE_FILE)


def national_img_share(specialty_code: str) -> NationalImgShare | None:
    return national_shares().get(specialty_code)
