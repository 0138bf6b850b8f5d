"""Cancellation and refund terms: plain words for people, one number for the refund.

Pure Python on purpose: a booking keeps a snapshot of these terms, and the same
function computes what is owed whenever it is cancelled, whatever the host has
edited since.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

# A seat offered automatically from the waitlist may be declined without cost for this long.
PROMOTION_GRACE = timedelta(days=3)


@dataclass(frozen=True)
class CancellationTerms:
    fee_usd: int
    deposit_usd: int = 0
    full_refund_days_before: int = 30
    late_refund_percent: int = 0
    visa_denial_full_refund: bool = True

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CancellationTerms:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    @property
    def refundable_usd(self) -> int:
        return self.fee_usd - self.deposit_usd

    @property
    def late_refund_usd(self) -> int:
        return self.refundable_usd * self.late_refund_percent // 100


def describe(terms: CancellationTerms) -> list[str]:
    """The policy as short sentences a person can check before applying."""
    if terms.fee_usd == 0:
        return [
            "This offering is free: nothing is paid and nothing is refunded.",
            "You can cancel at any time; please cancel as early as you can so the seat "
            "can go to someone on the waitlist.",
        ]
    days = terms.full_refund_days_before
    lines = [f"Price: ${terms.fee_usd:,}, paid to the host (not through IMGPath)."]
    if terms.deposit_usd:
        lines.append(
            f"Cancel {days} or more days before the start date: ${terms.refundable_usd:,} back "
            f"(the ${terms.deposit_usd:,} deposit is not refunded)."
        )
    else:
        lines.append(f"Cancel {days} or more days before the start date: full refund.")
    if terms.late_refund_percent:
        lines.append(
            f"Cancel later, or after the start: {terms.late_refund_percent}% of the refundable "
            f"amount back (${terms.late_refund_usd:,})."
        )
    else:
        lines.append("Cancel later, or after the start: no refund.")
    if terms.visa_denial_full_refund:
        lines.append("If your US visa is refused: full refund; show the host the refusal notice.")
    lines.append("If the host cancels: full refund.")
    lines.append(
        "A seat offered to you automatically from the waitlist can be cancelled with a full "
        f"refund within {PROMOTION_GRACE.days} days of the offer."
    )
    return lines


def refund_due(
    terms: CancellationTerms,
    *,
    start: date,
    cancelled_on: date,
    reason: str,
    promoted_at: datetime | None = None,
    cancelled_at: datetime | None = None,
) -> int:
    """What the host owes back, in whole US dollars, under the snapshot `terms`."""
    if terms.fee_usd == 0:
        return 0
    if reason == "host_cancelled":
        return terms.fee_usd
    if reason == "visa_denied" and terms.visa_denial_full_refund:
        return terms.fee_usd
    if promoted_at and cancelled_at and cancelled_at - promoted_at <= PROMOTION_GRACE:
        return terms.fee_usd
    if (start - cancelled_on).days >= terms.full_refund_days_before:
        return terms.refundable_usd
    return terms.late_refund_usd
