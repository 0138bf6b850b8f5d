"""Dashboard panel: what needs an answer, active mentorships, unread messages."""

from __future__ import annotations

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.dashboard import Panel
from imgpath.core.navigation import viewer_role
from imgpath.mentorship import selectors


def panels(request: AuthenticatedHttpRequest) -> list[Panel]:
    role = viewer_role(request.user)
    if role not in ("applicant", "mentor"):
        return []
    context = selectors.dashboard_of(request.user)
    context["role"] = role
    return [Panel("Mentorship", "mentorship/panels/mentorship.html", context, order=25)]
