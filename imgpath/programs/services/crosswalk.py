"""The reviewed employer -> institution crosswalk: build it with the engine, load it, ship it.

`crosswalk_build` runs `imgpath.engines.crosswalk` over the imported employers and the
sponsoring institutions and writes the CSV a person reviews; `crosswalk_load` turns the
shipped (reviewed) file into links: `publish` rows show at once, `review` rows wait in the
staff queue. A staff decision survives every later load.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from imgpath.core.fragments import content_changed
from imgpath.engines.crosswalk import Decision, Employer, Institution, crosswalk
from imgpath.programs.models import (
    EmployerLink,
    EmployerSource,
    ImportKind,
    LcaFiling,
    LinkStatus,
    Program,
    SponsoringInstitution,
    UscisApproval,
)
from imgpath.programs.services import federal_import as fi
from imgpath.programs.services.csvfiles import ImportFileError
from imgpath.programs.services.evidence import evidence_refresh, institutions_refresh
from imgpath.programs.services.federal_files import (
    FederalReport,
    RowsRejected,
    file_checksum,
    header_key,
    read_rows,
)

DATA_DIR = Path(settings.BASE_DIR) / "imgpath" / "data" / "h1b"
SHIPPED_LCA = DATA_DIR / "dol-lca-physicians-fy2025q2" / "lca_physicians_fy2025q2.csv"
SHIPPED_USCIS = (
    DATA_DIR / "uscis-h1b-employer-hub-2018-2022" / "uscis_h1b_hub_health_edu_2018_2022.csv"
)
SHIPPED_CROSSWALK = DATA_DIR / "crosswalk" / "employer_institution_crosswalk.csv"
COLUMNS = (
    "source", "employer_name", "employer_key", "state", "institution_name", "method", "score",
    "confidence", "decision", "reasons",
)  # fmt: skip
DECISION_STATUS = {Decision.PUBLISH: LinkStatus.PUBLISHED, Decision.REVIEW: LinkStatus.PENDING}
REVIEWED = (LinkStatus.CONFIRMED, LinkStatus.REJECTED)


def _employers() -> list[tuple[str, str, str, str, frozenset[str]]]:
    """(source, employer_key, most used name, state, cities) for every imported employer."""
    found: dict[tuple, tuple[Counter, set]] = defaultdict(lambda: (Counter(), set()))
    lca = LcaFiling.objects.values_list(
        "employer_key", "worksite_state", "employer_name", "worksite_city"
    )
    uscis = UscisApproval.objects.values_list("employer_key", "state", "employer_name", "city")
    for source, rows in ((EmployerSource.DOL_LCA, lca), (EmployerSource.USCIS_HUB, uscis)):
        for key, state, name, city in rows.iterator(chunk_size=2000):
            names, cities = found[(source, key, state)]
            names[name] += 1
            if city:
                cities.add(city)
    return [
        (source, key, names.most_common(1)[0][0], state, frozenset(cities))
        for (source, key, state), (names, cities) in sorted(found.items())
    ]


def _institutions() -> list[Institution]:
    cities: dict[int, set[str]] = defaultdict(set)
    for institution_id, city in Program.objects.filter(institution__isnull=False).values_list(
        "institution_id", "city"
    ):
        cities[institution_id].add(city)
    return [
        Institution(i.key, i.name, i.state, frozenset(cities[i.pk]))
        for i in SponsoringInstitution.objects.all()
    ]


def crosswalk_build(*, output: Path) -> Counter:
    """Write the proposed crosswalk for review; returns how many rows per decision."""
    institutions_refresh()
    employers = _employers()
    by_key = {f"{s}|{k}|{st}": (s, k, n, st) for s, k, n, st, _ in employers}
    institutions = _institutions()
    names = {i.key: i.name for i in institutions}
    links = crosswalk(
        [Employer(f"{s}|{k}|{st}", n, st, c) for s, k, n, st, c in employers], institutions
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    tally: Counter = Counter()
    with output.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(COLUMNS)
        for link in links:
            source, key, name, state = by_key[link.employer_key]
            writer.writerow([
                source, name, key, state, names[link.institution_key], link.method,
                f"{link.score:g}", f"{link.confidence:.2f}", link.decision, "; ".join(link.reasons),
            ])  # fmt: skip
            tally[link.decision] += 1
    return tally


@dataclass(frozen=True)
class _Row:
    source: str
    employer_key: str
    employer_name: str
    state: str
    institution_id: int
    method: str
    score: float
    confidence: float
    status: str
    reasons: str

    @property
    def key(self) -> tuple:
        return (self.source, self.employer_key, self.state, self.institution_id)


def _parse(line: int, row: dict, institutions: dict[str, int]) -> tuple[_Row | None, str]:
    errors = []
    source = row.get("source", "")
    if source not in EmployerSource.values:
        errors.append(f"source {source!r} is not one of {', '.join(EmployerSource.values)}")
    state = row.get("state", "").upper()
    institution = institutions.get(f"{state}|{row.get('institution_name', '')}")
    if institution is None:
        errors.append(f"no institution {row.get('institution_name', '')!r} in {state!r}")
    decision = row.get("decision", "")
    if decision not in DECISION_STATUS:
        errors.append(f"decision {decision!r} is not publish or review")
    numbers = {}
    for name, high in (("score", 100.0), ("confidence", 1.0)):
        try:
            numbers[name] = float(row.get(name, ""))
            if not 0 <= numbers[name] <= high:
                raise ValueError
        except ValueError:
            errors.append(f"{name} {row.get(name, '')!r} is not a number from 0 to {high:g}")
    key, name = row.get("employer_key", ""), row.get("employer_name", "")
    if not key or not name or len(key) > 200 or len(name) > 200:
        errors.append("employer_key and employer_name need 1 to 200 characters")
    if errors or institution is None:
        return None, "; ".join(errors)
    parsed = _Row(
        source, key, name, state, institution, row.get("method", "")[:30], numbers["score"],
        numbers["confidence"], DECISION_STATUS[Decision(decision)], row.get("reasons", "")[:500],
    )  # fmt: skip
    return parsed, ""


def crosswalk_load(*, path: Path = SHIPPED_CROSSWALK, force: bool = False) -> FederalReport:
    """Load a reviewed crosswalk file (all or nothing) and recompute the evidence."""
    content_changed("programs")  # bulk writes send no signal: the public search must refresh
    path = Path(path)
    report = FederalReport(ImportKind.CROSSWALK, path.name)
    checksum = file_checksum(path)
    if not force and fi._last_checksum(ImportKind.CROSSWALK, path.name) == checksum:
        report.skipped_file = True
        return report
    institutions = dict(SponsoringInstitution.objects.values_list("key", "pk"))
    required: dict[str, tuple[str, ...]] = {name: (header_key(name),) for name in COLUMNS}
    rows: list[_Row] = []
    bad, seen = [], set()
    for line, row in read_rows(path, required):
        parsed, error = _parse(line, row, institutions)
        if parsed is not None and parsed.key in seen:
            parsed, error = None, "the same employer and institution are listed twice"
        if parsed is None:
            bad.append((line, row.get("employer_name", "") or "?", error))
        else:
            seen.add(parsed.key)
            rows.append(parsed)
    if bad:
        raise RowsRejected(path.name, bad[: fi.MAX_NAMED_BAD_ROWS])
    started = timezone.now()
    with transaction.atomic():
        _apply(rows, report)
        fi._record(ImportKind.CROSSWALK, path.name, checksum, report, started)
        evidence_refresh()
    return report


FIELDS = ["employer_name", "method", "score", "confidence", "reasons", "status"]


def _apply(rows: list[_Row], report: FederalReport) -> None:
    existing = {
        (link.source, link.employer_key, link.state, link.institution_id): link
        for link in EmployerLink.objects.all()
    }
    to_create, to_update = [], []
    for row in rows:
        link = existing.pop(row.key, None)
        values = {
            "employer_name": row.employer_name, "method": row.method, "score": row.score,
            "confidence": row.confidence, "reasons": row.reasons,
            "status": link.status if link and link.status in REVIEWED else row.status,
        }  # fmt: skip
        if link is None:
            to_create.append(
                EmployerLink(
                    source=row.source,
                    employer_key=row.employer_key,
                    state=row.state,
                    institution_id=row.institution_id,
                    **values,
                )
            )
        elif any(getattr(link, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(link, name, value)
            to_update.append(link)
        else:
            report.unchanged += 1
    # Links the file no longer proposes go, unless a person decided on them.
    gone = [link.pk for link in existing.values() if link.status not in REVIEWED]
    EmployerLink.objects.filter(pk__in=gone).delete()
    EmployerLink.objects.bulk_create(to_create, batch_size=fi.BATCH)
    EmployerLink.objects.bulk_update(to_update, FIELDS, batch_size=fi.BATCH)
    report.created, report.updated, report.removed = len(to_create), len(to_update), len(gone)


def shipped_evidence_load() -> list[FederalReport]:
    """Institutions, the shipped DOL and USCIS copies and the shipped crosswalk, in order."""
    institutions_refresh()
    reports = [fi.lca_import(path=SHIPPED_LCA), fi.uscis_import(path=SHIPPED_USCIS)]
    reports.append(crosswalk_load(path=SHIPPED_CROSSWALK))
    if not reports[-1].skipped_file:
        return reports
    if any(not r.skipped_file for r in reports):
        evidence_refresh()
    return reports


__all__ = [
    "SHIPPED_CROSSWALK",
    "ImportFileError",
    "crosswalk_build",
    "crosswalk_load",
    "shipped_evidence_load",
]
