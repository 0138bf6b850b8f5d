"""Write paths for the applicant profile."""

from __future__ import annotations

import json
from typing import Any

import pydantic
from django.db import transaction

from imgpath.accounts.models import User
from imgpath.core.api import field_path
from imgpath.core.errors import ServiceError
from imgpath.engines.profile import ProfileError, parse_profile, profile_to_dict
from imgpath.profiles.models import ApplicantProfile
from imgpath.profiles.schemas import ProfileIn

MAX_IMPORT_BYTES = 256 * 1024


class ProfileInvalid(ServiceError):
    """The document does not fit the profile schema; `errors` names each field."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__(
            "; ".join(f"{e['field']}: {e['message']}" for e in errors), field=errors[0]["field"]
        )
        self.errors = errors


def profile_check(data: Any) -> dict[str, Any]:
    """The normalised document of a profile from outside (API, JSON import, `roadmap`
    command): the API's schema first (types, ranges, patterns, NUL characters, unknown
    fields), then the engine's parser. One path, so they refuse the same documents."""
    if not isinstance(data, dict):
        raise ServiceError("The profile must be a JSON object.", field="profile")
    try:
        payload = ProfileIn.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ProfileInvalid(
            [{"field": field_path(e["loc"]), "message": e["msg"]} for e in exc.errors()]
        ) from None
    return profile_validate(profile_document(payload))


def profile_document(payload: ProfileIn) -> dict[str, Any]:
    """The schema-checked payload as a plain document, unanswered fields left out."""
    return _drop_empty(payload.model_dump(mode="json", exclude_none=True))


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        cleaned = {k: _drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in ({}, [])}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


def profile_validate(data: Any) -> dict[str, Any]:
    """The normalised profile document, or ServiceError naming the bad field."""
    if not isinstance(data, dict):
        raise ServiceError("The profile must be a JSON object.", field="profile")
    try:
        return _without_unknowns(profile_to_dict(parse_profile(data)))
    except ProfileError as exc:
        raise ServiceError(exc.message, field=exc.path) from exc


def _without_unknowns(value: Any) -> Any:
    """Drop unanswered fields (None, empty lists and objects) so the stored document stays short."""
    if isinstance(value, dict):
        kept = {k: _without_unknowns(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_without_unknowns(v) for v in value]
    return value


@transaction.atomic
def profile_save(*, user: User, data: dict[str, Any]) -> ApplicantProfile:
    if not user.is_applicant:
        raise ServiceError("Only applicant accounts have a profile.")
    document = profile_validate(data)
    profile, _ = ApplicantProfile.objects.select_for_update().get_or_create(user=user)
    profile.data = document
    profile.save(update_fields=["data", "updated_at"])
    return profile


def profile_import(*, user: User, content: bytes) -> ApplicantProfile:
    """Replace the profile with an uploaded JSON document (an export, or written by hand)."""
    if len(content) > MAX_IMPORT_BYTES:
        raise ServiceError("The file is too large for a profile (256 KB at most).", field="file")
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ServiceError(f"The file is not valid JSON: {exc}", field="file") from exc
    # An IMGPath data export wraps the profile; accept it as well as a bare profile.
    if isinstance(data, dict) and "data" in data and "format" in data:
        data = (data.get("data") or {}).get("profiles", {}).get("profile", {})
    return profile_save(user=user, data=profile_check(data))
