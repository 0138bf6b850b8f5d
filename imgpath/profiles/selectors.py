from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser

from imgpath.accounts.models import User
from imgpath.engines.profile.model import CurrentVisa, VisaPreference
from imgpath.engines.rules import Profile, ProfileError, parse_profile
from imgpath.profiles.models import ApplicantProfile


def profile_data_for(user: User | AnonymousUser) -> dict[str, Any]:
    """The applicant's profile document (the JSON contract), or {} when none was saved."""
    if not user.is_authenticated:
        return {}
    data = ApplicantProfile.objects.filter(user=user).values_list("data", flat=True).first()
    return dict(data or {})


def _typed(data: dict[str, Any]) -> Profile:
    try:
        return parse_profile(dict(data or {}))
    except ProfileError:
        # Saved profiles were validated when saved; one that a later schema refuses reads as
        # empty rather than breaking every page that reads it.
        return Profile()


def profile_for(user: User | AnonymousUser) -> Profile:
    """The one typed profile every app reads (never the raw JSON document); an empty
    ``Profile()`` when nothing was saved or the user is not signed in."""
    return _typed(profile_data_for(user))


def applicants_with_profiles() -> Iterator[tuple[User, Profile]]:
    """Every active applicant with their typed profile (empty when none is saved), by id."""
    from django.contrib.auth import get_user_model

    users = (
        get_user_model()
        .objects.filter(is_active=True, role="applicant")
        .select_related("applicant_profile")
        .order_by("pk")
    )
    for user in users.iterator(chunk_size=500):
        stored = getattr(user, "applicant_profile", None)
        yield user, _typed(stored.data if stored else {})


def visas_of(profile: Profile) -> set[str]:
    """The visas the applicant holds or wants, as upper-case codes (J1, H1B)."""
    visas: set[str] = set()
    if profile.current_visa not in (None, CurrentVisa.NONE, CurrentVisa.OTHER):
        visas.add(profile.current_visa.value)
    preference = profile.visa_preference
    if preference in (VisaPreference.J1, VisaPreference.EITHER):
        visas.add("J1")
    if preference in (VisaPreference.H1B, VisaPreference.EITHER):
        visas.add("H1B")
    return visas
