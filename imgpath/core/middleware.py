"""Request handling shared by every page and the API."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve

API_PREFIX = "/api/v1/"


class ApiTrailingSlashMiddleware:
    """`/api/v1/profile/` answers a 308 to `/api/v1/profile` (method and body kept), for every
    API path: the canonical paths have no trailing slash, and one spelling must not be a 404
    while the other works. An unknown path stays a 404 either way."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path.startswith(API_PREFIX) and path.endswith("/") and len(path) > len(API_PREFIX):
            canonical = path.rstrip("/")
            if _resolves(canonical) and not _resolves(path):
                query = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(
                    f"{canonical}?{query}" if query else canonical, preserve_request=True
                )
        return self.get_response(request)


def _resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True
