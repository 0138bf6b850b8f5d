"""The rotations views' role guards (core's ``role_required``) and download headers.

Refusals are answered with ``imgpath.core.refusals``, as in every app.
"""

from __future__ import annotations

from typing import TypeVar

from django.http.response import HttpResponseBase

from imgpath.accounts.models import Role
from imgpath.core.permissions import role_required

applicant_required = role_required(Role.APPLICANT)
host_required = role_required(Role.HOST)

AnyResponse = TypeVar("AnyResponse", bound=HttpResponseBase)


def private_download(response: AnyResponse, filename: str) -> AnyResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response
