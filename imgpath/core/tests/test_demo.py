from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from imgpath.accounts.models import User

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "contenttypes", "auth", "admin"}
    }


def test_demo_loads_one_account_per_role_and_a_second_run_adds_nothing():
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = _counts()
    call_command("load_demo", stdout=StringIO())

    assert _counts() == first
    roles = set(
        User.objects.filter(email__endswith="@demo.imgpath.org").values_list("role", flat=True)
    )
    assert roles == {"applicant", "host", "mentor", "staff"}
    assert "applicant@demo.imgpath.org" in out.getvalue()
