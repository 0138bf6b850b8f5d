from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.api import ERRORS
from imgpath.core.navigation import viewer_role

ROUTER_PREFIX = ""
router = Router(tags=["account"])


class MeOut(Schema):
    id: int
    email: str
    name: str
    role: str
    approved: bool
    date_joined: datetime


@router.get("/me", response={200: MeOut, **ERRORS}, summary="Who am I")
def me(request: AuthenticatedHttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "role": viewer_role(user),
        "approved": user.is_approved,
        "date_joined": user.date_joined,
    }
