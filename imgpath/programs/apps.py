from __future__ import annotations

from django.apps import AppConfig

from imgpath.core.navigation import EVERYONE, SIGNED_IN, NavItem


class ProgramsConfig(AppConfig):
    name = "imgpath.programs"
    label = "programs"
    verbose_name = "Residency programs"
    # The states its templates compare with, by name (core.template_choices).
    template_choices = {
        "ClaimStatus": "imgpath.programs.models.ClaimStatus",
        "SourceKind": "imgpath.programs.policy.SourceKind",
        "ValueKind": "imgpath.programs.policy.ValueKind",
        "FitVerdict": "imgpath.engines.fit.Verdict",
        "FitOutcome": "imgpath.engines.fit.Outcome",
    }
    nav_items = (
        NavItem("Programs", "programs:search", EVERYONE, order=20),
        NavItem("My programs", "programs:my_programs", SIGNED_IN, order=21),
    )

    def ready(self) -> None:
        from django.apps import apps

        from imgpath.core.fragments import track

        # Everything the public search shows; a person's saved list is never part of it, nor
        # are private outcome reports (their shown aggregate moves the version itself) or
        # page-view tallies, nor values waiting for a second check (the ledger entry they
        # become is tracked).
        private = {"SavedProgram", "OutcomeReport", "ProgramViewDay", "CurationValue"}
        shown = [
            m for m in apps.get_app_config("programs").get_models() if m.__name__ not in private
        ]
        track("programs", *shown)
