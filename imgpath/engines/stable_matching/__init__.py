"""Stable matching for the Match: deferred acceptance with couples and supplemental lists.

Pure Python (numba-compiled kernels for large instances); no Django, no other imgpath app.
See docs/stable-matching.md for the JSON format and the command line.

The names below load on first use (PEP 562): `python -m imgpath.engines.stable_matching` runs
this file before the command, and the command starts reading its input in a second process
before numpy is imported (see loader.py), which an eager import here would prevent.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import InstanceError, ResultError
    from .layout import PreparedInstance, prepare
    from .model import (
        Applicant,
        Assignments,
        BlockingPair,
        CapacityViolation,
        Couple,
        Event,
        Instance,
        Program,
        Result,
        UnacceptableAssignment,
        Verification,
    )
    from .parsing import instance_to_dict, parse_instance
    from .serialize import result_from_dict, result_to_dict
    from .solver import solve, verify
    from .tracing import trace

__all__ = [
    "Applicant",
    "Assignments",
    "BlockingPair",
    "CapacityViolation",
    "Couple",
    "Event",
    "Instance",
    "InstanceError",
    "PreparedInstance",
    "Program",
    "Result",
    "ResultError",
    "UnacceptableAssignment",
    "Verification",
    "instance_to_dict",
    "parse_instance",
    "prepare",
    "result_from_dict",
    "result_to_dict",
    "solve",
    "trace",
    "verify",
]

# Where the names above live, cheapest first: a name is looked up in these in turn.
_SUBMODULES = ("errors", "model", "parsing", "serialize", "layout", "solver", "tracing")


def __getattr__(name: str) -> Any:
    if name in __all__:
        for submodule in _SUBMODULES:
            module = importlib.import_module(f".{submodule}", __name__)
            if name in vars(module):
                globals()[name] = value = vars(module)[name]
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
