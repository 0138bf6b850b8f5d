"""Access guards shared by views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Staff pages answer 404 to everyone else: their existence is not advertised."""

    @login_required
    @wraps(view)
    def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_staff:
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


def require_role(request: HttpRequest, role: str) -> None:
    """Pages and endpoints for one role answer 403 to every other signed-in role (the page is
    no secret; objects inside it still answer 404 through guarded fetches)."""
    if getattr(request.user, "role", None) != role:
        raise PermissionDenied(f"This page is for {role} accounts.")


def require_applicant(request: HttpRequest) -> None:
    """Applicant-only pages and endpoints answer 403 to hosts, mentors and staff."""
    require_role(request, "applicant")


def role_required(role: str) -> Callable[[View], View]:
    """Decorator: signed in (else the login page) with ``role`` (else 403)."""

    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            require_role(request, role)
            return view(request, *args, **kwargs)

        wrapper.required_role = role  # type: ignore[attr-defined]  # found by the role-page test
        return wrapper

    return decorator
