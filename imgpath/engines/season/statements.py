"""Personal statements: the character count ERAS applies, and a diff between two versions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from imgpath.engines.season.model import Reason
from imgpath.engines.season.rules import SeasonRules


@dataclass(frozen=True, slots=True)
class StatementCheck:
    characters: int
    limit: int
    reasons: tuple[Reason, ...]

    @property
    def over_limit(self) -> bool:
        return self.characters > self.limit


def count_characters(text: str) -> int:
    """Letters, numbers, spaces and punctuation; a line break counts once however it is typed."""
    return len(text.replace("\r\n", "\n").replace("\r", "\n"))


def check_statement(text: str, rules: SeasonRules) -> StatementCheck:
    count = count_characters(text)
    limit = rules.statement_max_characters
    if count > limit:
        words = f"{count:,} characters: {count - limit:,} over the ERAS limit of {limit:,}."
    else:
        words = f"{count:,} of {limit:,} characters."
    return StatementCheck(count, limit, (Reason("characters", words, rules.statement_fact),))


def diff_versions(old: str, new: str) -> list[tuple[str, str]]:
    """Line by line: ("same" | "added" | "removed", line)."""
    marks = {" ": "same", "+": "added", "-": "removed"}
    return [
        (marks[line[0]], line[2:])
        for line in difflib.ndiff(old.splitlines(), new.splitlines())
        if line[0] in marks
    ]
