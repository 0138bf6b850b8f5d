"""Import the three public directory files: ACGME programs, NRMP codes and NRMP results.

Each importer parses every row first (refusing bad rows with a reason), then writes the
differences with bulk operations: created, updated or unchanged per row, so a second run of
the same file changes nothing.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import models
from django.utils.text import slugify

from imgpath.programs.geo import REGION_OF, STATE_NAMES, unit_vector
from imgpath.programs.models import (
    City,
    MatchType,
    NrmpProgram,
    NrmpResult,
    PositionType,
    Program,
    Specialty,
)
from imgpath.programs.services.bulk import bulk_set
from imgpath.programs.services.csvfiles import CsvFile, FileReport, RowError

ACGME_COLUMNS = (
    "acgme_program_id",
    "specialty_code",
    "specialty",
    "program_name",
    "city",
    "state",
    "latitude",
    "longitude",
)
NRMP_COLUMNS = (
    "nrmp_program_code",
    "institution_code",
    "institution_name",
    "state",
    "specialty_code",
    "specialty_name",
    "nrmp_program_name",
    "position_type_code",
    "acgme_program_id",
    "city",
)
RESULTS_COLUMNS = (
    "match_year",
    "match_type",
    "nrmp_program_code",
    "sponsoring_institution_nrmp",
    "program_city",
    "state",
    "nrmp_program_name",
    "specialty",
    "quota",
    "matched",
    "unfilled",
    "snhaf_member",
)
NRMP_CODE = re.compile(r"^(?P<inst>\d{4})(?P<spec>\d{3})(?P<type>[CPARM])\d{1,2}$")
# Fellowship (Specialties Matching Service) codes have letters in the specialty part: 1032R02F0.
RESULT_CODE = re.compile(r"^\d{4}[0-9A-Z]{3}[A-Z]\d{1,2}$")
BATCH = 500

# The ids the applicant profile uses for target specialties, by ACGME specialty code.
SPECIALTY_SLUGS = {
    "040": "anesthesiology", "080": "dermatology", "110": "emergency_medicine",
    "120": "family_medicine", "130": "medical_genetics", "140": "internal_medicine",
    "160": "neurological_surgery", "180": "neurology", "185": "child_neurology",
    "200": "nuclear_medicine", "220": "obstetrics_gynecology", "240": "ophthalmology",
    "260": "orthopaedic_surgery", "280": "otolaryngology", "300": "pathology",
    "320": "pediatrics", "340": "physical_medicine_rehabilitation", "360": "plastic_surgery",
    "362": "plastic_surgery_integrated", "380": "preventive_medicine",
    "382": "occupational_medicine", "400": "psychiatry",
    "415": "interventional_radiology_independent", "416": "interventional_radiology_integrated",
    "420": "diagnostic_radiology", "430": "radiation_oncology", "440": "general_surgery",
    "451": "vascular_surgery_integrated", "460": "thoracic_surgery_independent",
    "461": "thoracic_surgery_integrated", "480": "urology", "700": "internal_medicine_pediatrics",
}  # fmt: skip


# Parsing ------------------------------------------------------------------------------------


def _text(row: dict[str, str], column: str, max_length: int) -> str:
    value = " ".join(row.get(column, "").split())
    if not value:
        raise RowError(f"{column} is empty", field=column)
    if len(value) > max_length:
        raise RowError(f"{column} is longer than {max_length} characters", field=column)
    return value


def _state(row: dict[str, str], *, optional: bool = False) -> str:
    value = row.get("state", "").upper()
    if optional and not value:
        return ""
    if value not in STATE_NAMES:
        raise RowError(f"state {value!r} is not a US state, DC or Puerto Rico", field="state")
    return value


def _coordinate(row: dict[str, str], column: str, limit: float) -> float:
    try:
        value = float(row.get(column, ""))
    except ValueError:
        raise RowError(f"{column} is not a number", field=column) from None
    if not math.isfinite(value) or abs(value) > limit:
        raise RowError(f"{column} {value} is out of range", field=column)
    return value


def _count(row: dict[str, str], column: str) -> int:
    raw = row.get(column, "")
    if not raw.isdigit() or int(raw) > 32767:
        raise RowError(f"{column} {raw!r} is not a whole number from 0 to 32767", field=column)
    return int(raw)


def parse_acgme_row(row: dict[str, str]) -> tuple[str, dict[str, Any]]:
    acgme_id = row.get("acgme_program_id", "")
    if not re.fullmatch(r"\d{10}", acgme_id):
        raise RowError("acgme_program_id is not 10 digits", field="acgme_program_id")
    code = row.get("specialty_code", "")
    if code != acgme_id[:3]:
        raise RowError(
            "specialty_code is not the first 3 digits of acgme_program_id", field="specialty_code"
        )
    state = _state(row)
    return acgme_id, {
        "specialty_code": code,
        "specialty_name": _text(row, "specialty", 100),
        "name": _text(row, "program_name", 200),
        "city": _text(row, "city", 100),
        "state": state,
        "latitude": _coordinate(row, "latitude", 90),
        "longitude": _coordinate(row, "longitude", 180),
    }


def parse_nrmp_row(row: dict[str, str]) -> tuple[str, dict[str, Any]]:
    code = row.get("nrmp_program_code", "")
    match = NRMP_CODE.fullmatch(code)
    if match is None:
        raise RowError(
            "nrmp_program_code is not an NRMP code (4+3 digits, C/P/A/R/M, track)",
            field="nrmp_program_code",
        )
    if row.get("institution_code") != match["inst"]:
        raise RowError("institution_code does not match the NRMP code", field="institution_code")
    if row.get("specialty_code") != match["spec"]:
        raise RowError("specialty_code does not match the NRMP code", field="specialty_code")
    crosswalk = row.get("acgme_program_id", "")
    if crosswalk and not re.fullmatch(r"\d{10}", crosswalk):
        raise RowError("acgme_program_id is not 10 digits", field="acgme_program_id")
    return code, {
        "institution_code": match["inst"],
        "institution_name": _text(row, "institution_name", 120),
        "state": _state(row, optional=True),
        "specialty_code": match["spec"],
        "specialty_name": _text(row, "specialty_name", 120),
        "track_name": _text(row, "nrmp_program_name", 120),
        "position_type": match["type"],
        "crosswalk_acgme_id": crosswalk,
        "city": " ".join(row.get("city", "").split())[:100],
    }


def parse_result_row(row: dict[str, str]) -> tuple[tuple[str, str, int], dict[str, Any]]:
    code = row.get("nrmp_program_code", "")
    if RESULT_CODE.fullmatch(code) is None:
        raise RowError("nrmp_program_code is not an NRMP code", field="nrmp_program_code")
    match_type = row.get("match_type", "")
    if match_type not in MatchType.values:
        raise RowError(f"match_type {match_type!r} is not Main or Specialty", field="match_type")
    year = row.get("match_year", "")
    if not (year.isdigit() and 1952 <= int(year) <= 2100):
        raise RowError(f"match_year {year!r} is not a year", field="match_year")
    quota, matched = _count(row, "quota"), _count(row, "matched")
    if matched > quota:
        raise RowError("matched is larger than quota", field="matched")
    if row.get("unfilled", "") != str(quota - matched):
        raise RowError("unfilled is not quota minus matched", field="unfilled")
    return (match_type, code, int(year)), {
        "sponsor_name": _text(row, "sponsoring_institution_nrmp", 120),
        "program_city": " ".join(row.get("program_city", "").split())[:100],
        "state": _state(row),
        "track_name": _text(row, "nrmp_program_name", 120),
        "specialty_label": _text(row, "specialty", 120),
        "quota": quota,
        "matched": matched,
        "snhaf_member": row.get("snhaf_member", "").lower() == "true",
    }


def parse_rows(
    csv_file: CsvFile,
    parse: Callable[[dict[str, str]], tuple[Any, dict[str, Any]]],
    report,
    key_field: str,
) -> dict[Any, dict[str, Any]]:
    """Parse every row; refuse bad ones and later duplicates of a key, naming line and field."""
    parsed: dict[Any, dict[str, Any]] = {}
    first_line: dict[Any, int] = {}
    report.reject_bad_rows(csv_file)
    for line, row in csv_file.rows:
        try:
            key, values = parse(row)
        except RowError as exc:
            report.reject(line, _row_key(row), str(exc), field=exc.field)
            continue
        if key in parsed:
            report.reject(line, str(key), f"duplicate of line {first_line[key]}", field=key_field)
            continue
        parsed[key], first_line[key] = values, line
    return parsed


def _row_key(row: dict[str, str]) -> str:
    return row.get("acgme_program_id") or row.get("nrmp_program_code") or "?"


# Writing ------------------------------------------------------------------------------------


def upsert(
    model: type[models.Model],
    existing: Mapping[Any, models.Model],
    wanted: dict[Any, dict[str, Any]],
    build: Callable[[Any, dict[str, Any]], models.Model],
    report: FileReport,
) -> None:
    """Create missing rows, update rows whose values differ, count the rest as unchanged."""
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    changed_fields: set[str] = set()
    for key, values in wanted.items():
        obj = existing.get(key)
        if obj is None:
            to_create.append(build(key, values))
            continue
        diff = {name: value for name, value in values.items() if getattr(obj, name) != value}
        for name, value in diff.items():
            setattr(obj, name, value)
        if diff:
            changed_fields.update(diff)
            to_update.append(obj)
    model._default_manager.bulk_create(to_create, batch_size=BATCH)
    bulk_set(model, to_update, sorted(changed_fields))
    report.created += len(to_create)
    report.updated += len(to_update)
    report.unchanged += len(wanted) - len(to_create) - len(to_update)


def import_acgme(csv_file: CsvFile, report: FileReport) -> None:
    parsed = parse_rows(csv_file, parse_acgme_row, report, "acgme_program_id")
    specialties = _upsert_specialties(parsed.values())
    _upsert_cities(parsed.values())
    wanted = {acgme_id: _program_values(values, specialties) for acgme_id, values in parsed.items()}
    existing = {p.acgme_id: p for p in Program.objects.all()}
    upsert(Program, existing, wanted, lambda key, values: Program(acgme_id=key, **values), report)
    missing = len(set(existing) - set(wanted))
    if missing:
        report.notes.append(f"{missing} program(s) in the database are not in this file (kept)")


def _program_values(values: dict[str, Any], specialties: dict[str, Specialty]) -> dict[str, Any]:
    x, y, z = unit_vector(values["latitude"], values["longitude"])
    return {
        "specialty_id": specialties[values["specialty_code"]].pk,
        "name": values["name"],
        "city": values["city"],
        "state": values["state"],
        "region": REGION_OF[values["state"]],
        "latitude": values["latitude"],
        "longitude": values["longitude"],
        "unit_x": x,
        "unit_y": y,
        "unit_z": z,
    }


def _upsert_specialties(rows: Iterable[dict[str, Any]]) -> dict[str, Specialty]:
    names = {row["specialty_code"]: row["specialty_name"] for row in rows}
    wanted = {
        code: {"name": name, "slug": SPECIALTY_SLUGS.get(code) or slugify(name).replace("-", "_")}
        for code, name in names.items()
    }
    existing = {s.code: s for s in Specialty.objects.all()}
    upsert(Specialty, existing, wanted, lambda k, v: Specialty(code=k, **v), FileReport("", ""))
    return {s.code: s for s in Specialty.objects.all()}


def _upsert_cities(rows: Iterable[dict[str, Any]]) -> None:
    """One point per city: the coordinates most of its programs carry."""
    points: dict[tuple[str, str], Counter] = {}
    for row in rows:
        points.setdefault((row["city"], row["state"]), Counter())[
            (row["latitude"], row["longitude"])
        ] += 1
    wanted = {
        key: dict(zip(("latitude", "longitude"), counter.most_common(1)[0][0], strict=True))
        for key, counter in points.items()
    }
    existing = {(c.name, c.state): c for c in City.objects.all()}
    upsert(
        City,
        existing,
        wanted,
        lambda key, values: City(name=key[0], state=key[1], **values),
        FileReport("", ""),
    )


def import_nrmp(csv_file: CsvFile, report: FileReport) -> None:
    wanted = parse_rows(csv_file, parse_nrmp_row, report, "nrmp_program_code")
    existing = {n.code: n for n in NrmpProgram.objects.all()}
    upsert(NrmpProgram, existing, wanted, lambda k, v: NrmpProgram(code=k, **v), report)


def import_results(csv_file: CsvFile, report: FileReport) -> None:
    wanted = parse_rows(csv_file, parse_result_row, report, "nrmp_program_code")
    existing = {(r.match_type, r.nrmp_code, r.match_year): r for r in NrmpResult.objects.all()}
    upsert(
        NrmpResult,
        existing,
        wanted,
        lambda key, values: NrmpResult(
            match_type=key[0], nrmp_code=key[1], match_year=key[2], **values
        ),
        report,
    )


POSITION_ORDER = "".join(PositionType.values)
