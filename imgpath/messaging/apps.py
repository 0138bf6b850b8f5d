from __future__ import annotations

from django.apps import AppConfig

from imgpath.core.navigation import SIGNED_IN, NavItem


class MessagingConfig(AppConfig):
    name = "imgpath.messaging"
    label = "messaging"
    verbose_name = "Messages and moderation"
    nav_items = (NavItem("Messages", "messaging:threads", SIGNED_IN, order=60),)
