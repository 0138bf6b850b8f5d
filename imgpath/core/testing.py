"""Helpers for tests that race real database transactions against each other."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection


def skip_unless_postgres() -> None:
    """Row-lock races only mean something on PostgreSQL; SQLite serialises every writer."""
    if connection.vendor != "postgresql":
        pytest.skip("row-lock races need PostgreSQL; SQLite serialises writers")


def race(actions: list[Callable[[], object]]) -> list[object]:
    """Run the actions in threads released together; return each result or exception."""
    barrier = threading.Barrier(len(actions))
    results: list[object] = [None] * len(actions)

    def run(index: int, action: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[index] = action()
        except Exception as exc:  # collected and asserted on by the test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
