from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from imgpath.core.errors import ServiceError
from imgpath.programs.models import ImportRun, LedgerEntry, Program, SourceKind, ValueKind
from imgpath.programs.services.ledger import (
    ParsedValue,
    ledger_entry_create,
    ledger_entry_supersede,
    policy_value_parse,
)
from imgpath.programs.tests.conftest import ELMIRA_IM, MIAMI_IM
from imgpath.programs.tests.factories import LedgerEntryFactory, ProgramFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 2, 1)


def _state(program: Program, **changes) -> None:
    """Record a statement from staff unless told otherwise."""
    defaults = {
        "source_kind": SourceKind.STAFF,
        "verified_on": DAY,
        "source_url": "https://x.org/p",
    }
    field, raw = changes.pop("field"), changes.pop("raw")
    ledger_entry_create(
        program=program,
        field=field,
        value=policy_value_parse(field=field, raw=raw),
        **{**defaults, **changes},
    )


@pytest.mark.parametrize(
    ("field", "raw", "expected"),
    [
        ("j1_sponsorship", "Yes", ParsedValue("yes")),
        ("j1_sponsorship", "unknown", ParsedValue("unknown")),
        ("yog_limit_years", "5", ParsedValue("number", number=5)),
        ("yog_limit_years", "no limit", ParsedValue("no")),
        ("min_step2ck", "no", ParsedValue("no")),
        ("ecfmg_certified_by", "2027-01-31", ParsedValue("date", day=dt.date(2027, 1, 31))),
        ("website_url", "https://im.example.org", ParsedValue("url", url="https://im.example.org")),
    ],
)
def test_values_are_read_per_field(field, raw, expected):
    assert policy_value_parse(field=field, raw=raw) == expected


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        ("j1_sponsorship", "5", "enter yes, no or unknown"),
        ("yog_limit_years", "99", "between 0 and 50"),
        ("img_share_percent", "no", "a number from 0 to 100"),
        ("ecfmg_certified_by", "soon", "YYYY-MM-DD"),
        ("website_url", "javascript:alert(1)", "full web address"),
        ("nonsense", "yes", "Unknown ledger field"),
        ("j1_sponsorship", "ye\x00s", "Null characters"),
    ],
)
def test_bad_values_are_refused_with_a_reason(field, raw, message):
    with pytest.raises(ServiceError, match=message):
        policy_value_parse(field=field, raw=raw)


def test_a_statement_updates_the_programs_search_columns():
    program = ProgramFactory()

    _state(program, field="yog_limit_years", raw="5")
    _state(program, field="j1_sponsorship", raw="no")

    program.refresh_from_db()
    assert (program.yog_limit_years, program.yog_limit_years_value) == ("number", 5)
    assert program.j1_sponsorship == ValueKind.NO
    assert program.h1b_sponsorship == ValueKind.UNKNOWN
    assert program.ledger_updated_on == DAY


def test_a_newer_statement_from_the_same_source_supersedes_and_keeps_history():
    program = ProgramFactory()
    _state(program, field="j1_sponsorship", raw="no")
    _state(program, field="j1_sponsorship", raw="yes", verified_on=DAY + dt.timedelta(days=3))

    entries = LedgerEntry.objects.filter(program=program)
    assert entries.count() == 2
    assert entries.active().get().kind == "yes"
    program.refresh_from_db()
    assert program.j1_sponsorship == "yes"
    assert program.ledger_conflicts == 0


def test_different_sources_stay_active_the_latest_counts_and_the_conflict_shows():
    program = ProgramFactory()
    _state(program, field="h1b_sponsorship", raw="yes", source_kind=SourceKind.IMPORTED)
    _state(
        program,
        field="h1b_sponsorship",
        raw="no",
        source_kind=SourceKind.COMMUNITY,
        verified_on=DAY + dt.timedelta(days=30),
    )

    program.refresh_from_db()
    assert program.h1b_sponsorship == "no"
    assert program.ledger_conflicts == 1
    assert LedgerEntry.objects.active().filter(program=program).count() == 2


def test_on_the_same_day_the_more_trusted_source_counts():
    program = ProgramFactory()
    _state(program, field="h1b_sponsorship", raw="no", source_kind=SourceKind.COMMUNITY)
    _state(program, field="h1b_sponsorship", raw="yes", source_kind=SourceKind.STAFF)
    _state(program, field="h1b_sponsorship", raw="no", source_kind=SourceKind.IMPORTED)

    program.refresh_from_db()
    assert program.h1b_sponsorship == "yes"


def test_an_explicit_unknown_is_unknown_and_not_a_conflict():
    program = ProgramFactory()
    _state(program, field="accepts_imgs", raw="yes", source_kind=SourceKind.IMPORTED)
    _state(program, field="accepts_imgs", raw="unknown", verified_on=DAY + dt.timedelta(days=1))

    program.refresh_from_db()
    assert program.accepts_imgs == ValueKind.UNKNOWN
    assert program.ledger_conflicts == 0


def test_superseding_by_hand_recomputes_the_current_value():
    program = ProgramFactory()
    _state(program, field="j1_sponsorship", raw="yes")

    ledger_entry_supersede(entry=LedgerEntry.objects.get(program=program))

    program.refresh_from_db()
    assert program.j1_sponsorship == ValueKind.UNKNOWN


def test_statements_need_a_real_past_date_and_a_fitting_value():
    program = ProgramFactory()
    tomorrow = timezone.localdate() + dt.timedelta(days=2)

    with pytest.raises(ServiceError, match="real past date"):
        _state(program, field="j1_sponsorship", raw="yes", verified_on=tomorrow)
    with pytest.raises(ServiceError, match="enter yes, no"):
        ledger_entry_create(
            program=program,
            field="j1_sponsorship",
            value=ParsedValue("number", number=3),
            source_kind=SourceKind.STAFF,
            verified_on=DAY,
            note="x",
        )
    assert not LedgerEntry.objects.exists()


def test_the_database_refuses_an_entry_without_a_source_or_with_a_mismatched_value():
    program = ProgramFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntryFactory(program=program, source_url="", note="")
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntryFactory(program=program, kind="number", number_value=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Program.objects.filter(pk=program.pk).update(yog_limit_years="number")


# Ledger CSV import --------------------------------------------------------------------------

LEDGER_HEADER = "acgme_program_id,field,value,source_url,note,verified_on\n"


def _ledger_csv(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "ledger.csv"
    path.write_text(LEDGER_HEADER + rows)
    return path


def _import_ledger(path: Path) -> str:
    out = StringIO()
    call_command("import_ledger", str(path), stdout=out)
    return out.getvalue()


def test_ledger_import_is_idempotent(directory, tmp_path):
    path = _ledger_csv(
        tmp_path,
        f"{MIAMI_IM},j1_sponsorship,yes,https://med.example.edu/gme/im,,2026-01-05\n"
        f"{MIAMI_IM},yog_limit_years,5,,Program FAQ page (print),2026-01-05\n",
    )

    first = _import_ledger(path)
    second = _import_ledger(path)

    assert "2 created, 0 updated, 0 unchanged, 0 rejected" in first
    assert "0 created, 0 updated, 2 unchanged, 0 rejected" in second
    miami = Program.objects.get(acgme_id=MIAMI_IM)
    assert (miami.j1_sponsorship, miami.yog_limit_years_value) == ("yes", 5)
    assert LedgerEntry.objects.filter(source_kind=SourceKind.IMPORTED).count() == 2


def test_a_ledger_file_with_bad_rows_writes_nothing_and_names_each_row(directory, tmp_path):
    path = _ledger_csv(
        tmp_path,
        f"{MIAMI_IM},j1_sponsorship,yes,https://med.example.edu/gme/im,,2026-01-05\n"
        f"{ELMIRA_IM},h1b_sponsorship,maybe,https://x.org,,2026-01-05\n"
        f"0000000000,j1_sponsorship,yes,https://x.org,,2026-01-05\n"
        f"{ELMIRA_IM},j1_sponsorship,yes,,,2026-01-05\n"
        f"{ELMIRA_IM},min_step2ck,220,https://x.org,,2031-01-05\n"
        f"{ELMIRA_IM},no_such_field,yes,https://x.org,,2026-01-05\n"
        f"{ELMIRA_IM},min_step2ck,220,ftp://x.org,,2026-01-05\n"
        f"{ELMIRA_IM},yog_limit_years,5,https://x.org,,2026-02-30\n"
        f"{ELMIRA_IM},yog_limit_years,5\n",
    )
    err = StringIO()

    with pytest.raises(CommandError, match=r"Nothing was imported: 8 row\(s\) rejected"):
        call_command("import_ledger", str(path), stdout=StringIO(), stderr=err)

    lines = err.getvalue()
    assert "ledger.csv line 3, field value (1403500927/h1b_sponsorship): For “Sponsors" in lines
    assert "line 4, field acgme_program_id (0000000000/j1_sponsorship): no program" in lines
    assert "line 5, field source_url (1403500927/j1_sponsorship): a source_url or a" in lines
    assert "line 6, field verified_on (1403500927/min_step2ck): verified_on must be a" in lines
    assert "line 7, field field (1403500927/no_such_field): Unknown ledger field" in lines
    assert "line 8, field source_url (1403500927/min_step2ck): Enter a full web address" in lines
    assert "line 9, field verified_on (1403500927/yog_limit_years): verified_on is not" in lines
    assert "line 10, field source_url (?): is short: no value for source_url, note" in lines
    assert not LedgerEntry.objects.filter(source_kind=SourceKind.IMPORTED).exists()
    assert Program.objects.get(acgme_id=MIAMI_IM).j1_sponsorship == "unknown"
    assert not ImportRun.objects.filter(kind="ledger").exists()


def test_a_ledger_file_that_is_not_utf8_is_refused_with_the_line(directory, tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_bytes(
        (LEDGER_HEADER + f"{MIAMI_IM},j1_sponsorship,yes,,Caf\u00e9 talk,2026-01-05\n").encode(
            "latin-1"
        )
    )

    with pytest.raises(CommandError, match=r"is not UTF-8 text \(byte 0xE9 on line 2\)"):
        _import_ledger(path)
    assert not LedgerEntry.objects.filter(source_kind=SourceKind.IMPORTED).exists()


def test_ledger_import_updates_a_changed_value_and_keeps_the_old_as_history(directory, tmp_path):
    _import_ledger(
        _ledger_csv(tmp_path, f"{MIAMI_IM},j1_sponsorship,yes,https://x.org,,2026-01-05\n")
    )

    out = _import_ledger(
        _ledger_csv(tmp_path, f"{MIAMI_IM},j1_sponsorship,no,https://x.org,,2026-02-05\n")
    )

    assert "0 created, 1 updated, 0 unchanged, 0 rejected" in out
    assert Program.objects.get(acgme_id=MIAMI_IM).j1_sponsorship == "no"
    assert LedgerEntry.objects.filter(superseded_at__isnull=False).count() == 1


def test_a_malformed_ledger_file_changes_nothing(directory, tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_text("acgme_program_id,field\n1401121100,j1_sponsorship\n")

    with pytest.raises(CommandError, match="lacks the column"):
        _import_ledger(path)
    assert not LedgerEntry.objects.exists()
