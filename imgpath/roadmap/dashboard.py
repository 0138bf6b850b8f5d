from __future__ import annotations

from django.utils import timezone

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.dashboard import Panel
from imgpath.profiles.selectors import profile_data_for
from imgpath.roadmap.presentation import next_step, warning_groups
from imgpath.roadmap.selectors import roadmap_for_user


def panels(request: AuthenticatedHttpRequest) -> list[Panel]:
    if not request.user.is_applicant:
        return []
    data = roadmap_for_user(request.user, today=timezone.localdate())
    groups = warning_groups(data)
    context = {
        "next_step": next_step(data),
        "blockers": groups["blocker"],
        "warning_count": len(groups["warning"]),
        "match_year": data["match_year"],
        "profile_empty": not profile_data_for(request.user),
    }
    return [Panel("Your roadmap", "roadmap/_dashboard_panel.html", context, order=10)]
