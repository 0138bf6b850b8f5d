"""Entry point for `python -m imgpath.engines.stable_matching`."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
