"""Dashboard panels: upcoming bookings for applicants, applications to review for hosts."""

from __future__ import annotations

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.accounts.models import Role, User
from imgpath.core.dashboard import Panel
from imgpath.core.navigation import viewer_role
from imgpath.rotations import selectors
from imgpath.rotations.choices import PENDING_APPLICATION_STATUSES
from imgpath.rotations.models import HostProfile
from imgpath.rotations.services.common import today


def panels(request: AuthenticatedHttpRequest) -> list[Panel]:
    role = viewer_role(request.user)
    if role == Role.APPLICANT:
        return [_applicant_panel(request.user)]
    if role == Role.HOST:
        return [_host_panel(request.user)]
    if role == Role.STAFF:
        return [_staff_panel()]
    return []


def _applicant_panel(user: User) -> Panel:
    open_count = (
        selectors.applications_of_applicant(user)
        .filter(status__in=PENDING_APPLICATION_STATUSES)
        .count()
    )
    context = {
        "bookings": list(selectors.upcoming_bookings_of_applicant(user, today=today())[:3]),
        "open_count": open_count,
    }
    return Panel("Clinical experience", "rotations/panels/applicant.html", context, order=30)


def _host_panel(user: User) -> Panel:
    profiles = selectors.host_profiles_of(user)
    pending = selectors.pending_applications_for_host(user)
    context = {
        "has_profile": profiles.exists(),
        "unverified": profiles.filter(verified_at__isnull=True).count(),
        "pending": list(pending.order_by("created_at")[:5]),
        "pending_count": pending.count(),
    }
    return Panel("Applications to review", "rotations/panels/host.html", context, order=20)


def _staff_panel() -> Panel:
    unverified = HostProfile.objects.filter(verified_at__isnull=True, owner__isnull=False).count()
    return Panel(
        "Hosts to verify", "rotations/panels/staff.html", {"unverified": unverified}, order=40
    )
