"""Role guards and small response helpers shared by the rotations views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from imgpath.accounts.models import Role
from imgpath.core.errors import ServiceError

View = Callable[..., HttpResponse]


def role_required(role: str) -> Callable[[View], View]:
    """Signed in with this role; anyone else gets 403 (objects still 404 in guarded fetches)."""

    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.role != role:
                raise PermissionDenied(f"This page is for {role} accounts.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


applicant_required = role_required(Role.APPLICANT)
host_required = role_required(Role.HOST)


def refused(request: HttpRequest, exc: ServiceError, to: str, *args: Any) -> HttpResponse:
    """A service said no: tell the person why and go back; nothing was changed."""
    messages.error(request, exc.message)
    return redirect(to, *args)


def add_service_error(form, exc: ServiceError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def private_download(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response
