"""`python -m imgpath.engines.stable_matching solve|verify`: the engine on JSON files.

Exit codes: 0 stable, 1 unstable (blocking pairs printed), 2 bad input (nothing written).

The engine's modules (and numpy with them) are imported inside the functions, after the input
file is read: the helper process of loader.py must be started before numpy is imported.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import orjson

from .errors import InstanceError, ResultError
from .loader import Mode, start_helper
from .process import collector_paused, keep_freed_memory

if TYPE_CHECKING:
    from .model import Instance, Verification

EXIT_STABLE, EXIT_UNSTABLE, EXIT_BAD_INPUT = 0, 1, 2
# Enough to act on without flooding a terminal; the result file holds them all.
PRINT_LIMIT = 50


class BadInput(Exception):
    """Input the command cannot use; the message names the file and the entry."""


def run() -> NoReturn:
    """The command: `main`, then exit without taking the heap apart object by object.

    A Match-sized instance is a million small objects; freeing them one at a time, then the
    interpreter's own shutdown, would add a tenth to the command's time and do nothing that
    ending the process does not. Output is flushed first; the result file is already in place.
    """
    # Nor is the cycle collector turned back on: its first pass would walk everything loaded.
    gc.disable()
    keep_freed_memory()
    held: list[object] = []
    code = main(held=held)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None, *, held: list[object] | None = None) -> int:
    """Run the command; `held`, if given, keeps what it loaded alive for a caller that exits."""
    args = _parser().parse_args(argv)
    held = [] if held is None else held
    try:
        # Loading builds about a million objects, none in cycles: without the cycle collector
        # walking them again and again, reading a Match-sized file takes a third of the time.
        with collector_paused():
            if args.command == "solve":
                return _solve(args, sys.stdout, held)
            return _verify(args, sys.stdout, held)
    except BadInput as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m imgpath.engines.stable_matching",
        description="Stable matching with couples and supplemental lists (Roth-Peranson).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    solve_cmd = commands.add_parser("solve", help="match an instance and write the result")
    solve_cmd.add_argument("instance", type=Path)
    solve_cmd.add_argument("-o", "--output", type=Path, required=True)
    solve_cmd.add_argument("--propose", choices=("applicants", "programs"), default="applicants")
    solve_cmd.add_argument("--max-iterations", type=int, default=None)
    verify_cmd = commands.add_parser("verify", help="list what makes a matching unstable")
    verify_cmd.add_argument("instance", type=Path)
    verify_cmd.add_argument("result", type=Path)
    for command in (solve_cmd, verify_cmd):
        command.add_argument(
            "--engine",
            choices=("auto", "python", "compiled"),
            default="auto",
            help="interpreted or numba-compiled kernels (auto: compiled for large instances)",
        )
        command.add_argument(
            "--parallel-load",
            choices=("auto", "on", "off"),
            default="auto",
            help="look ids up in a second process while the engine loads (auto: for files "
            "over 1 MB with two CPUs free); the result is the same either way",
        )
    return parser


def _solve(args: argparse.Namespace, out: TextIO, held: list[object]) -> int:
    started = time.perf_counter()
    if args.max_iterations is not None and args.max_iterations < 0:
        raise BadInput("--max-iterations must be 0 or more")
    instance = _load_instance(args.instance, held, args.parallel_load)
    from .serialize import result_to_dict
    from .solver import solve, verify

    result = solve(instance, args.propose, engine=args.engine, max_iterations=args.max_iterations)
    held.append(result)
    _write_atomically(args.output, result_to_dict(result))
    stats = result.stats
    print(
        f"matched {stats['matched_applicants']} of {stats['applicants']} applicants; "
        f"{'stable' if result.stable else 'NOT stable'}; "
        f"{stats['iterations']} proposals; {time.perf_counter() - started:.2f} s",
        file=out,
    )
    if result.stable:
        return EXIT_STABLE
    _print_problems(verify(instance, result, engine=args.engine), out)
    return EXIT_UNSTABLE


def _verify(args: argparse.Namespace, out: TextIO, held: list[object]) -> int:
    instance = _load_instance(args.instance, held, args.parallel_load)
    from .serialize import result_from_dict
    from .solver import verify

    try:
        result = result_from_dict(_load_json(args.result))
        report = verify(instance, result, engine=args.engine)
    except ResultError as error:
        raise BadInput(f"{args.result}: {error}") from error
    if report.stable:
        print("stable: no blocking pairs, no capacity violations", file=out)
        return EXIT_STABLE
    _print_problems(report, out)
    return EXIT_UNSTABLE


def _load_json(path: Path, raw: bytes | None = None) -> Any:
    # orjson reads a Match-sized file three times faster than json, and rejects what json
    # would (bad UTF-8 included) with a JSONDecodeError.
    try:
        return orjson.loads(_read(path) if raw is None else raw)
    except orjson.JSONDecodeError as error:
        raise BadInput(f"{path}: not valid JSON ({error})") from error


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise BadInput(f"{path}: cannot read ({error.strerror})") from error


def _load_instance(path: Path, held: list[object], parallel: Mode) -> Instance:
    raw = _read(path)
    helper = start_helper(raw, parallel)
    try:
        # numpy and the engine load here, while the helper (if any) looks the ids up.
        from .parsing import parse_instance
        from .validation import validate_instance  # noqa: F401

        data = _load_json(path, raw)
        held.append(data)
        try:
            instance = parse_instance(data, lookups=helper.result if helper else None)
        except InstanceError as error:
            raise BadInput(f"{path}: {error}") from error
    finally:
        if helper is not None:
            helper.close()
    held.append(instance)
    return instance


def _write_atomically(path: Path, data: dict[str, Any]) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file.

    The temporary name carries the process id and O_EXCL refuses an existing file (a leftover
    of a killed run, say), so two commands never share one; the mode is what open() gives.
    """
    directory = path.parent if str(path.parent) else Path()
    if not directory.is_dir():
        raise BadInput(f"{path}: directory {directory} does not exist")
    fd, temporary = _create_beside(path, directory)
    try:
        with open(fd, "wb") as handle:
            handle.write(orjson.dumps(data) + b"\n")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _create_beside(path: Path, directory: Path) -> tuple[int, Path]:
    for attempt in range(100):
        temporary = directory / f".{path.name}.{os.getpid()}.{attempt}.tmp"
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temporary
        except FileExistsError:
            continue
        except OSError as error:
            raise BadInput(f"{path}: cannot write in {directory} ({error.strerror})") from error
    raise BadInput(f"{path}: too many leftover temporary files in {directory}")


def _print_problems(report: Verification, out: TextIO) -> None:
    lines = [
        *(
            _describe_pair(pair.applicants, pair.programs, pair.couple)
            for pair in report.blocking_pairs
        ),
        *(
            f"capacity: {v.program} holds {v.assigned} with capacity {v.capacity}"
            for v in report.capacity_violations
        ),
        *(
            f"unacceptable: {', '.join(u.applicants)} at {_names(u.programs)}: {u.reason}"
            for u in report.unacceptable
        ),
    ]
    print(
        f"NOT stable: {len(report.blocking_pairs)} blocking pairs, "
        f"{len(report.capacity_violations)} capacity violations, "
        f"{len(report.unacceptable)} unacceptable assignments",
        file=out,
    )
    for line in lines[:PRINT_LIMIT]:
        print(line, file=out)
    if len(lines) > PRINT_LIMIT:
        print(f"... and {len(lines) - PRINT_LIMIT} more", file=out)


def _describe_pair(
    applicants: tuple[str, ...], programs: tuple[str | None, ...], couple: str | None
) -> str:
    who = f"couple {couple} ({', '.join(applicants)})" if couple else applicants[0]
    return f"blocking: {who} and {_names(programs)}"


def _names(programs: tuple[str | None, ...]) -> str:
    return " + ".join(p if p is not None else "(unmatched)" for p in programs)
