"""Demo data: the real directory files, plus a few example ledger values labelled as demo."""

from __future__ import annotations

import datetime as dt

from imgpath.accounts.models import User
from imgpath.programs.models import (
    CommunityReport,
    LedgerEntry,
    Program,
    ProgramClaim,
    SavedProgram,
    SourceKind,
)
from imgpath.programs.services.claims import program_claim_approve, program_claim_request
from imgpath.programs.services.crosswalk import shipped_evidence_load
from imgpath.programs.services.imports import directory_import
from imgpath.programs.services.ledger import ledger_entry_create, policy_value_parse
from imgpath.programs.services.reports import community_report_create
from imgpath.programs.services.saved import saved_program_add

ORDER = 20
DEMO_NOTE = "Demo data: an example value to show how the ledger works, not a verified fact."
VERIFIED_ON = dt.date(2026, 1, 15)

# Example values for a handful of real programs; every one is stored with source "demo".
DEMO_LEDGER = {
    "1401121100": {
        "accepts_imgs": "yes", "j1_sponsorship": "yes", "h1b_sponsorship": "no",
        "yog_limit_years": "5", "usmle_attempt_limit": "1", "min_step2ck": "230",
        "usce_required_months": "3", "usce_observership_accepted": "yes", "img_share_percent": "35",
    },
    "1401100894": {
        "accepts_imgs": "yes", "j1_sponsorship": "yes", "h1b_sponsorship": "yes",
        "h1b_step3_before_ranking": "yes", "yog_limit_years": "3", "min_step2ck": "no",
        "img_share_percent": "60",
    },
    "1403500927": {
        "accepts_imgs": "yes", "j1_sponsorship": "yes", "h1b_sponsorship": "yes",
        "h1b_step3_before_ranking": "no", "yog_limit_years": "no", "usmle_attempt_limit": "2",
        "usce_required_months": "no", "ecfmg_certified_by": "no", "img_share_percent": "80",
    },
    "1401611114": {"accepts_imgs": "no", "j1_sponsorship": "no", "h1b_sponsorship": "no"},
    "1401621129": {"accepts_imgs": "yes", "j1_sponsorship": "yes", "usce_required_months": "6"},
}  # fmt: skip


def load_demo(*, stdout) -> None:
    outcome = directory_import()
    for report in outcome.files:
        stdout.write(f"programs: {report.summary()}")
    # Real federal H-1B evidence (not demo data): the shipped DOL and USCIS copies and the
    # reviewed crosswalk, so the directory shows evidence from the first start.
    for evidence in shipped_evidence_load():
        stdout.write(f"programs: {evidence.summary()}")
    count = Program.objects.filter(institution__has_h1b_evidence=True).count()
    stdout.write(f"programs: {count} programs show federal H-1B evidence")
    programs = {p.acgme_id: p for p in Program.objects.filter(acgme_id__in=DEMO_LEDGER)}
    added = sum(_ledger(program, DEMO_LEDGER[acgme_id]) for acgme_id, program in programs.items())
    _people(programs)
    stdout.write(f"programs: {added} demo ledger value(s) added, each labelled as demo data")


def _ledger(program: Program, values: dict[str, str]) -> int:
    added = 0
    for field, raw in values.items():
        if LedgerEntry.objects.filter(
            program=program, field=field, source_kind=SourceKind.DEMO
        ).exists():
            continue
        ledger_entry_create(
            program=program,
            field=field,
            value=policy_value_parse(field=field, raw=raw),
            source_kind=SourceKind.DEMO,
            verified_on=VERIFIED_ON,
            note=DEMO_NOTE,
        )
        added += 1
    return added


def _people(programs: dict[str, Program]) -> None:
    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.imgpath.org")}
    applicant, other = (
        users.get("applicant@demo.imgpath.org"),
        users.get("applicant2@demo.imgpath.org"),
    )
    host, staff = users.get("host@demo.imgpath.org"), users.get("staff@demo.imgpath.org")
    miami, arnot = programs.get("1401121100"), programs.get("1403500927")
    if applicant and miami and arnot:
        _save(
            applicant, miami, "Strong IM program; asks for first-attempt passes.", "reach, florida"
        )
        _save(applicant, arnot, "Sponsors both visas per the (demo) ledger.", "safety, visa ok")
    if other and miami and not CommunityReport.objects.filter(author=other).exists():
        community_report_create(
            program=miami,
            author=other,
            field="h1b_sponsorship",
            raw_value="yes",
            note="Demo data: an example community report (a resident said so at an open house).",
        )
    if host and staff and arnot:
        _claim(host, staff, arnot)


def _save(user: User, program: Program, note: str, tags: str) -> None:
    if not SavedProgram.objects.filter(user=user, program=program).exists():
        saved_program_add(user=user, program=program, note=note, tags=tags)


def _claim(host, staff, program: Program) -> None:
    if ProgramClaim.objects.filter(host=host, program=program).exists():
        return
    claim = program_claim_request(
        program=program,
        host=host,
        role_title="Program coordinator (demo)",
        evidence="Demo account: approved automatically so the representative flow can be tried.",
    )
    program_claim_approve(claim=claim, staff=staff)
