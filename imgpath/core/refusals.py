"""What a view does when a service refuses (``ServiceError``): one way for every app.

A form gets the message on the field the service named (or on the whole form); an action
without a form goes back to its page with the message. Nothing was changed either way.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_htmx.http import HttpResponseClientRedirect

from imgpath.core.errors import ServiceError


def add_service_error(form: Any, exc: ServiceError) -> None:
    """Put the refusal on the field it names when the form has that field, else on the form."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def refused(request: HttpRequest, exc: ServiceError, to: str, *args: Any) -> HttpResponse:
    """Say why on the page we go back to. An HTMX request is sent to that page too, so the
    message shows in the same place."""
    messages.error(request, exc.message)
    response = redirect(to, *args)
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(response["Location"])
    return response
