"""Refund arithmetic and eligibility reading: pure functions, no database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imgpath.engines.profile import parse_profile
from imgpath.engines.rules.tests.strategies import profiles
from imgpath.rotations import eligibility
from imgpath.rotations.policy import CancellationTerms, describe, refund_due

TERMS = CancellationTerms(
    fee_usd=1000, deposit_usd=200, full_refund_days_before=30, late_refund_percent=50
)
START = date(2027, 3, 1)


@pytest.mark.parametrize(
    ("cancelled_on", "reason", "expected"),
    [
        (START - timedelta(days=45), "changed_plans", 800),
        (START - timedelta(days=30), "changed_plans", 800),
        (START - timedelta(days=29), "changed_plans", 400),
        (START + timedelta(days=3), "changed_plans", 400),
        (START - timedelta(days=2), "visa_denied", 1000),
        (START - timedelta(days=2), "host_cancelled", 1000),
        (START - timedelta(days=2), "account_deleted", 400),
    ],
)
def test_refund_follows_the_terms(cancelled_on, reason, expected):
    assert refund_due(TERMS, start=START, cancelled_on=cancelled_on, reason=reason) == expected


def test_visa_denial_clause_can_be_off():
    terms = CancellationTerms(fee_usd=1000, late_refund_percent=0, visa_denial_full_refund=False)
    assert refund_due(terms, start=START, cancelled_on=START, reason="visa_denied") == 0


def test_a_seat_from_the_waitlist_can_be_declined_without_cost_for_three_days():
    offered = datetime(2027, 2, 20, 9, tzinfo=UTC)
    kwargs = {"start": START, "cancelled_on": date(2027, 2, 22), "reason": "changed_plans"}
    inside = refund_due(
        TERMS, promoted_at=offered, cancelled_at=offered + timedelta(days=2), **kwargs
    )
    after = refund_due(
        TERMS, promoted_at=offered, cancelled_at=offered + timedelta(days=4), **kwargs
    )
    assert (inside, after) == (1000, 400)


def test_free_offerings_owe_nothing_and_say_so():
    free = CancellationTerms(fee_usd=0)
    assert refund_due(free, start=START, cancelled_on=START, reason="host_cancelled") == 0
    assert "free" in describe(free)[0]


def test_policy_is_spelled_out_in_plain_words():
    lines = describe(TERMS)
    assert lines[0].startswith("Price: $1,000")
    assert "$800 back (the $200 deposit is not refunded)" in lines[1]
    assert "50% of the refundable amount back ($400)" in lines[2]
    assert any("visa is refused: full refund" in line for line in lines)


@given(
    fee=st.integers(0, 50_000),
    deposit_share=st.floats(0, 1),
    days=st.integers(0, 365),
    percent=st.integers(0, 100),
    offset=st.integers(-400, 400),
    reason=st.sampled_from(["changed_plans", "visa_denied", "host_cancelled", "account_deleted"]),
)
def test_refund_is_never_negative_nor_more_than_the_fee(
    fee, deposit_share, days, percent, offset, reason
):
    terms = CancellationTerms(
        fee_usd=fee,
        deposit_usd=int(fee * deposit_share),
        full_refund_days_before=days,
        late_refund_percent=percent,
    )
    due = refund_due(terms, start=START, cancelled_on=START + timedelta(days=offset), reason=reason)
    assert 0 <= due <= fee


@pytest.mark.parametrize(
    ("profile", "audience", "expected"),
    [
        ({}, "graduates", "unconfirmed"),
        ({"medical_school": {"graduated": True}}, "graduates", "met"),
        ({"medical_school": {"graduated": False}}, "graduates", "not_met"),
        ({"medical_school": {"graduated": False}}, "students", "met"),
        ({"medical_school": {"graduated": True}}, "students", "not_met"),
    ],
)
def test_audience_reads_the_typed_profile(profile, audience, expected):
    (check,) = eligibility.assess(
        audience=audience, requires_step1=False, profile=parse_profile(profile)
    )
    assert check.status == expected


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("passed", "met"),
        ("failed", "not_met"),
        ("not_taken", "not_met"),
        ("scheduled", "unconfirmed"),
        (None, "unconfirmed"),
    ],
)
def test_step1_reads_the_typed_profile(status, expected):
    profile = parse_profile({"exams": {"usmle_step1": {"status": status}}})
    (check,) = eligibility.assess(audience="anyone", requires_step1=True, profile=profile)
    assert check.status == expected


def test_ecfmg_certification_proves_step1_as_on_the_roadmap():
    profile = parse_profile({"ecfmg_certified": True})
    (check,) = eligibility.assess(audience="anyone", requires_step1=True, profile=profile)
    assert check.status == "met"


@given(profiles())
def test_any_valid_profile_gives_known_statuses(data):
    checks = eligibility.assess(
        audience="graduates", requires_step1=True, profile=parse_profile(data)
    )
    assert {c.status for c in checks} <= {"met", "unconfirmed", "not_met"}
