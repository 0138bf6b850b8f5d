"""A host opens a placement round over sessions with more applicants than seats."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.accounts.models import Role, User
from imgpath.core.errors import ServiceError
from imgpath.core.permissions import role_required
from imgpath.core.refusals import add_service_error
from imgpath.matching import services
from imgpath.matching.forms import PlacementRoundForm
from imgpath.rotations.choices import PENDING_APPLICATION_STATUSES
from imgpath.rotations.models import Session
from imgpath.rotations.services.common import today


def _placeable_sessions(user: User) -> QuerySet[Session]:
    """The host's upcoming sessions with at least one pending application."""
    pending = Count(
        "applications",
        filter=Q(applications__status__in=PENDING_APPLICATION_STATUSES),
        distinct=True,
    )
    return (
        Session.objects.filter(offering__host__owner=user)
        .upcoming(today())
        .annotate(pending_count=pending)
        .filter(pending_count__gt=0)
        .select_related("offering__host")
        .order_by("start_date", "pk")
    )


@never_cache
@role_required(Role.HOST)
def placement_round_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    sessions = _placeable_sessions(request.user)
    form = PlacementRoundForm(request.POST or None, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle = services.placement_round_open(
                host_user=request.user,
                sessions=data["sessions"],
                title=data["title"],
                rank_deadline=data["rank_deadline"],
                description=data["description"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                "Round opened and applicants emailed. Rank the applicants of each session, "
                "then certify each list.",
            )
            return redirect("match_cycle", cycle.pk)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "has_sessions": sessions.exists()}
    return render(request, "matching/placement_form.html", context, status=status)
