from __future__ import annotations

from django.apps import AppConfig

from imgpath.core.navigation import EVERYONE, SIGNED_IN, NavItem


class ProgramsConfig(AppConfig):
    name = "imgpath.programs"
    label = "programs"
    verbose_name = "Residency programs"
    nav_items = (
        NavItem("Programs", "programs:search", EVERYONE, order=20),
        NavItem("My programs", "programs:my_programs", SIGNED_IN, order=21),
    )
