"""Entry point for `python -m imgpath.engines.stable_matching`."""

from __future__ import annotations

import os

# The engine does no linear algebra: without this, importing numpy starts a BLAS thread pool.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .cli import run

run()
