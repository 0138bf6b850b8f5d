"""Small teaching markets for "How the Match works": plain text in, engine instance out.

No database: the page parses the text on each request, replays the engine's trace step by
step, and tries every reordering and truncation of one applicant's list to show that none
beats ranking in true order (strategy-proofness for applicants: Dubins and Freedman 1981;
Roth 1982).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import permutations

from imgpath.engines.stable_matching import (
    Applicant,
    Event,
    Instance,
    InstanceError,
    Program,
    solve,
    trace,
)

MAX_MARKET_CHARS = 1200
MAX_PROGRAMS = 8
MAX_APPLICANTS = 12
MAX_NAME = 40
MAX_CAPACITY = 9
MAX_GAME_LIST = 5

_LINE = re.compile(
    r"^(?P<kind>program|applicant)\s*:\s*(?P<name>[^:()]*?)\s*"
    r"(?:\((?P<capacity>[^)]*)\))?\s*(?::(?P<ranks>.*))?$",
    re.IGNORECASE,
)


class MarketError(ValueError):
    """The market text cannot be used; the message names the line."""


@dataclass(frozen=True)
class Example:
    slug: str
    title: str
    summary: str
    text: str


EXAMPLES = (
    Example(
        "first-look",
        "A first look",
        "Two programs, three applicants, one displacement.",
        "Program: City Hospital (1): Chen, Ana, Ben\n"
        "Program: Lake Clinic (2): Ana, Chen, Ben\n"
        "Applicant: Ana: City Hospital, Lake Clinic\n"
        "Applicant: Ben: Lake Clinic, City Hospital\n"
        "Applicant: Chen: City Hospital, Lake Clinic",
    ),
    Example(
        "chain",
        "A chain of displacements",
        "One late proposal moves three people.",
        "Program: Mercy (1): Dev, Cara, Ana, Ben\n"
        "Program: Summit (1): Ana, Dev, Ben, Cara\n"
        "Program: Valley (2): Ben, Cara, Dev, Ana\n"
        "Applicant: Ana: Mercy, Summit, Valley\n"
        "Applicant: Ben: Mercy, Summit, Valley\n"
        "Applicant: Cara: Summit, Mercy, Valley\n"
        "Applicant: Dev: Summit, Mercy, Valley",
    ),
    Example(
        "honesty",
        "Why the side that proposes matters",
        "If programs proposed, Al could gain by leaving South off his list. "
        "Because applicants propose, he cannot.",
        "Program: North (1): Bo, Al\n"
        "Program: South (1): Al, Bo\n"
        "Applicant: Al: North, South\n"
        "Applicant: Bo: South, North",
    ),
)
EXAMPLES_BY_SLUG = {e.slug: e for e in EXAMPLES}


def parse_market(text: str) -> Instance:
    """Read lines such as `Program: City Hospital (2): Ana, Ben` and
    `Applicant: Ana: City Hospital, Lake Clinic` into an engine instance."""
    if len(text) > MAX_MARKET_CHARS:
        raise MarketError(f"Keep the market under {MAX_MARKET_CHARS} characters.")
    programs: dict[str, tuple[int, int, list[str]]] = {}
    applicants: dict[str, tuple[int, list[str]]] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        kind, name, capacity, ranks = _parse_line(number, line)
        if name in programs or name in applicants:
            raise MarketError(f"Line {number}: “{name}” is already in the market.")
        if kind == "program":
            programs[name] = (number, capacity, ranks)
        else:
            applicants[name] = (number, ranks)
    _check_size(programs, applicants)
    _check_names(programs, applicants)
    try:
        return Instance(
            programs=tuple(
                Program(id=n, capacity=c, ranks=tuple(r)) for n, (_, c, r) in programs.items()
            ),
            applicants=tuple(Applicant(id=n, ranks=tuple(r)) for n, (_, r) in applicants.items()),
        )
    except InstanceError as exc:  # the checks above should leave nothing for the engine
        raise MarketError(str(exc)) from exc


def _parse_line(number: int, line: str) -> tuple[str, str, int, list[str]]:
    match = _LINE.match(line)
    if match is None:
        raise MarketError(
            f"Line {number}: start with “Program:” or “Applicant:”, then a name (got “{line}”)."
        )
    kind = match["kind"].lower()
    name = match["name"].strip()
    if not name:
        raise MarketError(f"Line {number}: give the {kind} a name.")
    if len(name) > MAX_NAME:
        raise MarketError(f"Line {number}: keep names under {MAX_NAME} characters.")
    capacity = _capacity(number, kind, match["capacity"])
    ranks = [part.strip() for part in (match["ranks"] or "").split(",") if part.strip()]
    for entry, count in Counter(ranks).items():
        if count > 1:
            raise MarketError(f"Line {number}: {name} lists “{entry}” twice.")
    return kind, name, capacity, ranks


def _capacity(number: int, kind: str, value: str | None) -> int:
    if kind == "applicant":
        if value is not None:
            raise MarketError(f"Line {number}: only programs have positions in brackets.")
        return 0
    if value is None:
        return 1
    if not value.strip().isdigit() or int(value) > MAX_CAPACITY:
        raise MarketError(
            f"Line {number}: positions are a whole number from 0 to {MAX_CAPACITY}, as in “(2)”."
        )
    return int(value)


def _check_size(programs: dict, applicants: dict) -> None:
    if not programs or not applicants:
        raise MarketError("Add at least one program and one applicant.")
    if len(programs) > MAX_PROGRAMS or len(applicants) > MAX_APPLICANTS:
        raise MarketError(
            f"This page runs small markets: up to {MAX_PROGRAMS} programs and "
            f"{MAX_APPLICANTS} applicants."
        )


def _check_names(programs: dict, applicants: dict) -> None:
    for name, (number, _, ranks) in programs.items():
        for entry in ranks:
            if entry not in applicants:
                raise MarketError(
                    f"Line {number}: {name} ranks “{entry}”, who is not an applicant here."
                )
    for name, (number, ranks) in applicants.items():
        for entry in ranks:
            if entry not in programs:
                raise MarketError(
                    f"Line {number}: {name} ranks “{entry}”, which is not a program here."
                )


@dataclass(frozen=True)
class Step:
    """One proposal and the tentative matches right after it."""

    event: Event
    held: dict[str, tuple[str, ...]]

    @property
    def number(self) -> int:
        return self.event.step


def replay(instance: Instance) -> tuple[Step, ...]:
    """Every proposal of applicant-proposing deferred acceptance, with what each program
    holds after it, best-ranked first."""
    order = {p.id: {a: i for i, a in enumerate(p.ranks)} for p in instance.programs}
    held: dict[str, list[str]] = {p.id: [] for p in instance.programs}
    steps = []
    for event in trace(instance):
        holding = held[event.program]
        if event.displaced is not None:
            holding.remove(event.displaced)
        if event.outcome != "rejected":
            holding.append(event.applicant)
        snapshot = {
            program: tuple(sorted(people, key=order[program].__getitem__))
            for program, people in held.items()
        }
        steps.append(Step(event=event, held=snapshot))
    return tuple(steps)


def choice_number(instance: Instance, applicant: str, program: str | None) -> int | None:
    """Where `program` is on the applicant's list (1 = first), or None."""
    ranks = next(a.ranks for a in instance.applicants if a.id == applicant)
    return ranks.index(program) + 1 if program in ranks else None


@dataclass(frozen=True)
class Outcome:
    """What one submitted list got the applicant, judged by their true list."""

    program: str | None
    choice: int | None  # on the true list
    lists: int
    example: tuple[str, ...]


@dataclass(frozen=True)
class Game:
    applicant: str
    truthful: str | None
    truthful_choice: int | None
    tried: int
    better: int
    outcomes: tuple[Outcome, ...]


def play(instance: Instance, applicant: str, *, propose: str = "applicants") -> Game:
    """Solve once per reordering or truncation of the applicant's list (the empty list too)
    and compare each result with the truthful one, by the applicant's true preferences."""
    true_list = next(a.ranks for a in instance.applicants if a.id == applicant)
    if len(true_list) > MAX_GAME_LIST:
        raise MarketError(
            f"{applicant} ranks {len(true_list)} programs; this check tries every list of up "
            f"to {MAX_GAME_LIST} programs. Shorten the list to play."
        )
    truthful = solve(instance, propose).assignments[applicant]  # type: ignore[arg-type]
    results: dict[str | None, list[tuple[str, ...]]] = {}
    for submitted in _every_list(true_list):
        got = solve(_with_list(instance, applicant, submitted), propose).assignments[applicant]  # type: ignore[arg-type]
        results.setdefault(got, []).append(submitted)
    worth: dict[str | None, int] = {p: i for i, p in enumerate(true_list)}
    truthful_worth = worth.get(truthful, len(true_list))
    outcomes = sorted(
        (
            Outcome(program=p, choice=worth[p] + 1 if p else None, lists=len(ls), example=ls[0])
            for p, ls in results.items()
        ),
        key=lambda o: worth.get(o.program, len(true_list)),
    )
    return Game(
        applicant=applicant,
        truthful=truthful,
        truthful_choice=truthful_worth + 1 if truthful else None,
        tried=sum(o.lists for o in outcomes),
        better=sum(
            o.lists for o in outcomes if worth.get(o.program, len(true_list)) < truthful_worth
        ),
        outcomes=tuple(outcomes),
    )


def _every_list(true_list: tuple[str, ...]):
    for size in range(len(true_list) + 1):
        yield from permutations(true_list, size)


def _with_list(instance: Instance, applicant: str, ranks: tuple[str, ...]) -> Instance:
    return Instance(
        programs=instance.programs,
        applicants=tuple(
            Applicant(id=a.id, ranks=ranks) if a.id == applicant else a for a in instance.applicants
        ),
    )
