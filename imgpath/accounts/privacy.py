from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress

from imgpath.accounts.models import User


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "date_joined": user.date_joined.isoformat(),
        "approved_at": user.approved_at.isoformat() if user.approved_at else None,
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "api_tokens": [
            {
                "name": t.name,
                "hint": t.hint,
                "created_at": t.created_at.isoformat(),
                "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
            }
            for t in user.api_tokens.all()
        ],
    }


def erase_user_data(user: User) -> None:
    # Email addresses and tokens cascade with the user row; nothing to anonymise here.
    return None
