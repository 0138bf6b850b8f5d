from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate

from imgpath.core.navigation import EVERYONE, NavItem


class LibraryConfig(AppConfig):
    name = "imgpath.library"
    label = "library"
    verbose_name = "Library"
    nav_items = (NavItem("Library", "library:index", EVERYONE, order=60),)

    def ready(self) -> None:
        post_migrate.connect(_index_after_migrate, sender=self)


def _index_after_migrate(sender, **kwargs) -> None:
    """A deploy migrates; the search index then matches the articles that shipped with it."""
    from imgpath.library.services import search_index_sync

    search_index_sync(using=kwargs.get("using", "default"))
