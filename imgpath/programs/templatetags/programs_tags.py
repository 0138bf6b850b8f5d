"""Template helpers for the program pages."""

from __future__ import annotations

from django import template

from imgpath.programs import links
from imgpath.programs.models import PositionType, SourceKind, ValueKind
from imgpath.programs.policy import SPECS

register = template.Library()


@register.filter
def program_url(acgme_id: str, name: str) -> str:
    return links.program_url(acgme_id, name)


POSITION_NAMES = dict(PositionType.choices)
VERDICT_LABELS = {
    "likely_eligible": "Likely eligible",
    "check": "Check",
    "not_eligible": "Not eligible",
}
OUTCOME_LABELS = {"meets": "Meets", "check": "Check", "fails": "Does not meet"}


@register.filter
def position_names(letters: str) -> list[str]:
    return [POSITION_NAMES[letter] for letter in letters if letter in POSITION_NAMES]


@register.filter
def verdict_label(verdict: str) -> str:
    return VERDICT_LABELS.get(str(verdict), str(verdict))


@register.filter
def outcome_label(outcome: str) -> str:
    return OUTCOME_LABELS.get(str(outcome), str(outcome))


@register.filter
def outcome_class(outcome: str) -> str:
    return {"meets": "yes", "check": "check", "fails": "no"}.get(str(outcome), "muted")


@register.filter
def source_label(kind: str) -> str:
    try:
        return SourceKind(kind).label
    except ValueError:
        return kind


@register.simple_tag
def policy_value(program, key: str) -> str:
    """A program's current value of one ledger field, as words ("Unknown" when unknown)."""
    spec = SPECS[key]
    kind = getattr(program, key)
    if key == "website_url":
        return kind or ValueKind.UNKNOWN.label
    if kind == ValueKind.NUMBER:
        return number_with_unit(getattr(program, str(spec.value_column)), spec.unit)
    if kind == ValueKind.DATE:
        day = getattr(program, str(spec.value_column))
        return f"{day.day} {day:%b %Y}"
    if kind == ValueKind.NO:
        return spec.no_label
    return ValueKind(kind).label


def number_with_unit(number: int, unit: str) -> str:
    if unit == "%":
        return f"{number}%"
    if number == 1 and unit.endswith("s"):
        unit = unit[:-1]
    return f"{number} {unit}".strip()


CARD_FIELDS = {
    "accepts_imgs": "Considers IMGs",
    "j1_sponsorship": "J-1",
    "h1b_sponsorship": "H-1B",
    "yog_limit_years": "Graduation limit",
    "usmle_attempt_limit": "Attempt limit",
    "min_step2ck": "Min Step 2 CK",
    "usce_required_months": "US experience",
}


@register.simple_tag
def card_policies(program) -> dict[str, list]:
    """The card's short policy list: known values as chips, unknown ones named in one line."""
    known, unknown = [], []
    for key, label in CARD_FIELDS.items():
        kind = getattr(program, key)
        if kind == ValueKind.UNKNOWN:
            unknown.append(label)
        else:
            known.append((label, policy_value(program, key), value_class(kind, key)))
    return {"known": known, "unknown": unknown}


@register.filter
def value_class(kind: str, key: str = "") -> str:
    """A badge class by meaning: unknown is grey, never red. For yes/no questions "no" is red;
    for limits "no" means no limit, which is good news, so it is green."""
    kind = str(kind)
    if kind == ValueKind.UNKNOWN:
        return "unknown"
    spec = SPECS.get(key)
    if spec is not None and not spec.is_yes_no:
        return "yes" if kind == ValueKind.NO else "info"
    if spec is not None and spec.yes_is_hurdle:
        return {"yes": "check", "no": "yes"}.get(kind, "info")
    return {"yes": "yes", "no": "no"}.get(kind, "info")


@register.filter
def distance(miles: float | None) -> str:
    if miles is None:
        return ""
    return "same city" if miles < 1 else f"{miles:,.0f} mi"


@register.filter
def evidence_brief(items: list[dict]) -> str:
    """One line per search card: what federal files say about the sponsoring institution."""
    parts = []
    for item in items:
        if item["kind"] == "h1b_lca":
            trainee = item.get("trainee_count", 0)
            what = f"{trainee} for trainee titles" if trainee else "none for trainee titles"
            parts.append(
                f"{item.get('physician_count', item['count'])} DOL H-1B filings for physicians, "
                f"{what} ({item['period']})"
            )
        elif item["kind"] == "h1b_uscis":
            parts.append(
                f"{item['count']} USCIS H-1B approvals, all occupations ({item['period']})"
            )
    return "Institution: " + "; ".join(parts) if parts else ""
