"""Signal planner: where a signal would be wasted. This season's counts are used only when
published; otherwise last season's are shown as a guide and said to be so.

Each placed signal gets its own warnings (not eligible, over the count, another service), so
a page can show them beside the program; the specialty's warnings say the same in summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from imgpath.engines.season.model import Eligibility, Reason, Service
from imgpath.engines.season.rules import SeasonRules, SignalAllowance


@dataclass(frozen=True, slots=True)
class Placement:
    """A signal placed on a tracked program; `why_not` says why it is not eligible, and
    `grounds` are the failed rules one by one, each with the source it was read from."""

    program_id: int
    level: str  # "gold", "silver" or "single"
    eligibility: Eligibility = Eligibility.CHECK
    why_not: str = ""
    grounds: tuple[Reason, ...] = ()


@dataclass(frozen=True, slots=True)
class SignalCheck:
    specialty: str
    service: Service
    allowance: SignalAllowance | None
    published: bool
    used: dict[str, int]
    warnings: tuple[Reason, ...]
    program_warnings: dict[int, tuple[Reason, ...]]


LEVELS = ("gold", "silver", "single")


def _limit(allowance: SignalAllowance, level: str) -> int | None:
    limit: int | None = getattr(allowance, level)
    return limit


def check_signals(
    specialty: str, placements: Sequence[Placement], rules: SeasonRules
) -> SignalCheck:
    service = rules.service_for(specialty)
    used = {level: sum(p.level == level for p in placements) for level in LEVELS}
    warnings: list[Reason] = []
    per_program: dict[int, list[Reason]] = {}
    allowance = None
    if service is Service.RESIDENCYCAS:
        warnings.append(
            Reason(
                "other_service",
                "This specialty applies through ResidencyCAS, which has its own signals; "
                "ERAS signals cannot be placed on its programs and ResidencyCAS's counts for "
                "this season were not found.",
                rules.residencycas_fact,
            )
        )
    else:
        allowance = rules.last_signals.get(specialty)
        if rules.signals_published is not True:
            warnings.append(
                Reason(
                    "not_published",
                    "This season's signal counts are not published in our sources"
                    + (
                        f"; last season allowed {allowance.text}, shown as a guide only."
                        if allowance
                        else "; the specialty had no signals last season either."
                    ),
                    rules.signals_fact,
                )
            )
        for level in LEVELS:
            limit = _limit(allowance, level) if allowance else None
            if used[level] and (limit is None or used[level] > limit):
                warnings.append(
                    Reason(
                        f"over_{level}",
                        f"{used[level]} {level} signals placed; last season allowed {limit or 0}.",
                        rules.last_signals_fact,
                    )
                )
    over = {w.code.removeprefix("over_") for w in warnings if w.code.startswith("over_")}
    for placement in placements:
        mine = per_program.setdefault(placement.program_id, [])
        if service is Service.RESIDENCYCAS:
            mine.append(
                Reason(
                    "other_service",
                    "A wasted signal: this specialty applies through ResidencyCAS, so an ERAS "
                    "signal does not reach this program.",
                    rules.residencycas_fact,
                )
            )
        if placement.level in over:
            limit = (_limit(allowance, placement.level) if allowance else None) or 0
            mine.append(
                Reason(
                    f"over_{placement.level}",
                    f"Perhaps a wasted signal: one of {used[placement.level]} {placement.level} "
                    f"signals where last season allowed {limit}.",
                    rules.last_signals_fact,
                )
            )
        if placement.eligibility is Eligibility.NOT_ELIGIBLE:
            mine.extend(_not_eligible(placement))
    return SignalCheck(
        specialty=specialty,
        service=service,
        allowance=allowance,
        published=rules.signals_published is True,
        used=used,
        warnings=tuple(warnings),
        program_warnings={k: tuple(v) for k, v in per_program.items() if v},
    )


def _not_eligible(placement: Placement) -> list[Reason]:
    """One warning per failed rule, with its source; one in all when the rules are not given."""
    if placement.grounds:
        return [
            Reason("not_eligible", f"A wasted signal: you are not eligible. {g.message}", g.fact)
            for g in placement.grounds
        ]
    return [
        Reason(
            "not_eligible",
            "A wasted signal: you are not eligible for this program"
            + (f" ({placement.why_not})." if placement.why_not else "."),
        )
    ]
