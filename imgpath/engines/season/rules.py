"""The season rules, read once from the facts: nothing here is a hard-coded fee or count."""

from __future__ import annotations

import re
from dataclasses import dataclass

from imgpath.engines.rules.facts.model import Fact, Facts
from imgpath.engines.season.model import FactRef, Service


@dataclass(frozen=True, slots=True)
class SignalAllowance:
    """Signals a specialty allowed in the last season with published counts."""

    gold: int | None
    silver: int | None
    single: int | None
    text: str

    @property
    def total(self) -> int:
        return (self.gold or 0) + (self.silver or 0) + (self.single or 0)


@dataclass(frozen=True, slots=True)
class SeasonRules:
    letters_max: int
    letters_fact: FactRef
    statement_max_characters: int
    statement_fact: FactRef
    residencycas_specialties: frozenset[str]
    residencycas_fact: FactRef
    eras_low_tier_max: int
    eras_low_fee: int
    eras_high_fee: int
    eras_fee_fact: FactRef
    rcas_flat_fee: int
    rcas_flat_programs: int
    rcas_mid_fee: int
    rcas_mid_max: int
    rcas_high_fee: int
    rcas_fee_fact: FactRef
    nrmp_registration_fee: int
    nrmp_programs_included: int
    nrmp_extra_fee: int
    nrmp_fee_fact: FactRef
    last_signals: dict[str, SignalAllowance]
    last_signals_fact: FactRef
    signals_published: bool | None
    signals_fact: FactRef
    specialty_letters: dict[str, str]
    specialty_letter_fact: FactRef

    def service_for(self, specialty: str) -> Service:
        if specialty in self.residencycas_specialties:
            return Service.RESIDENCYCAS
        return Service.ERAS


def ref(fact: Fact) -> FactRef:
    return FactRef(fact.id, fact.source, fact.as_of, str(fact.tier), fact.verified)


_COUNT = re.compile(r"(\d+)\s*(gold|silver)?")


def parse_allowance(text: str) -> SignalAllowance:
    """ "3 gold + 12 silver" or "5": the counts of the facts' signal table."""
    gold = silver = single = None
    for number, kind in _COUNT.findall(text.split("(", maxsplit=1)[0]):
        if kind == "gold":
            gold = int(number)
        elif kind == "silver":
            silver = int(number)
        else:
            single = int(number)
    return SignalAllowance(gold, silver, single, text)


def season_rules(facts: Facts) -> SeasonRules:
    f = facts.fact
    eras, rcas, nrmp = (
        f("eras_residency_fees_2026"),
        f("residencycas_fees_2026"),
        f("nrmp_registration_fees"),
    )
    sloe = f("sloe_emergency_medicine")
    signals = f("eras_signals_2025")
    published = f("eras_signals_2027").value("published")
    return SeasonRules(
        letters_max=int(f("letters_program_specific").value("max_per_program")),  # type: ignore[arg-type]
        letters_fact=ref(f("letters_program_specific")),
        statement_max_characters=int(f("eras_personal_statement_limit").value("max_characters")),  # type: ignore[arg-type]
        statement_fact=ref(f("eras_personal_statement_limit")),
        residencycas_specialties=frozenset(f("residencycas_specialties").value("specialties")),  # type: ignore[arg-type]
        residencycas_fact=ref(f("residencycas_specialties")),
        eras_low_tier_max=int(eras.value("low_tier_max_programs")),  # type: ignore[arg-type]
        eras_low_fee=int(eras.value("low_tier_fee_usd")),  # type: ignore[arg-type]
        eras_high_fee=int(eras.value("high_tier_fee_usd")),  # type: ignore[arg-type]
        eras_fee_fact=ref(eras),
        rcas_flat_fee=int(rcas.value("em_flat_fee_usd")),  # type: ignore[arg-type]
        rcas_flat_programs=int(rcas.value("em_flat_fee_programs")),  # type: ignore[arg-type]
        rcas_mid_fee=int(rcas.value("em_mid_fee_usd")),  # type: ignore[arg-type]
        rcas_mid_max=int(rcas.value("em_mid_max_programs")),  # type: ignore[arg-type]
        rcas_high_fee=int(rcas.value("em_high_fee_usd")),  # type: ignore[arg-type]
        rcas_fee_fact=ref(rcas),
        nrmp_registration_fee=int(nrmp.value("registration_fee_usd")),  # type: ignore[arg-type]
        nrmp_programs_included=int(nrmp.value("programs_included")),  # type: ignore[arg-type]
        nrmp_extra_fee=int(nrmp.value("extra_program_fee_usd")),  # type: ignore[arg-type]
        nrmp_fee_fact=ref(nrmp),
        last_signals=_allowances(signals.value("by_specialty")),
        last_signals_fact=ref(signals),
        signals_published=published if isinstance(published, bool) else None,
        signals_fact=ref(f("eras_signals_2027")),
        specialty_letters={str(sloe.value("specialty")): str(sloe.value("letter"))},
        specialty_letter_fact=ref(sloe),
    )


def _allowances(value: object) -> dict[str, SignalAllowance]:
    """The per-specialty signal counts of a facts table: (specialty, "gold/silver") pairs."""
    if not isinstance(value, tuple):
        return {}
    return {
        str(pair[0]): parse_allowance(str(pair[1]))
        for pair in value
        if isinstance(pair, tuple) and len(pair) == 2
    }
