from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from imgpath.programs.models import (
    City,
    ImportRun,
    LinkMethod,
    NrmpProgram,
    NrmpResult,
    Program,
    Specialty,
)
from imgpath.programs.services.imports import DirectoryFiles, directory_import
from imgpath.programs.services.linking import (
    UNLINKED_AMBIGUOUS,
    UNLINKED_NO_STATE,
)
from imgpath.programs.tests.conftest import FIXTURES, MIAMI_ANESTHESIA, MIAMI_IM

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, list]:
    return {
        "programs": list(Program.objects.order_by("acgme_id").values()),
        "codes": list(NrmpProgram.objects.order_by("code").values()),
        "results": list(NrmpResult.objects.order_by("nrmp_code", "match_year").values()),
        "cities": list(City.objects.order_by("name").values()),
        "specialties": list(Specialty.objects.order_by("code").values()),
    }


def _run(*args: str) -> str:
    out = StringIO()
    call_command("import_programs", *args, stdout=out)
    return out.getvalue()


def _fixture_args(acgme=None, nrmp=None, results=None) -> list[str]:
    return [
        f"--acgme={acgme or FIXTURES / 'acgme.csv'}",
        f"--nrmp={nrmp or FIXTURES / 'nrmp.csv'}",
        f"--results={results or FIXTURES / 'results.csv'}",
    ]


def test_import_creates_every_row_and_reports_counts():
    out = _run(*_fixture_args())

    assert Program.objects.count() == 10
    assert NrmpProgram.objects.count() == 8
    assert NrmpResult.objects.count() == 11
    assert "acgme: acgme.csv: 10 created, 0 updated, 0 unchanged, 0 rejected" in out
    assert "nrmp: nrmp.csv: 8 created" in out
    assert ImportRun.objects.count() == 3


def test_a_second_run_changes_nothing():
    _run(*_fixture_args())
    before = _snapshot()

    forced = _run(*_fixture_args(), "--force")
    skipped = _run(*_fixture_args())

    assert _snapshot() == before
    assert "acgme: acgme.csv: 0 created, 0 updated, 10 unchanged, 0 rejected" in forced
    assert "Rows whose links or search columns changed: 0" in forced
    assert "unchanged since its last import; skipped" in skipped
    assert ImportRun.objects.count() == 6


def test_changed_rows_are_updated(tmp_path: Path):
    _run(*_fixture_args())
    changed = tmp_path / "acgme.csv"
    text = (FIXTURES / "acgme.csv").read_text()
    changed.write_text(text.replace("Arnot Ogden Medical Center Program", "Arnot Ogden Program"))

    out = _run(*_fixture_args(acgme=changed))

    assert "acgme: acgme.csv: 0 created, 1 updated, 9 unchanged, 0 rejected" in out
    assert Program.objects.get(acgme_id="1403500927").name == "Arnot Ogden Program"
    assert "arnot ogden program" in Program.objects.get(acgme_id="1403500927").search_text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("acgme_program_id,specialty\n1401121100,Internal Medicine\n", r"lacks the column\(s\)"),
        ("", "is empty"),
    ],
)
def test_a_malformed_file_exits_non_zero_and_leaves_the_database_as_it_was(
    tmp_path: Path, content: str, message: str
):
    bad = tmp_path / "nrmp.csv"
    bad.write_text(content)

    with pytest.raises(CommandError, match=message):
        _run(*_fixture_args(nrmp=bad))

    assert Program.objects.count() == 0
    assert ImportRun.objects.count() == 0


def test_a_malformed_file_after_a_good_import_changes_nothing(tmp_path: Path):
    _run(*_fixture_args())
    before = _snapshot()
    changed = tmp_path / "acgme.csv"
    changed.write_text((FIXTURES / "acgme.csv").read_text().replace("Elmira", "Horseheads"))
    bad = tmp_path / "results.csv"
    bad.write_text("match_year,quota\n2026,4\n")

    with pytest.raises(CommandError, match=r"results\.csv"):
        _run(*_fixture_args(acgme=changed, results=bad))

    assert _snapshot() == before
    assert ImportRun.objects.count() == 3


def test_unreadable_and_non_utf8_files_are_refused(tmp_path: Path):
    latin = tmp_path / "results.csv"
    latin.write_bytes((FIXTURES / "results.csv").read_bytes() + "Montréal".encode("latin-1"))

    with pytest.raises(CommandError, match="cannot be read"):
        _run(*_fixture_args(acgme=tmp_path / "missing.csv"))
    with pytest.raises(CommandError, match="not UTF-8"):
        _run(*_fixture_args(results=latin))
    assert Program.objects.count() == 0


def _run_failing(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_programs", *args, stdout=out, stderr=err)
    return str(failure.value), err.getvalue()


def test_bad_rows_write_nothing_and_each_is_named_by_line_and_field(tmp_path: Path):
    _run(*_fixture_args())
    before = _snapshot()
    acgme = tmp_path / "acgme.csv"
    good = (FIXTURES / "acgme.csv").read_text()
    acgme.write_text(
        good.replace("Elmira", "Horseheads")  # a good change that must not be applied
        + "14011211,140,Internal Medicine,Short Id Program,Miami,FL,25.7,-80.2\n"
        + "1409999997,140,Internal Medicine,Short Row Program,Miami\n"
        + "1409999999,140,Internal Medicine,Nowhere Program,Atlantis,ZZ,25.7,-80.2\n"
        + "1409999998,140,Internal Medicine,Far Program,Miami,FL,125.7,-80.2\n"
        + "1401121100,140,Internal Medicine,Duplicate Program,Miami,FL,25.7,-80.2\n"
    )
    results = tmp_path / "results.csv"
    results.write_text((FIXTURES / "results.csv").read_text() + "2026,Main,bad-code\n")

    message, err = _run_failing(*_fixture_args(acgme=acgme, results=results), "--force")

    assert message.startswith("Nothing was imported: 6 row(s) rejected in acgme.csv, results.csv")
    assert "acgme.csv line 12, field acgme_program_id (14011211): acgme_program_id is not 10" in err
    assert "acgme.csv line 13, field state (?): is short: no value for state, latitude" in err
    assert "acgme.csv line 14, field state (1409999999): state 'ZZ' is not a US state" in err
    assert "acgme.csv line 15, field latitude (1409999998): latitude 125.7 is out of range" in err
    assert "acgme.csv line 16, field acgme_program_id (1401121100): duplicate of line 7" in err
    assert "results.csv line 13, field " in err
    assert _snapshot() == before
    assert ImportRun.objects.count() == 3


def test_a_row_with_too_many_values_is_named(tmp_path: Path):
    acgme = tmp_path / "acgme.csv"
    acgme.write_text(
        (FIXTURES / "acgme.csv").read_text()
        + "1409999997,140,Internal Medicine,Long Row Program,Miami,FL,25.7,-80.2,extra\n"
    )

    _, err = _run_failing(*_fixture_args(acgme=acgme))

    assert "acgme.csv line 12, field ? (?): has 1 value(s) more than the header" in err
    assert Program.objects.count() == 0


def test_a_file_that_is_not_utf8_names_the_line_and_writes_nothing(tmp_path: Path):
    latin = tmp_path / "acgme.csv"
    latin.write_bytes(
        (FIXTURES / "acgme.csv").read_bytes().replace(b"Elmira", "Élmira".encode("latin-1"))
    )

    message, _ = _run_failing(*_fixture_args(acgme=latin))

    assert "acgme.csv: is not UTF-8 text (byte 0xC9 on line" in message
    assert "save it as UTF-8" in message
    assert Program.objects.count() == 0


def test_nrmp_codes_link_by_crosswalk_and_by_institution(fixture_files):
    outcome = directory_import(files=fixture_files)

    crosswalk = NrmpProgram.objects.get(code="1104140C0")
    assert (crosswalk.program.acgme_id, crosswalk.link_method) == (MIAMI_IM, LinkMethod.CROSSWALK)
    by_name = NrmpProgram.objects.get(code="1104040A0")
    assert (by_name.program.acgme_id, by_name.link_method) == (
        MIAMI_ANESTHESIA,
        LinkMethod.INSTITUTION,
    )
    # An IM track missing from the crosswalk still links through the institution rule.
    assert NrmpProgram.objects.get(code="1104140C4").program.acgme_id == MIAMI_IM
    assert outcome.links.unlinked[UNLINKED_NO_STATE] == 1


def test_ambiguous_institutions_stay_unlinked_with_the_reason(directory):
    family = NrmpProgram.objects.get(code="1104120C0")

    assert family.program is None
    assert family.link_note == UNLINKED_AMBIGUOUS
    assert NrmpProgram.objects.get(code="1004430A0").link_note == UNLINKED_NO_STATE


def test_programs_get_position_types_and_results_link_through_codes(directory):
    miami = Program.objects.get(acgme_id=MIAMI_IM)

    assert miami.position_types == "CP"
    assert "1104140p0" in miami.search_text.split()
    assert NrmpResult.objects.filter(program=miami).count() == 6
    fellowships = NrmpResult.objects.filter(match_type="Specialty")
    assert fellowships.count() == 2
    assert not fellowships.exclude(program=None).exists()


def test_import_reports_what_stayed_unlinked(fixture_files):
    out = _run(*_fixture_args())

    assert "NRMP codes linked by crosswalk: 3, by institution match: 3, unlinked: 2" in out
    assert f"unlinked, {UNLINKED_NO_STATE}: 1" in out
    assert "Match results linked to a program: 9, unlinked: 2" in out


def test_the_shipped_files_have_their_provenance_next_to_them():
    files = DirectoryFiles()
    for path in (files.acgme, files.nrmp, files.results):
        assert path.exists()
        assert (path.parent / "PROVENANCE.md").exists()


@pytest.mark.slow
def test_the_full_data_set_imports_cleanly_and_idempotently(tmp_path: Path):
    first = directory_import()
    before = _snapshot()
    second = directory_import(force=True)

    assert [r.created for r in first.files] == [5656, 6263, 4563]
    assert all(not r.rejected for r in first.files)
    assert [r.unchanged for r in second.files] == [5656, 6263, 4563]
    assert second.links.changed == 0
    assert _snapshot() == before
    assert Specialty.objects.count() == 32
    linked = NrmpProgram.objects.exclude(program=None).count()
    assert linked > 4000


def test_the_test_fixtures_are_real_rows_of_the_shipped_files():
    files = DirectoryFiles()
    for shipped, fixture in ((files.acgme, "acgme.csv"), (files.nrmp, "nrmp.csv")):
        lines = set(shipped.read_text().splitlines())
        assert set((FIXTURES / fixture).read_text().splitlines()) <= lines
