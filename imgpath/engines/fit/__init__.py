"""Program fit: can this applicant be considered by this residency program?

`assess_fit(applicant, policy, today=...)` compares an applicant's facts with a program's
policy ledger and returns `likely_eligible`, `check` or `not_eligible` with one reason per
rule. Unknown never counts as a pass.
"""

from __future__ import annotations

from imgpath.engines.fit.assess import assess_fit
from imgpath.engines.fit.model import (
    UNKNOWN,
    ApplicantFacts,
    FitResult,
    Missing,
    Outcome,
    PolicyValue,
    ProgramPolicy,
    Reason,
    ValueKind,
    Verdict,
    VisaPreference,
)

__all__ = [
    "UNKNOWN",
    "ApplicantFacts",
    "FitResult",
    "Missing",
    "Outcome",
    "PolicyValue",
    "ProgramPolicy",
    "Reason",
    "ValueKind",
    "Verdict",
    "VisaPreference",
    "assess_fit",
]
