"""The roadmap over the API: the same contract the page and the `roadmap` command show."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.api import ERRORS
from imgpath.core.permissions import require_applicant
from imgpath.profiles.api import ProfileIn
from imgpath.profiles.services import profile_validate
from imgpath.roadmap.schemas import RoadmapOut
from imgpath.roadmap.selectors import roadmap_for_document, roadmap_for_user

ROUTER_PREFIX = ""
router = Router(tags=["roadmap"])


@router.get("/roadmap", response={200: RoadmapOut, **ERRORS}, summary="My roadmap")
def roadmap_mine(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """The signed-in applicant's roadmap, computed from their saved profile as of today."""
    require_applicant(request)
    return roadmap_for_user(request.user, today=timezone.localdate())


@router.post(
    "/roadmap/evaluate",
    response={200: RoadmapOut, **ERRORS},
    summary="Roadmap for any profile (nothing is saved)",
)
def roadmap_evaluate(request: HttpRequest, payload: ProfileIn) -> dict[str, Any]:
    """Evaluate a profile document without saving it, e.g. to compare "what if" scenarios."""
    document = profile_validate(payload.model_dump(exclude_none=True))
    return roadmap_for_document(document, today=timezone.localdate())
