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
from imgpath.programs.models.evidence import (
    SHOWN_STATUSES,
    EmployerLink,
    EmployerSource,
    LcaFiling,
    LinkStatus,
    SponsoringInstitution,
    UscisApproval,
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
    "SHOWN_STATUSES",
    "City",
    "ClaimStatus",
    "CommunityReport",
    "EmployerLink",
    "EmployerSource",
    "ImportKind",
    "ImportRun",
    "LcaFiling",
    "LedgerEntry",
    "LinkMethod",
    "LinkStatus",
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
    "SponsoringInstitution",
    "UscisApproval",
    "ValueKind",
]
