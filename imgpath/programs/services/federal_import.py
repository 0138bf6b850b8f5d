"""Import DOL LCA disclosure rows and USCIS Employer Data Hub counts: all or nothing.

Every relevant row is parsed first; one bad row refuses the whole file (RowsRejected names
each), so the database never holds half a file. Rows outside scope (not a physician SOC code,
not H-1B, no state) are left out and counted, not refused. A file whose checksum equals the
one recorded at its last import is skipped unless `force` is given.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from imgpath.engines.crosswalk import is_physician_soc, is_trainee_title
from imgpath.programs.geo import STATE_NAMES
from imgpath.programs.models import ImportKind, ImportRun, LcaFiling, UscisApproval
from imgpath.programs.services.csvfiles import ImportFileError
from imgpath.programs.services.federal_files import (
    FederalReport,
    RowsRejected,
    employer_key,
    file_checksum,
    header_key,
    read_header,
    read_rows,
)

# Codes DOL and USCIS use besides the 50 states, DC and Puerto Rico: territories and the
# armed forces postal codes.
US_CODES = frozenset(STATE_NAMES) | {"GU", "VI", "MP", "AS", "FM", "MH", "PW", "AA", "AE", "AP"}
BATCH = 1000
MAX_NAMED_BAD_ROWS = 1000


def _accept(*names: str) -> tuple[str, ...]:
    return tuple(header_key(n) for n in names)


LCA_REQUIRED = {
    "case_number": _accept("CASE_NUMBER", "LCA_CASE_NUMBER"),
    "job_title": _accept("JOB_TITLE", "LCA_CASE_JOB_TITLE"),
    "soc_code": _accept("SOC_CODE", "LCA_CASE_SOC_CODE"),
    "employer_name": _accept("EMPLOYER_NAME", "LCA_CASE_EMPLOYER_NAME"),
    "worksite_state": _accept("WORKSITE_STATE", "WORKSITE_STATE_1", "LCA_CASE_WORKLOC1_STATE"),
}
LCA_OPTIONAL = {
    "case_status": _accept("CASE_STATUS", "STATUS"),
    "visa_class": _accept("VISA_CLASS"),
    "worksite_city": _accept("WORKSITE_CITY", "WORKSITE_CITY_1", "LCA_CASE_WORKLOC1_CITY"),
    "year": _accept("Year"),
    "quarter": _accept("Quarter"),
}
PERIOD_IN_NAME = re.compile(r"FY[ _-]?(\d{4})(?:[ _-]*Q([1-4]))?", re.IGNORECASE)
PERIOD = re.compile(r"^FY\d{4}( Q[1-4])?$")
CASE_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9-]{4,39}$")


def _period(path: Path, row: dict, given: str) -> str:
    if given:
        return given
    year, quarter = row.get("year", ""), row.get("quarter", "").upper()
    if re.fullmatch(r"\d{4}", year) and re.fullmatch(r"Q[1-4]", quarter):
        return f"FY{year} {quarter}"
    found = PERIOD_IN_NAME.search(path.name)
    if found:
        return f"FY{found[1]}" + (f" Q{found[2]}" if found[2] else "")
    raise ImportFileError(path, "has no Year/Quarter columns and no FY in its name; give --period")


def _text(row: dict, name: str, limit: int, errors: list[str]) -> str:
    value = " ".join(row.get(name, "").split())
    if not value:
        errors.append(f"{name} is empty")
    elif len(value) > limit:
        errors.append(f"{name} is longer than {limit} characters")
    return value[:limit]


def _state(row: dict, name: str, errors: list[str]) -> str:
    value = row.get(name, "").strip().upper()
    if value not in US_CODES:
        errors.append(f"{name} {value!r} is not a US state or territory code")
    return value


def _lca_row(path, line, row, *, period, report, seen) -> tuple[dict | None, list[str]]:
    if not is_physician_soc(row.get("soc_code", "")):
        report.skip("not a physician SOC code")
        return None, []
    visa = row.get("visa_class", "")
    if visa and visa.upper() != "H-1B":
        report.skip(f"visa class {visa}")
        return None, []
    errors: list[str] = []
    case = row.get("case_number", "").strip().upper()
    if not CASE_NUMBER.match(case):
        errors.append(f"case number {case!r} is not a DOL case number")
    elif case in seen:
        errors.append(f"case number {case} repeats line {seen[case]}")
    seen.setdefault(case, line)
    values = {
        "case_number": case,
        "case_status": row.get("case_status", "")[:40],
        "visa_class": visa[:30],
        "employer_name": _text(row, "employer_name", 200, errors),
        "worksite_city": " ".join(row.get("worksite_city", "").split()).title()[:100],
        "worksite_state": _state(row, "worksite_state", errors),
        "job_title": _text(row, "job_title", 200, errors),
        "soc_code": row["soc_code"].strip()[:12],
        "period": period,
        "source_file": path.name[:255],
    }
    values["employer_key"] = employer_key(values["employer_name"])
    values["trainee_title"] = is_trainee_title(values["job_title"])
    return values, errors


def lca_import(*, path: Path, period: str = "", force: bool = False) -> FederalReport:
    """Import one DOL LCA disclosure file (the shipped copy or an official quarter or year).

    Only physician SOC codes are kept; with VISA_CLASS, only H-1B. CASE_STATUS is stored as
    given; evidence counts only certified filings, or every filing when a file has no status.
    """
    path = Path(path)
    if period and not PERIOD.match(period):
        raise ImportFileError(path, f'--period {period!r} must look like "FY2025" or "FY2025 Q2"')
    report = FederalReport(ImportKind.LCA, path.name)
    checksum = file_checksum(path)
    if not force and _last_checksum(ImportKind.LCA, path.name) == checksum:
        report.skipped_file = True
        return report
    parsed: list[dict[str, Any]] = []
    bad: list[tuple[int, str, str]] = []
    seen: dict[str, int] = {}
    for line, row in read_rows(path, LCA_REQUIRED, LCA_OPTIONAL):
        row_period = _period(path, row, period)
        values, errors = _lca_row(path, line, row, period=row_period, report=report, seen=seen)
        if errors:
            bad.append((line, row.get("case_number", "") or "?", "; ".join(errors)))
        elif values is not None:
            parsed.append(values)
    if bad:
        raise RowsRejected(path.name, bad[:MAX_NAMED_BAD_ROWS])
    started = timezone.now()
    with transaction.atomic():
        _upsert_lca(parsed, report)
        _record(ImportKind.LCA, path.name, checksum, report, started)
    return report


LCA_FIELDS = [
    "case_status", "visa_class", "employer_name", "employer_key", "worksite_city",
    "worksite_state", "job_title", "soc_code", "trainee_title", "period", "source_file",
]  # fmt: skip


def _upsert_lca(parsed: list[dict], report: FederalReport) -> None:
    existing: dict[str, LcaFiling] = {}
    numbers = [values["case_number"] for values in parsed]
    for start in range(0, len(numbers), BATCH):
        for found in LcaFiling.objects.filter(case_number__in=numbers[start : start + BATCH]):
            existing[found.case_number] = found
    to_create: list[LcaFiling] = []
    to_update: list[LcaFiling] = []
    for values in parsed:
        filing = existing.get(values["case_number"])
        if filing is None:
            to_create.append(LcaFiling(**values))
        elif any(getattr(filing, name) != values[name] for name in LCA_FIELDS):
            for name in LCA_FIELDS:
                setattr(filing, name, values[name])
            to_update.append(filing)
        else:
            report.unchanged += 1
    LcaFiling.objects.bulk_create(to_create, batch_size=BATCH)
    LcaFiling.objects.bulk_update(to_update, LCA_FIELDS, batch_size=BATCH)
    report.created, report.updated = len(to_create), len(to_update)


# USCIS ---------------------------------------------------------------------------------------

USCIS_REQUIRED = {
    "fiscal_year": _accept("fiscal_year", "Fiscal Year"),
    "employer": _accept("employer", "Employer (Petitioner) Name"),
    "state": _accept("state", "Petitioner State"),
}
# Older exports count initial and continuing petitions; newer ones split them by kind.
USCIS_COUNTS = {
    "initial_approvals": _accept("initial_approval", "New Employment Approval"),
    "initial_denials": _accept("initial_denial", "New Employment Denial"),
    "continuing_approvals": _accept(
        "continuing_approval", "Continuation Approval", "Change with Same Employer Approval",
        "New Concurrent Approval", "Change of Employer Approval", "Amended Approval",
    ),
    "continuing_denials": _accept(
        "continuing_denial", "Continuation Denial", "Change with Same Employer Denial",
        "New Concurrent Denial", "Change of Employer Denial", "Amended Denial",
    ),
}  # fmt: skip
USCIS_OPTIONAL = {
    "city": _accept("city", "Petitioner City"),
    "zip_code": _accept("zip", "Petitioner Zip Code"),
}
# The health and education employers the shipped copy was cut to (its PROVENANCE).
HEALTH_EMPLOYER = re.compile(
    r"HOSPITAL|MEDICAL|HEALTH|CLINIC|UNIVERSITY|COLLEGE|SCHOOL OF MEDICINE|MEDICINE|PHYSICIAN|"
    r"UPMC|MAYO|KAISER|BAPTIST|METHODIST|PRESBYTERIAN|MERCY|CHILDREN|REGENTS|INFIRMARY|GME|"
    r"MEDICAL EDUCATION"
)
MAX_COUNT = 1_000_000


def _count_columns(path: Path) -> dict[str, tuple[str, ...]]:
    """Each count's headers present in the file; every count needs at least one."""
    head = set(read_header(path))
    present = {}
    for name, accepted in USCIS_COUNTS.items():
        found = tuple(h for h in accepted if h in head)
        if not found:
            raise ImportFileError(path, f"lacks the column(s) {accepted[0]}")
        present[name] = found
    return present


def _number(raw: str, column: str, errors: list[str]) -> int:
    text = raw.replace(",", "").strip() or "0"
    if not text.isdigit() or int(text) > MAX_COUNT:
        errors.append(f"{column} {raw!r} is not a count")
        return 0
    return int(text)


def _uscis_row(path, row, counts, report) -> tuple[dict | None, list[str]]:
    errors: list[str] = []
    employer = " ".join(row.get("employer", "").split())
    if employer and not HEALTH_EMPLOYER.search(employer.upper()):
        report.skip("not a health or education employer name")
        return None, []
    state = row.get("state", "").strip().upper()
    if not state:
        report.skip("no petitioner state")
        return None, []
    year = row.get("fiscal_year", "").strip()
    if not (year.isdigit() and 2000 <= int(year) <= 2100):
        errors.append(f"fiscal year {year!r} is not a year")
    if not employer:
        errors.append("employer is empty")
    if state not in US_CODES:
        errors.append(f"state {state!r} is not a US state or territory code")
    values = {
        "fiscal_year": int(year) if year.isdigit() else 0,
        "employer_name": employer[:200],
        "employer_key": employer_key(employer)[:200],
        "state": state,
        "city": " ".join(row.get("city", "").split()).title()[:100],
        "zip_code": row.get("zip_code", "").strip()[:10],
        "source_file": path.name[:255],
    }
    for name, headers in counts.items():
        values[name] = sum(_number(row.get(h, ""), h, errors) for h in headers)
    return values, errors


USCIS_KEY = ("fiscal_year", "employer_key", "state", "city", "zip_code")
USCIS_FIELDS = [
    "employer_name", "initial_approvals", "initial_denials", "continuing_approvals",
    "continuing_denials", "source_file",
]  # fmt: skip


def uscis_import(*, path: Path, force: bool = False) -> FederalReport:
    """Import one USCIS H-1B Employer Data Hub export (the shipped copy or an official one).

    The file replaces what is stored for the fiscal years it holds; rows repeated for one
    employer, year and place (several tax IDs) are added up.
    """
    path = Path(path)
    report = FederalReport(ImportKind.USCIS, path.name)
    checksum = file_checksum(path)
    if not force and _last_checksum(ImportKind.USCIS, path.name) == checksum:
        report.skipped_file = True
        return report
    counts = _count_columns(path)
    merged: dict[tuple, dict] = {}
    bad = []
    for line, row in read_rows(path, USCIS_REQUIRED, USCIS_OPTIONAL):
        values, errors = _uscis_row(path, row, counts, report)
        if errors:
            bad.append((line, row.get("employer", "") or "?", "; ".join(errors)))
        elif values is not None:
            _merge(merged, values)
    if bad:
        raise RowsRejected(path.name, bad[:MAX_NAMED_BAD_ROWS])
    started = timezone.now()
    with transaction.atomic():
        _replace_years(merged, report)
        _record(ImportKind.USCIS, path.name, checksum, report, started)
    return report


def _merge(merged: dict[tuple, dict], values: dict) -> None:
    key = tuple(values[name] for name in USCIS_KEY)
    if key not in merged:
        merged[key] = values
        return
    for name in USCIS_COUNTS:
        merged[key][name] += values[name]


def _replace_years(merged: dict[tuple, dict], report: FederalReport) -> None:
    years = {key[0] for key in merged}
    stored = UscisApproval.objects.filter(fiscal_year__in=years)
    existing = {tuple(getattr(row, name) for name in USCIS_KEY): row for row in stored}
    to_create: list[UscisApproval] = []
    to_update: list[UscisApproval] = []
    for key, values in merged.items():
        row = existing.pop(key, None)
        if row is None:
            to_create.append(UscisApproval(**values))
        elif any(getattr(row, name) != values[name] for name in USCIS_FIELDS):
            for name in USCIS_FIELDS:
                setattr(row, name, values[name])
            to_update.append(row)
        else:
            report.unchanged += 1
    UscisApproval.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
    UscisApproval.objects.bulk_create(to_create, batch_size=BATCH)
    UscisApproval.objects.bulk_update(to_update, USCIS_FIELDS, batch_size=BATCH)
    report.created, report.updated, report.removed = len(to_create), len(to_update), len(existing)


# Import runs ----------------------------------------------------------------------------------


def _last_checksum(kind: str, file_name: str) -> str | None:
    return (
        ImportRun.objects.filter(kind=kind, file_name=file_name)
        .order_by("-finished_at")
        .values_list("sha256", flat=True)
        .first()
    )


def _record(kind: str, file_name: str, checksum: str, report: FederalReport, started) -> None:
    ImportRun.objects.create(
        kind=kind,
        file_name=file_name[:255],
        sha256=checksum,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        rejected=0,
        report={"left_out": report.skipped_rows, "removed": report.removed},
        started_at=started,
        finished_at=timezone.now(),
    )
