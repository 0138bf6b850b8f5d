"""Ids to indices for a million list entries at once, in numpy instead of a dict lookup each.

Each lookup in a dict of 50,000 ids costs a few cache misses, and a Match-sized instance has
over a million list entries. Short ASCII ids are instead packed into 64-bit words (exact, not a
digest), hashed into buckets and compared word by word in whole-array steps. Anything outside
that case (non-string entries, non-ASCII, NUL characters, long ids, unknown ids) returns None,
and the caller takes the dict path, which also names what is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

Array = np.ndarray[Any, Any]

# Ids longer than this many bytes take the dict path (the packed form grows with the longest).
_MAX_BYTES = 32
_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93],
    dtype=np.uint64,
)


class IdTable:
    """The known ids, packed and bucketed once, to look up many entries against."""

    def __init__(self, ids: Sequence[str]) -> None:
        self.usable = False
        if not ids:
            return
        width = max(map(len, ids))
        if width > _MAX_BYTES:
            return
        self.words = -(-width // 8)
        packed = _pack(ids, self.words * 8)
        if packed is None:
            return
        self.bits = max(int(len(ids) * 4).bit_length(), 4)
        slot = self._slot(packed)
        order = np.argsort(slot, kind="stable")
        counts = np.bincount(slot, minlength=1 << self.bits)
        self.start = np.concatenate([[0], np.cumsum(counts)[:-1]])
        self.counts = counts
        self.keys = packed[order]
        self.index = order
        self.usable = True

    def _slot(self, packed: Array) -> Array:
        with np.errstate(over="ignore"):
            mixed = packed[:, 0] * _MULTIPLIERS[0]
            for column in range(1, packed.shape[1]):
                mixed ^= packed[:, column] * _MULTIPLIERS[column]
            mixed *= _MULTIPLIERS[0]
        slot: Array = (mixed >> np.uint64(64 - self.bits)).astype(np.int64)
        return slot

    def lookup(self, items: list[Any]) -> Array | None:
        """Each item's index among the ids, or None unless every item is a known id."""
        if not self.usable:
            return None
        if not items:
            return np.zeros(0, dtype=np.int32)
        packed = _pack(items, self.words * 8)
        if packed is None:
            return None
        slot = self._slot(packed)
        start, counts = self.start[slot], self.counts[slot]
        found = np.full(len(items), -1, dtype=np.int64)
        pending = np.flatnonzero(counts > 0)
        probe = 0
        while pending.size:
            candidate = start[pending] + probe
            hit = (self.keys[candidate] == packed[pending]).all(axis=1)
            found[pending[hit]] = self.index[candidate[hit]]
            probe += 1
            pending = pending[~hit & (counts[pending] > probe)]
        if (found < 0).any():
            return None
        return found.astype(np.int32)


def _pack(items: Sequence[Any], width: int) -> Array | None:
    """ASCII strings as rows of 64-bit words, or None if that would not be exact."""
    try:
        # join: every item is a string (numpy would turn a number into its digits).
        characters = len("".join(items))
        raw = np.array(items, dtype=f"S{width}")
    except (TypeError, UnicodeEncodeError, ValueError):
        return None
    # Exact only if no string was cut at `width` or held a NUL (which looks like padding).
    if np.count_nonzero(raw.view(np.uint8)) != characters:
        return None
    return raw.view(np.uint64).reshape(len(items), width // 8)
