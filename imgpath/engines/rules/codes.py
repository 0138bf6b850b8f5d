"""Where the shipped facts live; the profile's code tables are re-exported from the profile
engine, which owns them."""

from __future__ import annotations

from pathlib import Path

from imgpath.engines.profile.codes import COUNTRY_CODES, SPECIALTIES, US_STATES

# The facts that ship with the app: imgpath/data/facts (rules -> engines -> imgpath).
DEFAULT_FACTS_DIR = Path(__file__).resolve().parents[2] / "data" / "facts"

__all__ = ["COUNTRY_CODES", "DEFAULT_FACTS_DIR", "SPECIALTIES", "US_STATES"]
