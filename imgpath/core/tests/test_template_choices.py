"""Templates compare states with the apps' choices by name, never with bare strings."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from imgpath.core.template_choices import template_choices

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted(
    p for p in [*ROOT.glob("imgpath/*/templates/**/*"), *ROOT.glob("templates/**/*")] if p.is_file()
)
BARE = re.compile(r"[\w.]+\.(?:status|state|kind|role|source_kind|severity|verdict) *[!=]= *['\"]")
# Values that are not a model's or engine's choices (computed checks, JSON evidence kinds).
NOT_CHOICES = {"check.status", "item.kind"}


def test_no_template_compares_a_state_with_a_bare_string():
    bare = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in TEMPLATES
        for match in BARE.finditer(path.read_text())
        if match.group(0).split(" ")[0] not in NOT_CHOICES
    ]
    assert bare == []


def test_every_choice_a_template_names_exists():
    choices = template_choices()
    named = re.compile(r"\b(" + "|".join(choices) + r")\.([A-Za-z_0-9]+)")
    missing = [
        f"{path.relative_to(ROOT)}: {name}.{member}"
        for path in TEMPLATES
        for name, member in named.findall(path.read_text())
        if member not in choices[name]
    ]
    assert missing == []
    assert choices["Role"]["APPLICANT"] == "applicant"


def test_a_template_compares_with_a_choice_by_name():
    body = render_to_string(
        "rotations/email/application_event.txt",
        {**template_choices(), "kind": "applied", "audience": "host", "application": {}},
    )
    assert "Please accept, waitlist or decline the application." in body
