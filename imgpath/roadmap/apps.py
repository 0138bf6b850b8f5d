from __future__ import annotations

from django.apps import AppConfig

from imgpath.core.navigation import NavItem


class RoadmapConfig(AppConfig):
    name = "imgpath.roadmap"
    label = "roadmap"
    verbose_name = "Roadmap"
    # The states its templates compare with, by name (core.template_choices).
    template_choices = {
        "StepStatus": "imgpath.engines.rules.roadmap.StepStatus",
        "Severity": "imgpath.engines.rules.roadmap.Severity",
    }
    nav_items = (
        NavItem("Roadmap", "roadmap", frozenset({"applicant"}), order=10),
        NavItem("Rules review", "rules_review", frozenset({"staff"}), order=90),
    )
