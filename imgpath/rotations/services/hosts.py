"""Host profiles, their sites, and staff verification."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from imgpath.accounts.models import Role, User
from imgpath.core.errors import ServiceError
from imgpath.core.notify import email_after_commit
from imgpath.rotations.models import HostProfile, Site

PROFILE_FIELDS = ("kind", "name", "about", "credentials", "website", "specialties")
# Changing who the host is sends the profile back to staff.
VERIFIED_FIELDS = ("kind", "name", "credentials")
SITE_FIELDS = ("name", "street", "city", "state", "postal_code")


def _assign(obj: Any, fields: Mapping[str, Any], allowed: tuple[str, ...]) -> list[str]:
    """Set the allowed fields; return those that differ from the stored row.

    Compared with the database, not the instance: a ModelForm bound to the
    same instance has already written the new values onto it.
    """
    stored = type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None
    names = [name for name in allowed if name in fields]
    for name in names:
        setattr(obj, name, fields[name])
    if stored is None:
        return names
    return [name for name in names if getattr(stored, name, None) != getattr(obj, name, None)]


@transaction.atomic
def host_profile_create(*, owner: User, fields: Mapping[str, Any]) -> HostProfile:
    if owner.role != Role.HOST:
        raise ServiceError("Only host accounts can create a host profile.")
    profile = HostProfile(owner=owner)
    _assign(profile, fields, PROFILE_FIELDS)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def host_profile_update(*, profile: HostProfile, fields: Mapping[str, Any]) -> HostProfile:
    """Save changes; a verified profile whose identity changed waits for staff again."""
    changed = _assign(profile, fields, PROFILE_FIELDS)
    profile.full_clean()
    if profile.is_verified and set(changed) & set(VERIFIED_FIELDS):
        profile.verified_at = None
        profile.verified_by = None
        changed += ["verified_at", "verified_by"]
    if changed:
        profile.save(update_fields=[*changed, "updated_at"])
    return profile


@transaction.atomic
def host_profile_verify(*, profile: HostProfile, verified_by: User) -> HostProfile:
    if not verified_by.is_staff:
        raise PermissionDenied("Only IMGPath staff verify hosts.")
    if profile.verified_at is None:
        profile.verified_at = timezone.now()
        profile.verified_by = verified_by
        profile.save(update_fields=["verified_at", "verified_by", "updated_at"])
        _email_owner(profile)
    return profile


@transaction.atomic
def host_profile_unverify(*, profile: HostProfile, by: User) -> HostProfile:
    if not by.is_staff:
        raise PermissionDenied("Only IMGPath staff verify hosts.")
    profile.verified_at = None
    profile.verified_by = None
    profile.save(update_fields=["verified_at", "verified_by", "updated_at"])
    return profile


def _email_owner(profile: HostProfile) -> None:
    if profile.owner is None:
        return
    email_after_commit(
        recipients=[profile.owner.email],
        subject=f"{profile.name} is verified",
        template="rotations/email/host_verified.txt",
        context={"profile": profile, "link": settings.SITE_URL + reverse("host_home")},
    )


@transaction.atomic
def site_create(*, host: HostProfile, fields: Mapping[str, Any]) -> Site:
    site = Site(host=host)
    _assign(site, fields, SITE_FIELDS)
    site.full_clean()
    site.save()
    return site


@transaction.atomic
def site_update(*, site: Site, fields: Mapping[str, Any]) -> Site:
    changed = _assign(site, fields, SITE_FIELDS)
    site.full_clean()
    if changed:
        site.save(update_fields=changed)
    return site
