"""The rotations views' role guards (core's ``role_required``) and download headers."""

from __future__ import annotations

from typing import TypeVar

from django.http.response import HttpResponseBase

from imgpath.accounts.models import Role
from imgpath.core.permissions import role_required
from imgpath.core.refusals import add_service_error, refused

__all__ = ["add_service_error", "applicant_required", "host_required", "refused"]


applicant_required = role_required(Role.APPLICANT)
host_required = role_required(Role.HOST)

AnyResponse = TypeVar("AnyResponse", bound=HttpResponseBase)


def private_download(response: AnyResponse, filename: str) -> AnyResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response
