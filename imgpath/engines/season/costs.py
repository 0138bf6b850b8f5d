"""Season costs: application fees per specialty and service, NRMP fees, the applicant's own
travel estimates, and the share of fees spent on programs the applicant is not eligible for."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from imgpath.engines.season.model import Eligibility, FactRef, Service
from imgpath.engines.season.rules import SeasonRules


@dataclass(frozen=True, slots=True)
class CostProgram:
    specialty: str
    eligibility: Eligibility = Eligibility.CHECK
    ranked: bool = False
    travel_usd: int = 0


@dataclass(frozen=True, slots=True)
class CostLine:
    label: str
    amount_usd: int | None  # None: the fee is not known
    fact: FactRef | None = None


@dataclass(frozen=True, slots=True)
class CostReport:
    lines: tuple[CostLine, ...]
    fees_usd: int
    travel_usd: int
    ineligible_fees_usd: int
    unknown_fees: int

    @property
    def total_usd(self) -> int:
        return self.fees_usd + self.travel_usd

    @property
    def ineligible_share(self) -> float:
        return self.ineligible_fees_usd / self.fees_usd if self.fees_usd else 0.0


def eras_fee(count: int, rules: SeasonRules) -> int:
    """The nth ERAS program of a specialty costs the low fee up to the tier limit, then the high."""
    low = min(count, rules.eras_low_tier_max)
    return low * rules.eras_low_fee + (count - low) * rules.eras_high_fee


def eras_program_fee(position: int, rules: SeasonRules) -> int:
    """The fee of the program at 1-based ``position`` in its specialty."""
    return rules.eras_low_fee if position <= rules.eras_low_tier_max else rules.eras_high_fee


def residencycas_fee(specialty: str, count: int, rules: SeasonRules) -> int | None:
    """Emergency medicine's tiers; another ResidencyCAS specialty's fee is not known."""
    if specialty != "emergency_medicine":
        return None
    if count == 0:
        return 0
    mid = max(0, min(count, rules.rcas_mid_max) - rules.rcas_flat_programs)
    high = max(0, count - rules.rcas_mid_max)
    return rules.rcas_flat_fee + mid * rules.rcas_mid_fee + high * rules.rcas_high_fee


def nrmp_fee(ranked: int, rules: SeasonRules) -> int:
    extra = max(0, ranked - rules.nrmp_programs_included)
    return rules.nrmp_registration_fee + extra * rules.nrmp_extra_fee


def _marginal(specialty: str, count: int, rules: SeasonRules) -> list[int | None]:
    """The fee each program of a specialty adds, in order; None where unknown."""
    if rules.service_for(specialty) is Service.ERAS:
        return [eras_program_fee(n, rules) for n in range(1, count + 1)]
    totals = [residencycas_fee(specialty, n, rules) for n in range(count + 1)]
    return [
        None if totals[n] is None or totals[n - 1] is None else totals[n] - totals[n - 1]  # type: ignore[operator]
        for n in range(1, count + 1)
    ]


def season_costs(
    programs: Sequence[CostProgram], rules: SeasonRules, *, register_nrmp: bool = True
) -> CostReport:
    """Ineligible programs are charged last in their specialty (the costlier tier), which is
    what dropping them would save."""
    lines: list[CostLine] = []
    fees = ineligible = unknown = 0
    by_specialty = Counter(program.specialty for program in programs)
    for specialty in sorted(by_specialty):
        mine = [p for p in programs if p.specialty == specialty]
        mine.sort(key=lambda p: p.eligibility is Eligibility.NOT_ELIGIBLE)
        marginal = _marginal(specialty, len(mine), rules)
        service = rules.service_for(specialty)
        fact = rules.eras_fee_fact if service is Service.ERAS else rules.rcas_fee_fact
        if any(fee is None for fee in marginal):
            unknown += 1
            lines.append(CostLine(f"{specialty} ({service}, {len(mine)} programs)", None, fact))
            continue
        amount = sum(fee for fee in marginal if fee is not None)
        fees += amount
        ineligible += sum(
            fee or 0
            for program, fee in zip(mine, marginal, strict=True)
            if program.eligibility is Eligibility.NOT_ELIGIBLE
        )
        lines.append(CostLine(f"{specialty} ({service}, {len(mine)} programs)", amount, fact))
    if register_nrmp:
        ranked = sum(p.ranked for p in programs)
        amount = nrmp_fee(ranked, rules)
        fees += amount
        lines.append(CostLine(f"NRMP registration ({ranked} ranked)", amount, rules.nrmp_fee_fact))
    travel = sum(max(0, p.travel_usd) for p in programs)
    if travel:
        lines.append(CostLine("Travel and lodging (your estimates)", travel))
    return CostReport(tuple(lines), fees, travel, ineligible, unknown)
