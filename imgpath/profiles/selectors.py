from __future__ import annotations

from typing import Any

from imgpath.profiles.models import ApplicantProfile


def profile_data_for(user) -> dict[str, Any]:
    """The applicant's profile document (the JSON contract), or {} when none was saved."""
    if not getattr(user, "is_authenticated", False):
        return {}
    data = ApplicantProfile.objects.filter(user=user).values_list("data", flat=True).first()
    return dict(data or {})
