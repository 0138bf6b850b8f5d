from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form renders labels, help and errors the same accessible way."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
