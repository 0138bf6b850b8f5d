from __future__ import annotations

from django.apps import AppConfig

from imgpath.core.navigation import NavItem


class ProfilesConfig(AppConfig):
    name = "imgpath.profiles"
    label = "profiles"
    verbose_name = "Applicant profiles"
    nav_items = (NavItem("My profile", "profile_edit", frozenset({"applicant"}), order=20),)
