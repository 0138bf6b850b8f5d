"""Small helpers the matching views share."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_htmx.http import HttpResponseClientRedirect

from imgpath.core.errors import ServiceError


def refused(request: HttpRequest, exc: ServiceError, to: str, *args: Any) -> HttpResponse:
    """A service said no: say why on the page we go back to; nothing was changed.

    An HTMX request is sent to that page too, so the message shows in the same place."""
    messages.error(request, exc.message)
    response = redirect(to, *args)
    if request.htmx:
        return HttpResponseClientRedirect(response["Location"])
    return response
