"""Domain errors raised by services and turned into messages, 409s and 422s."""

from __future__ import annotations


class ServiceError(Exception):
    """A business rule refused the action; nothing was changed."""

    status_code = 422

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConflictError(ServiceError):
    """The action conflicts with the current state (full session, overlap, locked list)."""

    status_code = 409
