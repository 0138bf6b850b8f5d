"""Crosswalk: link employers named in federal H-1B files to residency sponsoring institutions.

`crosswalk(employers, institutions)` proposes links with a method, a score and a confidence;
only unique, same-name links on the sponsor publish, the rest go to a person for review. The
method is documented in `match.py`.
"""

from __future__ import annotations

from imgpath.engines.crosswalk.match import (
    FUZZY_MIN_SCORE,
    MIN_SHARED_DISTINCTIVE,
    Decision,
    Employer,
    Institution,
    Link,
    Method,
    crosswalk,
)
from imgpath.engines.crosswalk.names import distinctive, name_parts, split_name, words
from imgpath.engines.crosswalk.trainee import is_physician_soc, is_trainee_title

__all__ = [
    "FUZZY_MIN_SCORE",
    "MIN_SHARED_DISTINCTIVE",
    "Decision",
    "Employer",
    "Institution",
    "Link",
    "Method",
    "crosswalk",
    "distinctive",
    "is_physician_soc",
    "is_trainee_title",
    "name_parts",
    "split_name",
    "words",
]
