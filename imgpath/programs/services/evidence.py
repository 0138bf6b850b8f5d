"""Sponsoring institutions, their crosswalk links, and the H-1B evidence shown for them.

`institutions_refresh` derives institutions from the ACGME program names; `evidence_refresh`
recomputes every institution's evidence items from the links that show (published or
confirmed by staff), so a page reads one precomputed column per institution.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.core.errors import ServiceError
from imgpath.core.fragments import content_changed
from imgpath.engines.crosswalk import words
from imgpath.programs.caching import directory_changed
from imgpath.programs.models import (
    SHOWN_STATUSES,
    EmployerLink,
    EmployerSource,
    LcaFiling,
    LinkStatus,
    Program,
    SponsoringInstitution,
    UscisApproval,
)
from imgpath.programs.services.bulk import bulk_set

EVIDENCE_COUNT_KEY = "programs:h1b-evidence-programs"
DOL_URL = "https://www.dol.gov/agencies/eta/foreign-labor/performance"
USCIS_URL = "https://www.uscis.gov/tools/reports-and-studies/h-1b-employer-data-hub"
LCA_LIMITS = (
    "A Labor Condition Application is filed before an H-1B petition: it is not a visa, a "
    "petition approval or a program's policy. Confirm with the program.",
    "Counted per employer: one employer can file for many programs, and the worksite can "
    "differ from where a program is based.",
    "Trainee titles are found by words in free-text job titles (resident, fellow, PGY...): "
    "some attending fellows are counted and residents titled only \u201cPhysician\u201d are not.",
)
LCA_NO_STATUS = (
    "This copy has no case status: withdrawn or denied filings may be counted; only "
    "\u201clisted in the disclosure file\u201d is known."
)
LCA_PART_YEAR = (
    "Covers {period} only, not a full year; most resident filings are made in spring for a "
    "July start, so this undercounts."
)
USCIS_LIMITS = (
    "Counts approvals for every H-1B worker of this employer (researchers, IT staff, "
    "nurses...), not only physicians; it shows the employer has used H-1B, not that a "
    "program sponsors residents.",
    "Places are the petitioner's headquarters, not the worksite; the latest fiscal year may "
    "be partial.",
)


def institution_name(program_name: str) -> str:
    """The sponsor as the ACGME names it: "Cleveland Clinic Foundation Program" -> the first."""
    return program_name.removesuffix(" Program").strip() or program_name


def institution_key(name: str, state: str) -> str:
    return f"{state}|{name}"[:220]


@transaction.atomic
def institutions_refresh() -> int:
    """Create the sponsoring institutions of every program and link programs to them.

    Returns how many programs changed institution. Idempotent.
    """
    content_changed("programs")  # bulk writes send no signal: the public search must refresh
    programs = list(Program.objects.only("pk", "name", "state", "city", "institution_id"))
    groups: dict[str, list[Program]] = defaultdict(list)
    for program in programs:
        groups[institution_key(institution_name(program.name), program.state)].append(program)
    codes = _nrmp_codes()
    existing = {i.key: i for i in SponsoringInstitution.objects.all()}
    new = [
        SponsoringInstitution(
            key=key, name=institution_name(members[0].name), state=members[0].state
        )
        for key, members in groups.items()
        if key not in existing
    ]
    SponsoringInstitution.objects.bulk_create(new)
    existing.update({i.key: i for i in SponsoringInstitution.objects.filter(key__in=groups)})
    changed_programs, changed_institutions = [], []
    for key, members in groups.items():
        institution = existing[key]
        city = Counter(p.city for p in members).most_common(1)[0][0]
        nrmp = ",".join(sorted({c for p in members for c in codes.get(p.pk, ())}))[:200]
        if (institution.city, institution.nrmp_institution_codes, institution.program_count) != (
            city, nrmp, len(members)
        ):  # fmt: skip
            institution.city, institution.nrmp_institution_codes = city, nrmp
            institution.program_count = len(members)
            changed_institutions.append(institution)
        for program in members:
            if program.institution_id != institution.pk:
                program.institution_id = institution.pk
                changed_programs.append(program)
    bulk_set(
        SponsoringInstitution,
        changed_institutions,
        ["city", "nrmp_institution_codes", "program_count"],
    )
    bulk_set(Program, changed_programs, ["institution"])
    _evidence_changed()
    return len(changed_programs)


def _nrmp_codes() -> dict[int, set[str]]:
    from imgpath.programs.models import NrmpProgram

    codes: dict[int, set[str]] = defaultdict(set)
    for program_id, code in NrmpProgram.objects.filter(program__isnull=False).values_list(
        "program_id", "institution_code"
    ):
        codes[program_id].add(code)
    return codes


# Evidence -------------------------------------------------------------------------------------


@dataclass
class _Lca:
    trainee: int = 0
    physician: int = 0
    without_status: int = 0


@transaction.atomic
def evidence_refresh() -> int:
    """Recompute every institution's evidence from the links that show. Returns how many
    institutions have H-1B evidence."""
    content_changed("programs")  # bulk writes send no signal: the public search must refresh
    links = list(
        EmployerLink.objects.filter(status__in=SHOWN_STATUSES).values_list(
            "institution_id", "source", "employer_key", "employer_name", "state"
        )
    )
    lca, periods = _lca_counts()
    uscis, years = _uscis_counts()
    items: dict[int, list[dict]] = {}
    by_institution: dict[int, list[tuple]] = defaultdict(list)
    for institution_id, *rest in links:
        by_institution[institution_id].append(tuple(rest))
    for institution_id, rows in by_institution.items():
        items[institution_id] = [
            item
            for item in (
                _lca_item(rows, lca, periods),
                _uscis_item(rows, uscis, years),
            )
            if item is not None
        ]
    changed = []
    for institution in SponsoringInstitution.objects.only("pk", "evidence", "has_h1b_evidence"):
        evidence = items.get(institution.pk, [])
        has = any(item["count"] > 0 for item in evidence)
        if institution.evidence != evidence or institution.has_h1b_evidence != has:
            institution.evidence, institution.has_h1b_evidence = evidence, has
            changed.append(institution)
    bulk_set(SponsoringInstitution, changed, ["evidence", "has_h1b_evidence"])
    _evidence_changed()
    transaction.on_commit(_evidence_changed)
    return SponsoringInstitution.objects.filter(has_h1b_evidence=True).count()


def _evidence_changed() -> None:
    cache.delete(EVIDENCE_COUNT_KEY)
    directory_changed()


def _counted_lca() -> Q:
    """Certified filings count; a file without CASE_STATUS counts every filing it lists."""
    return Q(case_status="") | Q(case_status__iexact="certified")


def _lca_counts() -> tuple[dict[tuple[str, str], _Lca], list[str]]:
    counts: dict[tuple[str, str], _Lca] = defaultdict(_Lca)
    rows = (
        LcaFiling.objects.filter(_counted_lca())
        .values("employer_key", "worksite_state", "trainee_title", "case_status")
        .annotate(n=Count("id"))
    )
    for row in rows:
        entry = counts[(row["employer_key"], row["worksite_state"])]
        entry.physician += row["n"]
        entry.trainee += row["n"] if row["trainee_title"] else 0
        entry.without_status += row["n"] if not row["case_status"] else 0
    periods = sorted(LcaFiling.objects.order_by().values_list("period", flat=True).distinct())
    return counts, periods


def _uscis_counts() -> tuple[dict[tuple[str, str], tuple[int, int]], list[int]]:
    rows = UscisApproval.objects.values("employer_key", "state").annotate(
        initial=Sum("initial_approvals"), continuing=Sum("continuing_approvals")
    )
    counts = {(r["employer_key"], r["state"]): (r["initial"], r["continuing"]) for r in rows}
    years = sorted(
        UscisApproval.objects.order_by().values_list("fiscal_year", flat=True).distinct()
    )
    return counts, years


def period_label(periods: list[str]) -> str:
    return ", ".join(periods) if len(periods) <= 3 else f"{periods[0]} to {periods[-1]}"


def _names(names: list[str]) -> tuple[str, str]:
    """The employer names as a phrase, and the verb agreeing with it. Spellings of one name
    ("Cleveland Clinic Foundation", "The Cleveland Clinic Foundation") count once."""
    unique = list({" ".join(words(name)): name for name in reversed(names)}.values())[::-1]
    if len(unique) == 1:
        return unique[0], "appears"
    if len(unique) == 2:
        return " and ".join(unique), "appear"
    return f"{unique[0]}, {unique[1]} and {len(unique) - 2} more employer names", "appear"


def _lca_item(rows, lca, periods) -> dict | None:
    mine = [r for r in rows if r[0] == EmployerSource.DOL_LCA]
    total = _Lca()
    names = []
    for _, key, name, state in mine:
        entry = lca.get((key, state))
        if entry and entry.physician:
            total.trainee += entry.trainee
            total.physician += entry.physician
            total.without_status += entry.without_status
            names.append(name)
    if not total.physician:
        return None
    period = period_label(periods)
    limits = list(LCA_LIMITS)
    if total.without_status:
        limits.insert(1, LCA_NO_STATUS)
    if all(" Q" in p for p in periods) and len(periods) < 4:
        limits.insert(1, LCA_PART_YEAR.format(period=period))
    filings = "filings" if total.without_status else "certified filings"
    who, verb = _names(names)
    if total.trainee:
        summary = (
            f"{who} {verb} in {total.trainee} Department of Labor H-1B {filings} "
            f"(LCAs) for physician trainee job titles in {period} ({total.physician} for all "
            "physician titles)."
        )
    else:
        summary = (
            f"{who} {verb} in {total.physician} Department of Labor H-1B {filings} "
            f"(LCAs) for physician job titles in {period}, none with a trainee job title."
        )
    return {
        "kind": "h1b_lca",
        "summary": summary,
        "count": total.trainee or total.physician,
        "trainee_count": total.trainee,
        "physician_count": total.physician,
        "period": period,
        "source_url": DOL_URL,
        "limits": limits,
    }


def _uscis_item(rows, uscis, years) -> dict | None:
    initial = continuing = 0
    names = []
    for source, key, name, state in rows:
        if source != EmployerSource.USCIS_HUB or (key, state) not in uscis:
            continue
        initial += uscis[(key, state)][0]
        continuing += uscis[(key, state)][1]
        names.append(name)
    if not initial + continuing:
        return None
    period = f"FY{years[0]}" if len(years) == 1 else f"FY{years[0]}\u2013FY{years[-1]}"
    summary = (
        f"USCIS recorded {initial} initial and {continuing} continuing H-1B approvals for "
        f"{_names(names)[0]} in {period} (all occupations)."
    )
    return {
        "kind": "h1b_uscis",
        "summary": summary,
        "count": initial + continuing,
        "period": period,
        "source_url": USCIS_URL,
        "limits": list(USCIS_LIMITS),
    }


# Review ---------------------------------------------------------------------------------------


def employer_link_review(*, link: EmployerLink, staff: User, confirm: bool) -> EmployerLink:
    """A person confirms or rejects a proposed link; the institution's evidence follows."""
    if not getattr(staff, "is_staff", False):
        raise ServiceError("Only staff review crosswalk links.")
    with transaction.atomic():
        link.status = LinkStatus.CONFIRMED if confirm else LinkStatus.REJECTED
        link.reviewed_by, link.reviewed_at = staff, timezone.now()
        link.full_clean()
        link.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        evidence_refresh()
    return link
