"""The season checks, against the real facts: properties that must hold for any input."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imgpath.engines.rules import load_default_facts
from imgpath.engines.season import (
    CostProgram,
    InterviewSlot,
    LetterFacts,
    Placement,
    Service,
    check_letter_mix,
    check_signals,
    check_statement,
    diff_versions,
    find_conflicts,
    season_costs,
    season_rules,
)
from imgpath.engines.season.costs import eras_fee, nrmp_fee, residencycas_fee
from imgpath.engines.season.model import Eligibility, FactRef, Reason
from imgpath.engines.season.rules import parse_allowance

RULES = season_rules(load_default_facts())
SPECIALTIES = ["internal_medicine", "family_medicine", "emergency_medicine", "psychiatry"]

letters = st.lists(
    st.builds(
        LetterFacts,
        id=st.integers(1, 10_000),
        specialty=st.sampled_from(SPECIALTIES),
        us_physician=st.booleans(),
        us_clinical=st.booleans(),
        received=st.booleans(),
        specialty_letter=st.booleans(),
    ),
    max_size=8,
)


def test_rules_come_from_the_facts_with_their_sources() -> None:
    assert RULES.letters_max == 4
    assert RULES.statement_max_characters == 28000
    assert RULES.service_for("emergency_medicine") is Service.RESIDENCYCAS
    assert RULES.service_for("internal_medicine") is Service.ERAS
    assert RULES.eras_fee_fact.unconfirmed and RULES.nrmp_fee_fact.unconfirmed
    assert RULES.statement_fact.verified
    assert RULES.signals_published is None


def test_signal_counts_are_read_from_the_table() -> None:
    assert parse_allowance("3 gold + 12 silver").total == 15
    assert parse_allowance("6 gold + 6 silver (DR/IR)").gold == 6
    assert parse_allowance("5").single == 5


@given(letters, st.sampled_from(SPECIALTIES), st.sampled_from([True, False, None]))
def test_letter_mix_counts_and_flags(items, specialty, wants) -> None:
    mix = check_letter_mix(items, specialty, RULES, wants_us_clinical=wants)
    codes = {reason.code for reason in mix.missing}
    assert mix.count == len(items)
    assert mix.us_physician <= mix.count and mix.us_clinical <= mix.count
    assert ("over_maximum" in codes) == (len(items) > RULES.letters_max)
    assert ("us_clinical" in codes) == (bool(wants) and mix.us_clinical == 0)
    assert ("no_letters" in codes) == (not items)
    has_sloe = any(i.specialty_letter and i.specialty == specialty for i in items)
    assert ("specialty_letter" in codes) == (specialty == "emergency_medicine" and not has_sloe)
    assert mix.complete == (not codes)


def test_a_sloe_is_expected_for_emergency_medicine_only() -> None:
    em = check_letter_mix([], "emergency_medicine", RULES)
    im = check_letter_mix([], "internal_medicine", RULES)
    assert em.specialty_letter_expected == "SLOE"
    assert im.specialty_letter_expected is None
    sloe = next(r for r in em.missing if r.code == "specialty_letter")
    assert sloe.fact is not None and sloe.fact.id == "sloe_emergency_medicine"


placements = st.lists(
    st.builds(
        Placement,
        program_id=st.integers(1, 500),
        level=st.sampled_from(["gold", "silver", "single"]),
        eligibility=st.sampled_from(list(Eligibility)),
    ),
    max_size=40,
)


@given(placements, st.sampled_from(SPECIALTIES))
def test_signal_warnings(items, specialty) -> None:
    check = check_signals(specialty, items, RULES)
    codes = {reason.code for reason in check.warnings}
    if specialty == "emergency_medicine":
        assert "other_service" in codes and check.allowance is None
    else:
        assert "not_published" in codes  # the 2027 counts are not in the facts
        allowance = RULES.last_signals[specialty]
        for level in ("gold", "silver", "single"):
            limit = getattr(allowance, level) or 0
            assert (f"over_{level}" in codes) == (check.used[level] > limit)
    over = {c.removeprefix("over_") for c in codes if c.startswith("over_")}
    for item in items:
        mine = {reason.code for reason in check.program_warnings.get(item.program_id, ())}
        assert (item.eligibility is Eligibility.NOT_ELIGIBLE) <= ("not_eligible" in mine)
        assert (specialty == "emergency_medicine") == ("other_service" in mine)
        assert (item.level in over) <= (f"over_{item.level}" in mine)
    warned = {
        p.program_id
        for p in items
        if p.eligibility is Eligibility.NOT_ELIGIBLE
        or p.level in over
        or specialty == "emergency_medicine"
    }
    assert set(check.program_warnings) == warned


def test_a_not_eligible_signal_cites_each_failed_rule() -> None:
    ledger = FactRef("ledger:visa", "https://example.org/im", date(2026, 5, 1), "staff", True)
    grounds = (Reason("visa", "Does not sponsor the J-1 visa.", ledger),)
    placement = Placement(7, "gold", Eligibility.NOT_ELIGIBLE, grounds=grounds)
    check = check_signals("internal_medicine", [placement], RULES)
    (warning,) = [r for r in check.program_warnings[7] if r.code == "not_eligible"]
    assert warning.fact == ledger and "J-1" in warning.message


@given(st.integers(0, 300))
def test_fees_grow_with_programs(count) -> None:
    assert eras_fee(count + 1, RULES) - eras_fee(count, RULES) in {
        RULES.eras_low_fee,
        RULES.eras_high_fee,
    }
    assert nrmp_fee(count + 1, RULES) >= nrmp_fee(count, RULES)
    em = residencycas_fee("emergency_medicine", count + 1, RULES)
    assert em is not None and em >= (residencycas_fee("emergency_medicine", count, RULES) or 0)
    assert residencycas_fee("obstetrics_gynecology", count, RULES) is None


def test_aamc_examples() -> None:
    assert eras_fee(30, RULES) == 330
    assert eras_fee(43, RULES) + eras_fee(7, RULES) == 797


programs = st.lists(
    st.builds(
        CostProgram,
        specialty=st.sampled_from([*SPECIALTIES, "obstetrics_gynecology"]),
        eligibility=st.sampled_from(list(Eligibility)),
        ranked=st.booleans(),
        travel_usd=st.integers(0, 2000),
    ),
    max_size=80,
)


@given(programs)
def test_costs_add_up_and_share_is_a_fraction(items) -> None:
    report = season_costs(items, RULES)
    known = sum(line.amount_usd or 0 for line in report.lines)
    assert known == report.total_usd
    assert 0 <= report.ineligible_share <= 1
    assert report.travel_usd == sum(p.travel_usd for p in items)
    if not any(p.eligibility is Eligibility.NOT_ELIGIBLE for p in items):
        assert report.ineligible_fees_usd == 0
    assert report.unknown_fees == (
        1 if any(p.specialty == "obstetrics_gynecology" for p in items) else 0
    )


def _slot(i: int, start: datetime, hours: int, city: str, virtual: bool) -> InterviewSlot:
    return InterviewSlot(i, start, start + timedelta(hours=hours), city, virtual)


slots = st.lists(
    st.builds(
        _slot,
        st.integers(1, 10_000),
        st.datetimes(
            min_value=datetime(2026, 10, 1),  # noqa: DTZ001 (hypothesis wants naive bounds)
            max_value=datetime(2027, 1, 31),  # noqa: DTZ001
            timezones=st.just(UTC),
        ),
        st.integers(1, 8),
        st.sampled_from(["Boston", "Chicago", "boston "]),
        st.booleans(),
    ),
    max_size=8,
    unique_by=lambda s: s.id,
)


@given(slots)
def test_conflicts_are_overlaps_or_same_day_elsewhere(items) -> None:
    found = find_conflicts(items, "America/New_York")
    by_id = {slot.id: slot for slot in items}
    for conflict in found:
        a, b = by_id[conflict.first], by_id[conflict.second]
        if conflict.kind == "overlap":
            assert a.starts_at < b.ends_at and b.starts_at < a.ends_at
        else:
            assert not a.virtual and not b.virtual
            assert a.city.strip().lower() != b.city.strip().lower()
    pairs = {frozenset((c.first, c.second)) for c in found}
    for a in items:
        for b in items:
            if a.id < b.id and a.starts_at < b.ends_at and b.starts_at < a.ends_at:
                assert frozenset((a.id, b.id)) in pairs


def test_same_day_is_the_applicants_day() -> None:
    late = datetime(2026, 11, 3, 3, 0, tzinfo=UTC)  # 2 Nov, 22:00 in New York
    next_morning = datetime(2026, 11, 3, 14, 0, tzinfo=UTC)
    items = [_slot(1, late, 1, "Boston", False), _slot(2, next_morning, 1, "Chicago", False)]
    assert find_conflicts(items, "America/New_York") == []
    assert [c.kind for c in find_conflicts(items, "UTC")] == ["same_day_other_city"]


@given(st.text(max_size=200))
def test_statement_count_and_limit(text) -> None:
    check = check_statement(text, RULES)
    assert check.characters <= len(text)
    assert check.over_limit == (check.characters > 28000)


def test_a_statement_over_the_limit_says_by_how_much() -> None:
    check = check_statement("a" * 28001, RULES)
    assert check.over_limit and "1 over" in check.reasons[0].message


@given(
    st.lists(st.text(alphabet="abc ", max_size=5), max_size=6),
    st.lists(st.text(alphabet="abc ", max_size=5), max_size=6),
)
def test_diff_rebuilds_both_versions(old, new) -> None:
    ops = diff_versions("\n".join(old), "\n".join(new))
    assert [line for kind, line in ops if kind != "added"] == "\n".join(old).splitlines()
    assert [line for kind, line in ops if kind != "removed"] == "\n".join(new).splitlines()


@pytest.mark.parametrize("count", [0, 18, 19, 30, 31])
def test_em_residencycas_tiers(count) -> None:
    expected = {0: 0, 18: 99, 19: 117, 30: 315, 31: 338}[count]
    assert residencycas_fee("emergency_medicine", count, RULES) == expected
