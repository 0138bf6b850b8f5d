"""Process-wide settings for building a million small objects and many large arrays quickly.

`collector_paused` serves every caller of `parse_instance`; `keep_freed_memory` only the
command, a short-lived process whose memory nothing else shares.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector (not reference counting) while building many small objects."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# glibc's mallopt parameters (malloc.h).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
# Blocks up to this size come from the heap: glibc's own cap for its sliding threshold on 64-bit
# systems, and larger than any array at Match size.
_MMAP_THRESHOLD = 32 << 20


def keep_freed_memory() -> bool:
    """Have glibc keep the memory numpy frees for its next arrays (True if glibc took it).

    By default glibc hands freed memory back to the kernel: blocks over its mmap threshold
    (128 KB at first) get mappings of their own, and free space at the top of the heap over
    the trim threshold is returned. The next arrays then fault in every 4 KB page afresh, and
    validation and layout make hundreds of multi-megabyte temporaries. Keeping freed memory
    removed a third of the command's page faults (32,000 to 22,000 at 20,000 applicants) and
    20-30 ms. Only for the command, a short-lived process: elsewhere malloc's defaults stand.
    """
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):
        return False  # not glibc (macOS, Windows): their allocators keep their own policies
    threshold = mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
    trim = mallopt(_M_TRIM_THRESHOLD, 1 << 30)
    return bool(threshold and trim)
