from __future__ import annotations

from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "imgpath.profiles"
    label = "profiles"
    verbose_name = "Applicant profiles"
