from __future__ import annotations

from typing import Any

from imgpath.accounts.models import User
from imgpath.profiles.models import ApplicantProfile


def export_user_data(user: User) -> dict[str, Any]:
    profile = ApplicantProfile.objects.filter(user=user).first()
    if profile is None:
        return {"profile": None}
    return {"profile": profile.data, "updated_at": profile.updated_at.isoformat()}


def erase_user_data(user: User) -> None:
    ApplicantProfile.objects.filter(user=user).delete()
