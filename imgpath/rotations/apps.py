from __future__ import annotations

from django.apps import AppConfig

from imgpath.core.navigation import EVERYONE, NavItem


class RotationsConfig(AppConfig):
    name = "imgpath.rotations"
    label = "rotations"
    verbose_name = "Clinical experience (rotations)"
    # The states its templates compare with, by name (core.template_choices).
    template_choices = {
        "EventKind": "imgpath.rotations.choices.EventKind",
        "OfferingStatus": "imgpath.rotations.choices.OfferingStatus",
        "ApplicationStatus": "imgpath.rotations.choices.ApplicationStatus",
        "BookingStatus": "imgpath.rotations.choices.BookingStatus",
        "ChecklistKind": "imgpath.rotations.choices.ChecklistKind",
    }
    nav_items = (
        NavItem("Clinical experience", "rotation_search", EVERYONE, order=30),
        NavItem("My rotations", "my_rotations", frozenset({"applicant"}), order=31),
        NavItem("Hosting", "host_home", frozenset({"host"}), order=31),
    )

    def ready(self) -> None:
        from imgpath.core.fragments import track
        from imgpath.rotations import models

        # The public search shows offerings, their sessions' seats, hosts and reviews.
        track(
            "rotations",
            models.Offering,
            models.Session,
            models.Booking,
            models.Application,
            models.HostProfile,
            models.Site,
            models.Review,
        )
