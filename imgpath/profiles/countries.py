"""Country names for forms: the engine's one table (the roadmap names countries too)."""

from __future__ import annotations

from imgpath.engines.rules.countries import COUNTRY_NAMES, country_choices

__all__ = ["COUNTRY_NAMES", "country_choices"]
