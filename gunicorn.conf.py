"""gunicorn settings for IMGPath (read automatically from the working directory)."""

from __future__ import annotations

import gc

# Load the app once in the master so workers share its memory.
preload_app = True


def post_fork(server, worker) -> None:
    # The loaded app is long-lived: keep it out of the garbage collector's full passes,
    # which otherwise add tens of milliseconds to an occasional request.
    gc.freeze()
