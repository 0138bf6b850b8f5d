"""Form widgets that render long option lists in Python.

Django renders every option of a select through its own template; a form with a country list and
a specialty list renders thousands of small templates, which costs more than the rest of the
request and most of a page's first load.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


class FastSelect(forms.Select):
    """A single select, with option groups, built in Python with the markup Django's gives."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        final = {**self.build_attrs(self.attrs, attrs), "name": name}
        chosen = {str(v) for v in self.format_value(value)}
        parts = []
        for key, label in self.choices:
            if isinstance(label, (list, tuple)):
                parts.append(
                    format_html('<optgroup label="{}">{}</optgroup>', key, _options(label, chosen))
                )
            else:
                parts.append(_options([(key, label)], chosen))
        inner = format_html_join("", "{}", ((part,) for part in parts))
        return format_html("<select{}>{}</select>", flatatt(final), inner)


def _options(choices: Any, chosen: set[str]) -> SafeString:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (
                "" if key is None else key,
                mark_safe(" selected") if str("" if key is None else key) in chosen else "",
                label,
            )
            for key, label in choices
        ),
    )


def use_fast_selects(form: forms.BaseForm) -> None:
    """Swap the plain selects of a form for `FastSelect`, keeping their attributes and choices."""
    for field in form.fields.values():
        widget = field.widget
        if type(widget) is forms.Select:
            fast = FastSelect(attrs=widget.attrs, choices=widget.choices)
            fast.is_required = widget.is_required
            field.widget = fast


class FastSelectsForm(forms.Form):
    """A form whose plain selects render in Python (see `FastSelect`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_fast_selects(self)
