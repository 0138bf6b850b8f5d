"""Start-up step: check and render the shipped articles and load the facts they cite."""

from __future__ import annotations

from imgpath.library.selectors import library


def warm_up() -> None:
    library()
