"""Errors the engine raises on input it cannot use."""

from __future__ import annotations


class InstanceError(ValueError):
    """A malformed instance; the message names the offending entry."""


class ResultError(ValueError):
    """A malformed result (or one naming ids the instance does not have)."""
