"""Write paths for people, roles and API tokens."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from imgpath.accounts.models import ApiToken, Role, User
from imgpath.core.errors import ServiceError

MAX_ACTIVE_TOKENS = 10


def user_update_name(*, user: User, name: str) -> User:
    user.name = name.strip()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["name"])
    return user


def user_set_role_at_signup(*, user: User, role: str, name: str) -> User:
    if role not in {r.value for r in (Role.APPLICANT, Role.HOST, Role.MENTOR)}:
        raise ServiceError("Choose applicant, host or mentor.", field="role")
    user.role = role
    user.name = name.strip()
    user.save(update_fields=["role", "name"])
    return user


@transaction.atomic
def user_approve(*, user: User, approved_by: User) -> User:
    """Staff approve a host or mentor so they appear publicly."""
    if not user.needs_approval:
        raise ServiceError("Only host and mentor accounts need approval.")
    if user.approved_at is None:
        user.approved_at = timezone.now()
        user.approved_by = approved_by
        user.save(update_fields=["approved_at", "approved_by"])
    return user


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is shown only once."""
    name = name.strip()
    if not name:
        raise ServiceError("Give the token a name, e.g. the script that will use it.", field="name")
    if user.api_tokens.active().count() >= MAX_ACTIVE_TOKENS:
        raise ServiceError(f"You already have {MAX_ACTIVE_TOKENS} active tokens; revoke one first.")
    raw = ApiToken.generate()
    token = ApiToken(user=user, name=name[:80], key_digest=ApiToken.digest(raw), hint=raw[:9])
    token.full_clean()
    token.save()
    return token, raw


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active user owning this token, or None. Touches last use at most once a minute."""
    if not raw or not raw.startswith("imgp_"):
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_digest=ApiToken.digest(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def user_suspend(*, user: User, suspended_by: User) -> User:
    """Staff stop a person from signing in and acting (moderation); their data stays."""
    if not suspended_by.is_staff:
        raise ServiceError("Only staff can suspend an account.")
    if user.is_staff:
        raise ServiceError("Staff accounts cannot be suspended here.")
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return user
