"""Access guards shared by views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Staff pages answer 404 to everyone else: their existence is not advertised."""

    @login_required
    @wraps(view)
    def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_staff:
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


def require_applicant(request: HttpRequest) -> None:
    """Applicant-only pages and endpoints answer 404 to hosts, mentors and staff."""
    if not request.user.is_applicant:
        raise Http404("Only applicants have this page.")
