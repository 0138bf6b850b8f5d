"""Dashboard panel: the applicant's season at a glance, with a link to the tracker."""

from __future__ import annotations

from django.db.models import Count

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.dashboard import Panel
from imgpath.core.navigation import viewer_role
from imgpath.season.models import Interview, Season, Status


def panels(request: AuthenticatedHttpRequest) -> list[Panel]:
    if viewer_role(request.user) != "applicant":
        return []
    season = Season.objects.filter(user=request.user).order_by("-match_year").first()
    counts = {}
    interviews = 0
    if season is not None:
        rows = season.programs.values("status").annotate(n=Count("id"))
        counts = {row["status"]: row["n"] for row in rows}
        interviews = Interview.objects.filter(
            tracked__season=season, starts_at__isnull=False
        ).count()
    context = {
        "season": season,
        "total": sum(counts.values()),
        "applied": sum(n for s, n in counts.items() if s != Status.CONSIDERING),
        "interviews": interviews,
    }
    return [Panel("Application season", "season/panels/applicant.html", context, order=32)]
