from __future__ import annotations

from imgpath.programs.models.directory import (
    ACGME_SEARCH_URL,
    NRMP_DIRECTORY_URL,
    City,
    ImportKind,
    ImportRun,
    LinkMethod,
    MatchType,
    NrmpProgram,
    NrmpResult,
    PositionType,
    Program,
    Specialty,
)
from imgpath.programs.models.ledger import (
    ClaimStatus,
    CommunityReport,
    LedgerEntry,
    ProgramClaim,
    ReportStatus,
)
from imgpath.programs.models.lists import SavedProgram
from imgpath.programs.policy import PolicyField, SourceKind, ValueKind

__all__ = [
    "ACGME_SEARCH_URL",
    "NRMP_DIRECTORY_URL",
    "City",
    "ClaimStatus",
    "CommunityReport",
    "ImportKind",
    "ImportRun",
    "LedgerEntry",
    "LinkMethod",
    "MatchType",
    "NrmpProgram",
    "NrmpResult",
    "PolicyField",
    "PositionType",
    "Program",
    "ProgramClaim",
    "ReportStatus",
    "SavedProgram",
    "SourceKind",
    "Specialty",
    "ValueKind",
]
