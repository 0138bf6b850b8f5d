"""The program policy ledger's vocabulary: which fields exist and what each may hold."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class PolicyField(models.TextChoices):
    ACCEPTS_IMGS = "accepts_imgs", "Considers IMGs"
    J1 = "j1_sponsorship", "Sponsors J-1 visa"
    H1B = "h1b_sponsorship", "Sponsors H-1B visa"
    H1B_STEP3 = "h1b_step3_before_ranking", "H-1B: Step 3 passed before ranking"
    YOG_LIMIT = "yog_limit_years", "Year-of-graduation limit (years)"
    ATTEMPT_LIMIT = "usmle_attempt_limit", "USMLE attempts accepted per Step"
    MIN_STEP2CK = "min_step2ck", "Minimum Step 2 CK score"
    USCE_MONTHS = "usce_required_months", "US clinical experience required (months)"
    USCE_OBSERVERSHIP = "usce_observership_accepted", "Observerships count as US experience"
    ECFMG_BY = "ecfmg_certified_by", "ECFMG certification needed by"
    IMG_SHARE = "img_share_percent", "Share of IMG residents (%)"
    INTERVIEWS = "interview_count", "Interviews offered per cycle"
    WEBSITE = "website_url", "Program website"


class ValueKind(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NUMBER = "number", "Number"
    DATE = "date", "Date"
    URL = "url", "Web address"
    UNKNOWN = "unknown", "Unknown"


class SourceKind(models.TextChoices):
    """Who said it; the order is the tie-break when two sources were verified the same day."""

    REPRESENTATIVE = "program_representative", "Program representative"
    STAFF = "staff", "IMGPath staff"
    IMPORTED = "imported_file", "Imported file"
    COMMUNITY = "community_report", "Community report"
    DEMO = "demo", "Demo data"


SOURCE_TRUST = {
    SourceKind.REPRESENTATIVE: 4,
    SourceKind.STAFF: 3,
    SourceKind.IMPORTED: 2,
    SourceKind.COMMUNITY: 1,
    SourceKind.DEMO: 0,
}


@dataclass(frozen=True)
class FieldSpec:
    """What one ledger field may hold; `no_label` says what "no" means for it."""

    field: PolicyField
    kinds: tuple[str, ...]
    question: str
    low: int | None = None
    high: int | None = None
    unit: str = ""
    no_label: str = "No"
    # For most yes/no questions "yes" is good news for an IMG; here "yes" is a hurdle.
    yes_is_hurdle: bool = False

    @property
    def key(self) -> str:
        return self.field.value

    @property
    def label(self) -> str:
        return self.field.label

    @property
    def is_yes_no(self) -> bool:
        return ValueKind.YES in self.kinds

    @property
    def value_column(self) -> str | None:
        """The Program column holding the number or date of the current value, if any."""
        if ValueKind.NUMBER in self.kinds or ValueKind.DATE in self.kinds:
            return f"{self.key}_value"
        return None


YES_NO = (ValueKind.YES, ValueKind.NO)
SPECS: dict[str, FieldSpec] = {
    spec.key: spec
    for spec in (
        FieldSpec(PolicyField.ACCEPTS_IMGS, YES_NO, "Does the program consider IMGs at all?"),
        FieldSpec(PolicyField.J1, YES_NO, "Does it sponsor the J-1 (ECFMG) visa?"),
        FieldSpec(PolicyField.H1B, YES_NO, "Does it sponsor the H-1B visa?"),
        FieldSpec(
            PolicyField.H1B_STEP3,
            YES_NO,
            "For the H-1B, must Step 3 be passed before the rank list deadline?",
            yes_is_hurdle=True,
        ),
        FieldSpec(
            PolicyField.YOG_LIMIT,
            (ValueKind.NUMBER, ValueKind.NO),
            "How many years since graduation does it accept?",
            low=0,
            high=50,
            unit="years",
            no_label="No limit",
        ),
        FieldSpec(
            PolicyField.ATTEMPT_LIMIT,
            (ValueKind.NUMBER, ValueKind.NO),
            "How many attempts per USMLE Step does it accept (1 = first-attempt passes only)?",
            low=1,
            high=10,
            unit="attempts",
            no_label="No limit",
        ),
        FieldSpec(
            PolicyField.MIN_STEP2CK,
            (ValueKind.NUMBER, ValueKind.NO),
            "What minimum Step 2 CK score does it screen on?",
            low=1,
            high=300,
            no_label="No minimum",
        ),
        FieldSpec(
            PolicyField.USCE_MONTHS,
            (ValueKind.NUMBER, ValueKind.NO),
            "How many months of US clinical experience does it require?",
            low=0,
            high=60,
            unit="months",
            no_label="Not required",
        ),
        FieldSpec(
            PolicyField.USCE_OBSERVERSHIP,
            YES_NO,
            "Do observerships count, or only hands-on experience?",
        ),
        FieldSpec(
            PolicyField.ECFMG_BY,
            (ValueKind.DATE, ValueKind.NO),
            "By when must applicants be ECFMG certified?",
            no_label="No early deadline",
        ),
        FieldSpec(
            PolicyField.IMG_SHARE,
            (ValueKind.NUMBER,),
            "What share of current residents are IMGs?",
            low=0,
            high=100,
            unit="%",
        ),
        FieldSpec(
            PolicyField.INTERVIEWS,
            (ValueKind.NUMBER,),
            "How many interviews does it offer per cycle?",
            low=0,
            high=5000,
        ),
        FieldSpec(PolicyField.WEBSITE, (ValueKind.URL,), "What is the program's website?"),
    )
}
FIT_FIELDS = tuple(
    key for key in SPECS if key not in {"img_share_percent", "interview_count", "website_url"}
)
