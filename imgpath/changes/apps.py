from __future__ import annotations

from django.apps import AppConfig

from imgpath.core.navigation import EVERYONE, NavItem


class ChangesConfig(AppConfig):
    name = "imgpath.changes"
    label = "changes"
    verbose_name = "Rule changes"
    # The states its templates compare with, by name (core.template_choices).
    template_choices = {
        "ChangeKind": "imgpath.changes.models.ChangeKind",
    }
    nav_items = (NavItem("Rule changes", "changes:list", EVERYONE, order=70),)

    def ready(self) -> None:
        from imgpath.changes.models import ChangeSet, FactChange
        from imgpath.core.fragments import track

        track("changes", ChangeSet, FactChange)
