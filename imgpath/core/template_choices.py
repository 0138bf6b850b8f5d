"""The states templates compare with, by name: ``{% if booking.status == BookingStatus.BOOKED %}``.

A template that compares a state with a bare string breaks silently when the value is renamed;
by name, a rename is one edit and ``core/tests/test_template_choices.py`` finds a name that no
longer exists. Each app lists the choices its templates use as ``template_choices`` on its
AppConfig ({template name: dotted path}); core imports them without importing the app.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from functools import cache
from types import MappingProxyType

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


@cache
def template_choices() -> Mapping[str, Mapping[str, str]]:
    """{"BookingStatus": {"BOOKED": "booked", ...}, ...}: plain mappings, so a template looks a
    member up by name (it would try to call an enum class) and compares it with the stored text."""
    found: dict[str, Mapping[str, str]] = {}
    for config in apps.get_app_configs():
        for name, path in getattr(config, "template_choices", {}).items():
            if name in found:
                raise ImproperlyConfigured(f"Two apps name template choices {name!r}.")
            choices: type[Enum] = import_string(path)
            found[name] = MappingProxyType({m.name: str(m.value) for m in choices})
    return MappingProxyType(found)
