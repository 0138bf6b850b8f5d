from __future__ import annotations

from django.apps import AppConfig

from imgpath.core.navigation import ANONYMOUS, SIGNED_IN, NavItem


class MatchingConfig(AppConfig):
    name = "imgpath.matching"
    label = "matching"
    verbose_name = "Match cycles"
    # The states its templates compare with, by name (core.template_choices).
    template_choices = {
        "CycleStatus": "imgpath.matching.models.CycleStatus",
    }
    nav_items = (
        NavItem("The Match", "match_cycles", SIGNED_IN, order=40),
        NavItem("How the Match works", "match_how", frozenset({ANONYMOUS}), order=40),
    )

    def ready(self) -> None:
        # An open placement round refuses one-by-one bookings of its sessions.
        from imgpath.matching.services.placement import connect_booking_guard

        connect_booking_guard()
