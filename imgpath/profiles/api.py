"""The applicant profile over the API: the same document the page edits.

The schemas give the OpenAPI contract its types; `profile_save` then applies the
engine's parser, so the API refuses exactly what the page refuses (422 naming the field).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.api import ERRORS
from imgpath.core.permissions import require_applicant
from imgpath.profiles.schemas import ProfileIn
from imgpath.profiles.selectors import profile_data_for
from imgpath.profiles.services import profile_document, profile_save

ROUTER_PREFIX = ""
router = Router(tags=["profile"])


@router.get("/profile", response={200: dict[str, Any], **ERRORS}, summary="My profile")
def profile_get(request: HttpRequest) -> dict[str, Any]:
    """The signed-in applicant's profile document ({} when nothing was saved)."""
    require_applicant(request)
    return profile_data_for(request.user)


@router.put(
    "/profile",
    response={200: dict[str, Any], **ERRORS},
    summary="Replace my profile",
)
def profile_put(request: AuthenticatedHttpRequest, payload: ProfileIn) -> dict[str, Any]:
    """Replace the whole profile. Every field is optional; an unknown field is refused."""
    require_applicant(request)
    profile = profile_save(user=request.user, data=profile_document(payload))
    return profile.data
