"""Start-up step: the national IMG shares file and the program link patterns."""

from __future__ import annotations

from imgpath.programs import links
from imgpath.programs.national import national_shares


def warm_up() -> None:
    national_shares()
    links._patterns()
