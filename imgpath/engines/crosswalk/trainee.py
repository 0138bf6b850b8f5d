"""Which LCA job titles are physician trainee titles (residents and fellows)."""

from __future__ import annotations

import re

# The words the shipped DOL copy was split by, as whole words where a bare substring would
# catch "Internal Medicine" or "President". Job titles are free text: some attending "fellow"
# roles are caught and residents titled only "Physician" are missed (stated wherever counts show).
TRAINEE_TITLE = re.compile(
    r"\bRESIDENT|FELLOW|HOUSE STAFF|PGY|\bINTERNS?\b|\bINTERNSHIP|POSTGRADUATE|POST-GRADUATE"
    r"|TRAINEE"
)


def is_trainee_title(job_title: str) -> bool:
    return TRAINEE_TITLE.search(job_title.upper()) is not None


def is_physician_soc(soc_code: str) -> bool:
    """2018 SOC physicians and surgeons (29-1210..29-1249) or the 2010 codes (29-1060..29-1069)."""
    code = soc_code.strip()
    if len(code) < 7 or code[2] != "-" or not code[:2].isdigit() or not code[3:7].isdigit():
        return False
    major, detail = int(code[:2]), int(code[3:7])
    return major == 29 and (1210 <= detail <= 1249 or 1060 <= detail <= 1069)
