"""Look up a file's ids in a second process while this one imports numpy and builds objects.

Before it can solve, the command spends most of its time on three things of similar size:
importing numpy and the engine, parsing the JSON into an `Instance`, and looking up each of
the half million ids on the rank lists. The import cannot be shared with another process, but
the lookups can: once the file is read, a helper is forked that parses the same bytes and looks
every id up (`lookup_ids`, the function validation itself uses) while this process imports and
builds. It sends back the two lists of indices; validation takes them instead of looking up
again. With two free CPUs the two processes finish their shares at about the same time, and
the command saves most of what the lookups cost (40 ms of 360 at 20,000 applicants).

The helper can only save time, never change an answer. Validation still checks every entry
itself and uses the helper's indices only for lists that passed those checks and only if their
lengths and ranges fit; anything unusual (an unknown id, a duplicate, a bad entry, no fork on
this platform, a crash) means the helper sends nothing and validation does the lookups and
names what is wrong. The helper prints nothing, runs only orjson, dicts and marshal (no lock
another thread could hold at the fork, no import), and is killed if it is not needed.
"""

from __future__ import annotations

import marshal
import os
import signal
from array import array
from collections.abc import Iterable, Mapping
from itertools import chain
from typing import Any, Literal, NamedTuple

import orjson

Mode = Literal["auto", "on", "off"]
# Up to this many known ids a dict lookup per entry beats validation's IdTable (numpy): the
# dict stays in cache. Measured with 2,807 ids (dict 11 ms vs 21 ms per 238,000 entries),
# 20,000 (21 vs 28) and 47,208 (100 vs 65 per 536,000). Validation takes the dict path up to
# here; so does the helper, which leaves larger sides to validation's IdTable.
DICT_LOOKUP_MAX_IDS = 32_768
# Below this a file parses in a few milliseconds: a second process would only add its start.
AUTO_MIN_BYTES = 1 << 20
# Indices travel as C ints: 32 bits wherever numpy's intc is int32, as the engine assumes.
INDEX_TYPECODE = "i"


def lookup_ids(lists: Iterable[Iterable[Any]], known: Mapping[str, int]) -> array[int]:
    """Every list's items as indices into `known`, flattened, in order.

    Raises KeyError for an unknown id and TypeError for an unhashable item; the caller names
    the entry. A map over the dict runs the lookups in C, without a Python loop.
    """
    return array(INDEX_TYPECODE, map(known.__getitem__, chain.from_iterable(lists)))


class ListLookups(NamedTuple):
    """The programs' lists as applicant indices and the applicants' lists as program indices.

    None for a side whose ids are too many for dict lookups (validation's IdTable is faster).
    """

    ranked_applicant: bytes | None
    choice_program: bytes | None


class Helper:
    """A forked helper working out `ListLookups`; `result` waits for it, `close` ends it."""

    def __init__(self, pid: int, read_fd: int) -> None:
        self.pid = pid
        self.read_fd = read_fd
        self.finished = False

    def result(self) -> ListLookups | None:
        """The helper's lookups, or None if it found something unusual or failed."""
        if self.finished:
            return None
        chunks = []
        while chunk := os.read(self.read_fd, 1 << 20):
            chunks.append(chunk)
        status = self._reap()
        if status != 0 or not chunks:
            return None
        try:
            # Written by this process's own child from a file it read; nobody else can.
            ranked, choices = marshal.loads(b"".join(chunks))  # noqa: S302
        except (EOFError, ValueError, TypeError):
            return None
        return ListLookups(ranked_applicant=ranked, choice_program=choices)

    def close(self) -> None:
        """End the helper if its result was not taken (the command failed or finished early)."""
        if not self.finished:
            os.kill(self.pid, signal.SIGKILL)
            self._reap()

    def _reap(self) -> int:
        """The helper's wait status; -1 if something else in the process already reaped it."""
        os.close(self.read_fd)
        self.finished = True
        try:
            return os.waitpid(self.pid, 0)[1]
        except ChildProcessError:
            return -1


def start_helper(raw: bytes, mode: Mode = "auto") -> Helper | None:
    """Fork a helper on `raw` (the instance file's bytes), or None where it would not help."""
    if mode == "off" or not hasattr(os, "fork"):
        return None
    if mode == "auto" and (len(raw) < AUTO_MIN_BYTES or _free_cpus() < 2):
        return None
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the helper
        code = 1
        try:
            os.close(read_fd)
            payload = _lookups_payload(raw)
            if payload is not None:
                _write_all(write_fd, payload)
                code = 0
        finally:
            # No cleanup, no flushing of buffers the parent also holds, no traceback: the
            # parent treats any failure here as "no lookups" and does them itself.
            os._exit(code)
    os.close(write_fd)
    return Helper(pid, read_fd)


def _free_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _lookups_payload(raw: bytes) -> bytes | None:
    """The marshalled lookups of a well-formed instance, or None for anything else."""
    try:
        data = orjson.loads(raw)
        programs, applicants = data["programs"], data["applicants"]
        program_index = _index(programs)
        applicant_index = _index(applicants)
        if program_index is None or applicant_index is None:
            return None
        ranked = _side((p["ranks"] for p in programs), applicant_index)
        choices = _side((a.get("ranks", ()) for a in applicants), program_index)
    except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError):
        return None
    if ranked is None and choices is None:
        return None
    return marshal.dumps((ranked, choices))


def _side(lists: Iterable[Iterable[Any]], known: dict[str, int]) -> bytes | None:
    return lookup_ids(lists, known).tobytes() if len(known) <= DICT_LOOKUP_MAX_IDS else None


def _index(entries: list[Any]) -> dict[str, int] | None:
    index = {entry["id"]: i for i, entry in enumerate(entries)}
    return index if len(index) == len(entries) else None


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]
