"""Request types for the type checker: what the middleware adds to Django's request."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request after django-htmx's middleware, which sets `request.htmx` on every request."""

    htmx: HtmxDetails
