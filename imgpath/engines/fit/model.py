"""The frozen values the fit engine takes and returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class ValueKind(StrEnum):
    """What a program's policy says about one field. `no` on a limit means "no limit"."""

    YES = "yes"
    NO = "no"
    NUMBER = "number"
    DATE = "date"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class PolicyValue:
    kind: ValueKind = ValueKind.UNKNOWN
    number: int | None = None
    day: date | None = None

    def __post_init__(self) -> None:
        if (self.kind is ValueKind.NUMBER) != (self.number is not None):
            raise ValueError("a number value needs a number, and only a number value has one")
        if (self.kind is ValueKind.DATE) != (self.day is not None):
            raise ValueError("a date value needs a date, and only a date value has one")

    @property
    def known(self) -> bool:
        return self.kind is not ValueKind.UNKNOWN


UNKNOWN = PolicyValue()
YES = PolicyValue(ValueKind.YES)
NO = PolicyValue(ValueKind.NO)


class VisaPreference(StrEnum):
    J1 = "j1"
    H1B = "h1b"
    EITHER = "either"


@dataclass(frozen=True, slots=True)
class ApplicantFacts:
    """What the applicant has, as the fit rules need it.

    `max_attempts` is the largest number of sittings on any USMLE step (the passing one
    included); `match_year` is the Match the applicant is applying to, which fixes the
    graduation gap (`match_year - graduation_year`).
    """

    match_year: int
    graduation_year: int | None = None
    needs_visa: bool = True
    visa_preference: VisaPreference = VisaPreference.EITHER
    max_attempts: int = 0
    any_failed_attempt: bool = False
    step2ck_score: int | None = None
    step3_passed: bool = False
    usce_hands_on_months: float = 0
    usce_observership_months: float = 0
    ecfmg_certified: bool = False
    step2ck_passed: bool = False
    # Profile fields the applicant has not answered (``us_status``, ``ecfmg_certified``,
    # ``medical_school.graduation_year``, ``exams.usmle_step2ck.status``): a rule that cannot
    # decide because of one names it in ``Reason.missing`` instead of a bare "check".
    unknown: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ProgramPolicy:
    """A program's ledger, one value per field; every field defaults to unknown."""

    accepts_imgs: PolicyValue = UNKNOWN
    j1_sponsorship: PolicyValue = UNKNOWN
    h1b_sponsorship: PolicyValue = UNKNOWN
    h1b_step3_before_ranking: PolicyValue = UNKNOWN
    yog_limit_years: PolicyValue = UNKNOWN
    usmle_attempt_limit: PolicyValue = UNKNOWN
    min_step2ck: PolicyValue = UNKNOWN
    usce_required_months: PolicyValue = UNKNOWN
    usce_observership_accepted: PolicyValue = UNKNOWN
    ecfmg_certified_by: PolicyValue = UNKNOWN


class Outcome(StrEnum):
    """How one rule came out, best first in `OUTCOME_RANK`."""

    MEETS = "meets"
    CHECK = "check"
    FAILS = "fails"


class Verdict(StrEnum):
    LIKELY_ELIGIBLE = "likely_eligible"
    CHECK = "check"
    NOT_ELIGIBLE = "not_eligible"


# Higher is better: used to combine rules (the worst wins) and to sort programs by fit.
OUTCOME_RANK = {Outcome.FAILS: 0, Outcome.CHECK: 1, Outcome.MEETS: 2}
VERDICT_RANK = {Verdict.NOT_ELIGIBLE: 0, Verdict.CHECK: 1, Verdict.LIKELY_ELIGIBLE: 2}
VERDICT_FOR = {
    Outcome.FAILS: Verdict.NOT_ELIGIBLE,
    Outcome.CHECK: Verdict.CHECK,
    Outcome.MEETS: Verdict.LIKELY_ELIGIBLE,
}


@dataclass(frozen=True, slots=True)
class Missing:
    """One thing the applicant's profile does not say that would settle a rule: `field` is
    the profile field (its JSON path), `what` names it, `changes` says what it would decide."""

    field: str
    what: str
    changes: str


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule's outcome: `rule` names the policy field it read; `missing` is set when the
    rule could not decide because the applicant's profile lacks an answer."""

    rule: str
    outcome: Outcome
    message: str
    missing: Missing | None = None


@dataclass(frozen=True, slots=True)
class FitResult:
    verdict: Verdict
    reasons: tuple[Reason, ...]

    @property
    def rank(self) -> int:
        return VERDICT_RANK[self.verdict]

    @property
    def missing(self) -> tuple[Missing, ...]:
        """What the profile would need to say for the undecided rules to decide."""
        return tuple(reason.missing for reason in self.reasons if reason.missing is not None)

    def with_outcome(self, outcome: Outcome) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if reason.outcome is outcome)
