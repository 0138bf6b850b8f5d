"""Fixtures of the programs tests: a small real extract of the three directory files."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgpath.programs.models import Program
from imgpath.programs.services.imports import DirectoryFiles, directory_import

FIXTURES = Path(__file__).parent / "fixtures"
MIAMI_IM = "1401121100"
MIAMI_ANESTHESIA = "0401121036"
ELMIRA_IM = "1403500927"
CHICAGO_IM = "1401611114"


@pytest.fixture
def fixture_files() -> DirectoryFiles:
    return DirectoryFiles(FIXTURES / "acgme.csv", FIXTURES / "nrmp.csv", FIXTURES / "results.csv")


@pytest.fixture
def directory(db, fixture_files):
    """The small directory imported as `manage.py import_programs` would."""
    return directory_import(files=fixture_files)


@pytest.fixture
def miami(directory) -> Program:
    return Program.objects.get(acgme_id=MIAMI_IM)


@pytest.fixture
def elmira(directory) -> Program:
    return Program.objects.get(acgme_id=ELMIRA_IM)
