"""Load demo data from every app, idempotently (a second run adds nothing)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from imgpath.core.registry import app_modules


class Command(BaseCommand):
    help = "Load IMGPath's demo data (idempotent) and print the demo accounts."

    def handle(self, *args: object, **options: object) -> None:
        loaders = [m for m in app_modules("demo") if hasattr(m, "load_demo")]
        # Demo people have made-up addresses: the notices their demo actions trigger go nowhere.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            for module in sorted(loaders, key=lambda m: getattr(m, "ORDER", 50)):
                with transaction.atomic():
                    module.load_demo(stdout=self.stdout)
        # Apps that have something to tell the person starting the demo (the accounts app: who
        # to sign in as) say it last.
        for module in loaders:
            if hasattr(module, "after_load"):
                module.after_load(stdout=self.stdout, style=self.style)
