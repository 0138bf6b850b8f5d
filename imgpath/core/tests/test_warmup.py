"""The start-up warm-up and the Python-built selects it relies on for fast first loads."""

from __future__ import annotations

import pytest
from django import forms

from imgpath.core.warmup import warm_up
from imgpath.core.widgets import FastSelect, FastSelectsForm


@pytest.mark.django_db
def test_warm_up_builds_the_api_schema_once(client):
    import config.urls

    warm_up()
    first = config.urls.api.get_openapi_schema()
    assert config.urls.api.get_openapi_schema() is first
    assert set(client.get("/api/v1/openapi.json").json()["paths"]) == set(first["paths"])


def test_warm_up_runs_every_app_hook(monkeypatch):
    from imgpath.library import warmup as library_warmup
    from imgpath.programs import warmup as programs_warmup

    called = []
    monkeypatch.setattr(library_warmup, "warm_up", lambda: called.append("library"))
    monkeypatch.setattr(programs_warmup, "warm_up", lambda: called.append("programs"))
    warm_up()
    assert sorted(called) == ["library", "programs"]


def test_fast_select_gives_django_markup_with_groups_selection_and_escaping():
    choices = [("", "—"), ("Asia", [("IN", "India"), ("PK", "Pakistan <&>")]), ("NG", "Nigeria")]
    fast = FastSelect(attrs={"id": "id_c"}, choices=choices).render("c", "PK")
    assert fast == (
        '<select id="id_c" name="c"><option value="">—</option>'
        '<optgroup label="Asia"><option value="IN">India</option>'
        '<option value="PK" selected>Pakistan &lt;&amp;&gt;</option></optgroup>'
        '<option value="NG">Nigeria</option></select>'
    )


def test_fast_selects_form_swaps_plain_selects_only_and_keeps_late_choices():
    class Example(FastSelectsForm):
        country = forms.ChoiceField(choices=[("IN", "India")])
        many = forms.MultipleChoiceField(choices=[("a", "A")])

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["country"].choices = [("NG", "Nigeria")]

    form = Example(initial={"country": "NG"})
    assert isinstance(form.fields["country"].widget, FastSelect)
    assert not isinstance(form.fields["many"].widget, FastSelect)
    html = str(form["country"])
    assert '<option value="NG" selected>Nigeria</option>' in html
    assert "India" not in html
