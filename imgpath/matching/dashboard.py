"""Dashboard panel: open cycles and what each person still has to do in them."""

from __future__ import annotations

from django.http import HttpRequest

from imgpath.core.dashboard import Panel
from imgpath.matching import selectors
from imgpath.matching.models import CycleStatus, Participant


def panels(request: HttpRequest) -> list[Panel]:
    user = request.user
    if not user.is_authenticated or user.is_mentor:
        return []
    mine = selectors.cycles_visible_to(user)
    participations = {
        p.cycle_id: p
        for p in Participant.objects.filter(user=user).select_related("cycle", "matched_program")
    }
    rows = [
        {"cycle": c, "participant": participations.get(c.pk)}
        for c in mine.filter(status=CycleStatus.OPEN).order_by("rank_deadline")[:5]
    ]
    results = [p for p in participations.values() if p.cycle.status == CycleStatus.COMPLETED][:3]
    context = {"rows": rows, "results": results, "is_applicant": user.is_applicant}
    return [Panel("The Match", "matching/panel.html", context, order=40)]
