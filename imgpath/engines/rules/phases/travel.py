"""Travel bans and the USCIS hold, for the nationals they name and nobody else.

Proclamation 10998 (from 1 January 2026) suspends J-1 visas for nationals of 39 countries
and entry altogether for 19 of them; USCIS held H-1B petitions for the same nationals until
a court vacated the hold in June 2026. Both can change at any review or appeal, so every
message carries the fact's last known standing and its date (guidance 2026-12, item 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from imgpath.engines.profile.model import CurrentVisa, Location
from imgpath.engines.rules.countries import country_name
from imgpath.engines.rules.roadmap import RoadmapWarning, Severity
from imgpath.engines.rules.situation import Situation, make_warning
from imgpath.engines.rules.wording import listing


@dataclass(frozen=True)
class TravelBan:
    """How the ban touches one applicant: which of their nationalities, and how hard."""

    full: tuple[str, ...]
    j_suspended: tuple[str, ...]
    immigrant_only: tuple[str, ...]
    # Citizenships of the applicant that no list names: travelling on one is an exception.
    unlisted: tuple[str, ...]

    @property
    def listed(self) -> tuple[str, ...]:
        return self.full + self.j_suspended + self.immigrant_only

    @property
    def blocks_j1(self) -> bool:
        """No J-1 can be issued on any passport the applicant holds."""
        return bool(self.full or self.j_suspended) and not self.unlisted

    @property
    def blocks_h1b(self) -> bool:
        return bool(self.full) and not self.unlisted


def travel_ban(sit: Situation) -> TravelBan:
    fact = sit.fact("travel_ban_2026")
    full = set(cast(tuple[str, ...], fact.value("full")))
    partial = set(cast(tuple[str, ...], fact.value("partial_j_suspended")))
    immigrant = set(cast(tuple[str, ...], fact.value("immigrant_only")))
    mine = [code for code in sit.profile.citizenships if code != "US"]
    return TravelBan(
        full=tuple(code for code in mine if code in full),
        j_suspended=tuple(code for code in mine if code in partial),
        immigrant_only=tuple(code for code in mine if code in immigrant),
        unlisted=tuple(code for code in mine if code not in full | partial | immigrant),
    )


def _names(codes: tuple[str, ...]) -> str:
    return listing(country_name(code) for code in codes)


def travel_warnings(sit: Situation, *, wants_j1: bool, wants_h1b: bool) -> list[RoadmapWarning]:
    """The alert for an affected nationality; an empty list for everyone else."""
    ban = travel_ban(sit)
    if not ban.listed or not sit.needs_visa:
        return []
    fact = sit.fact("travel_ban_2026")
    exceptions = sit.fact("travel_ban_exceptions")
    since = sit.fact_day("travel_ban_2026", "effective_from")
    parts: list[str] = []
    if ban.full:
        parts.append(
            f"Since {since} entry of nationals of {_names(ban.full)} is fully suspended "
            "(Proclamation 10998): no J-1, H-1B or other visa can currently be issued to them "
            "unless an exception applies."
        )
    if ban.j_suspended:
        parts.append(
            f"Since {since} J-1 visas (and B, F and M visas) cannot be issued to nationals of "
            f"{_names(ban.j_suspended)} unless an exception applies. An H-1B is not suspended "
            "for them, though it may be issued with shorter validity, so programs that sponsor "
            "H-1B matter more for you."
        )
    if ban.immigrant_only:
        parts.append(
            f"For {_names(ban.immigrant_only)} only immigrant visas are suspended; J-1 and "
            "H-1B visas are not."
        )
    if ban.unlisted and (ban.full or ban.j_suspended):
        parts.append(
            f"You also hold {_names(ban.unlisted)} citizenship: a dual national travelling on "
            "the passport of a country that is not listed is an exception."
        )
    parts.append(
        "Other exceptions: a visa you already held on 1 January 2026 is not revoked while "
        "valid, permanent residents and diplomatic visas are excepted, and national-interest "
        "exceptions are decided case by case; no exception for physicians was found. After "
        "the June 2025 ban the NRMP let programs ask to be released from a Match commitment "
        "for applicants who could not get a visa."
    )
    parts.append(sit.standing_words(fact))
    blocked = (ban.blocks_j1 and wants_j1 and not wants_h1b) or ban.blocks_h1b
    on_visa_in_us = sit.profile.current_location is Location.US and sit.profile.current_visa in (
        CurrentVisa.J1,
        CurrentVisa.H1B,
        CurrentVisa.F1,
    )
    severity = Severity.WARNING if not blocked or on_visa_in_us else Severity.BLOCKER
    warnings = [
        make_warning(
            "travel_ban",
            severity,
            " ".join(parts),
            [fact, exceptions, sit.fact("nrmp_match_waivers_2025")],
        )
    ]
    if wants_h1b or sit.profile.current_visa in (CurrentVisa.J1, CurrentVisa.H1B):
        hold = sit.fact("uscis_hold_travel_ban")
        warnings.append(
            make_warning(
                "uscis_hold",
                Severity.INFO,
                f"USCIS put on hold benefit requests, H-1B petitions (Form I-129) included, for "
                f"nationals of the listed countries, {_names(ban.listed)} among them. "
                f"{sit.standing_words(hold)}",
                [hold],
            )
        )
    return warnings
