"""Letter mix per program or specialty: count against the ERAS maximum, U.S. physician and
U.S. clinical letters, and the specialty letter (the emergency medicine SLOE) where one is
expected. Whether a program wants a U.S. letter is the program's rule; unknown stays unknown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from imgpath.engines.season.model import Reason
from imgpath.engines.season.rules import SeasonRules


@dataclass(frozen=True, slots=True)
class LetterFacts:
    """One letter as the check needs it; `specialty` is the writer's specialty id."""

    id: int
    specialty: str
    us_physician: bool
    us_clinical: bool
    received: bool = False
    specialty_letter: bool = False


@dataclass(frozen=True, slots=True)
class LetterMix:
    count: int
    maximum: int
    us_physician: int
    us_clinical: int
    received: int
    specialty_letter_expected: str | None
    reasons: tuple[Reason, ...]
    missing: tuple[Reason, ...]

    @property
    def over_maximum(self) -> bool:
        return self.count > self.maximum

    @property
    def complete(self) -> bool:
        return not self.missing and not self.over_maximum


def check_letter_mix(
    letters: Sequence[LetterFacts],
    specialty: str,
    rules: SeasonRules,
    *,
    wants_us_clinical: bool | None = None,
) -> LetterMix:
    """What the letters assigned to one program (or meant for one specialty) add up to.

    ``wants_us_clinical`` is the program's known requirement of U.S. clinical experience
    (None when the ledger does not say), which makes a U.S. clinical letter expected."""
    count = len(letters)
    maximum = rules.letters_max
    us_physician = sum(letter.us_physician for letter in letters)
    us_clinical = sum(letter.us_clinical for letter in letters)
    received = sum(letter.received for letter in letters)
    reasons = [
        Reason(
            "count",
            f"{count} of at most {maximum} letters per program.",
            rules.letters_fact,
        ),
        Reason(
            "us_physician",
            f"{us_physician} from U.S. physicians; whether one is required is each "
            "program's own rule, not an ERAS or NRMP one.",
            rules.letters_fact,
        ),
    ]
    missing: list[Reason] = []
    if count > maximum:
        missing.append(
            Reason(
                "over_maximum",
                f"{count} letters assigned but ERAS sends at most {maximum} to a program.",
                rules.letters_fact,
            )
        )
    if count == 0:
        missing.append(Reason("no_letters", "No letter is assigned yet.", rules.letters_fact))
    if wants_us_clinical and us_clinical == 0:
        missing.append(
            Reason(
                "us_clinical",
                "The program asks for U.S. clinical experience and no letter from U.S. "
                "clinical experience is assigned.",
            )
        )
    elif wants_us_clinical is None:
        reasons.append(
            Reason(
                "us_clinical_unknown",
                "Whether the program wants U.S. clinical experience is not known; check "
                "its own requirements.",
            )
        )
    expected = rules.specialty_letters.get(specialty)
    if expected:
        has = any(letter.specialty_letter and letter.specialty == specialty for letter in letters)
        reason = Reason(
            "specialty_letter",
            f"A {expected} is expected for this specialty"
            + (" and one is assigned." if has else " and none is assigned."),
            rules.specialty_letter_fact,
        )
        (reasons if has else missing).append(reason)
    return LetterMix(
        count=count,
        maximum=maximum,
        us_physician=us_physician,
        us_clinical=us_clinical,
        received=received,
        specialty_letter_expected=expected,
        reasons=tuple(reasons),
        missing=tuple(missing),
    )
