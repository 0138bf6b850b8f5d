"""The JSON API: one NinjaAPI, session or personal-token auth, JSON errors.

Apps contribute a `router` in their `api.py`; `build_api` mounts them in
INSTALLED_APPS order so the OpenAPI schema is stable.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.schema import DjangoGetter
from ninja.security import APIKeyHeader, HttpBearer, django_auth
from pydantic import AwareDatetime, BeforeValidator, Field, StrictInt, model_validator

from imgpath.core.errors import ServiceError
from imgpath.core.registry import app_hook, app_modules


def api_token_authenticate(token: str) -> Any:
    """The user a personal API token belongs to, or None. Core owns no accounts: the app
    that issues tokens names its check as ``api_token_authenticator`` on its AppConfig."""
    check = app_hook("api_token_authenticator")
    return check(token) if check is not None else None


class PersonalTokenBearer(HttpBearer):
    """`Authorization: Bearer imgp_...` with a token from the account page."""

    openapi_description = "Personal API token created on your account page."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class PersonalTokenHeader(APIKeyHeader):
    param_name = "X-API-Token"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = api_token_authenticate(key or "")
        if user is not None:
            request.user = user
        return user


AUTH = [PersonalTokenBearer(), PersonalTokenHeader(), django_auth]


class Anyone:
    """Last auth callback of a public read: anyone may call it, a signed-in caller is known.

    The OpenAPI schema says so with an empty security requirement (`{}`), so clients and
    contract tests know credentials are optional there.
    """

    openapi_optional = True

    def __call__(self, request: HttpRequest) -> bool:
        return True


PUBLIC = [*AUTH, Anyone()]


def _text_not_number(value: Any) -> Any:
    """JSON dates are strings: refuse the numbers pydantic would otherwise read as timestamps."""
    if isinstance(value, (bool, int, float)):
        raise ValueError("must be a string in ISO 8601 form, such as 2027-01-31")
    return value


# Body types that take JSON at its word: no 0 read as false, "7" as 7 or 0 as 1 January 1970.
JsonDate = Annotated[date, BeforeValidator(_text_not_number)]
JsonDatetime = Annotated[AwareDatetime, BeforeValidator(_text_not_number)]
BodyId = Annotated[StrictInt, Field(ge=1, le=2**62)]


class BodySchema(Schema):
    """A JSON object body. Without this check ninja reads a list or a number as an object with
    every field missing, so an all-optional body such as a profile would accept `[1, 2]`."""

    @model_validator(mode="before")
    @classmethod
    def _must_be_object(cls, value: Any) -> Any:
        raw = value._obj if isinstance(value, DjangoGetter) else value
        if not isinstance(raw, dict | Schema):
            raise ValueError("must be a JSON object")
        return value


class ErrorOut(Schema):
    detail: str
    field: str | None = None


class FieldErrorOut(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


# Every operation may answer these; 400 is a body that is not JSON at all, 422 a value that
# does not fit the schema or a business rule, always with `errors` naming each field.
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}


class _Schema(OpenAPISchema):
    def operation_security(self, operation: Any) -> list[dict[str, Any]] | None:
        security = super().operation_security(operation)
        if security is not None and any(
            getattr(auth, "openapi_optional", False) for auth in operation.auth_callbacks
        ):
            security.append({})
        return security


class ImgpathAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        # The routes are fixed once the URLconf is loaded, so the schema is built once per prefix
        # (at start-up by the warm-up) instead of on every request for the docs or the JSON.
        cache = self.__dict__.setdefault("_schemas", {})
        if path_prefix not in cache:
            cache[path_prefix] = _Schema(self, path_prefix)
        return cache[path_prefix]


def field_path(loc: list[Any] | tuple[Any, ...]) -> str:
    # ninja prefixes where the value came from ("query", "path", "body"); people want the name.
    return ".".join(str(part) for part in loc if part not in ("body", "payload", "query", "path"))


def build_api() -> NinjaAPI:
    api = ImgpathAPI(
        title="IMGPath API",
        version="1",
        description=(
            "The same services as IMGPath's pages. Authenticate with your browser session "
            "or a personal token (`Authorization: Bearer imgp_…`) from your account page."
        ),
        urls_namespace="api",
        docs_url="/docs",
        openapi_url="/openapi.json",
        auth=AUTH,
    )
    _add_error_handlers(api)
    for module in app_modules("api"):
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router(getattr(module, "ROUTER_PREFIX", ""), router)
    return api


def _add_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [
            {"field": field_path(err.get("loc", ())), "message": err.get("msg", "invalid")}
            for err in exc.errors
        ]
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return api.create_response(
            request, {"detail": f"Invalid input. {summary}", "errors": errors}, status=422
        )

    @api.exception_handler(ServiceError)
    def refused(request: HttpRequest, exc: ServiceError) -> HttpResponse:
        body: dict[str, Any] = {"detail": exc.message}
        if exc.field:
            body["field"] = exc.field
        if exc.status_code == 422:
            body["errors"] = getattr(exc, "errors", None) or [
                {"field": exc.field or "__all__", "message": exc.message}
            ]
        return api.create_response(request, body, status=exc.status_code)

    @api.exception_handler(DjangoValidationError)
    def model_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        messages = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in messages.items())
        errors = [
            {"field": field, "message": message}
            for field, field_messages in messages.items()
            for message in field_messages
        ]
        return api.create_response(request, {"detail": detail, "errors": errors}, status=422)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": "Not found."}, status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc) or "Not allowed."}, status=403)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request, {"detail": "Sign in, or send a personal API token."}, status=401
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
