from __future__ import annotations

from django.apps import AppConfig

from imgpath.core.navigation import EVERYONE, NavItem


class MentorshipConfig(AppConfig):
    name = "imgpath.mentorship"
    label = "mentorship"
    verbose_name = "Mentorship and office hours"
    # The states its templates compare with, by name (core.template_choices).
    template_choices = {
        "MentorshipStatus": "imgpath.mentorship.choices.MentorshipStatus",
        "OfficeHourBookingStatus": "imgpath.mentorship.models.BookingStatus",
    }
    nav_items = (
        NavItem("Mentors", "mentorship:mentors", EVERYONE, order=50),
        NavItem("Mentorship", "mentorship:home", frozenset({"applicant", "mentor"}), order=51),
    )
