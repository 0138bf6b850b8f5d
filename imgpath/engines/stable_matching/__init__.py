"""Stable matching for the Match: deferred acceptance with couples and supplemental lists.

Pure Python (numba-compiled kernels for large instances); no Django, no other imgpath app.
See docs/stable-matching.md for the JSON format and the command line.
"""

from __future__ import annotations

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
