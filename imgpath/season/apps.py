from __future__ import annotations

from django.apps import AppConfig

from imgpath.core.navigation import NavItem


class SeasonConfig(AppConfig):
    name = "imgpath.season"
    label = "season"
    verbose_name = "Application season"
    nav_items = (NavItem("My season", "season_home", frozenset({"applicant"}), order=32),)
