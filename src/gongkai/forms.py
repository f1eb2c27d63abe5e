"""Form helpers shared by the Django apps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


class AccessibleRenderer(TemplatesSetting):
    """The project's one form renderer (settings.FORM_RENDERER): `{{ form }}` and `{{ field.as_field_group }}`
    render every field of every app the same accessible way — a visible label or legend, a required mark,
    help text and errors tied to the input (Django's aria-describedby and aria-invalid). Templates:
    templates/forms/form.html and templates/forms/field.html."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class HoneypotField(forms.CharField):
    """A field people never see (forms/honeypot.html: hidden by CSS, skipped by keyboard and screen
    readers); bots fill it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template_name", "forms/honeypot.html")
        kwargs.setdefault("label", "请勿填写此项")
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
        super().__init__(**kwargs)


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the bound form, field by field where it names one,
    so the page re-renders with the message and nothing the user typed is lost. A `ServiceError`
    goes on its `field` when the form has that field, else on the form as a whole."""
    field = getattr(error, "field", None)
    if field is not None and not hasattr(error, "error_dict"):
        form.add_error(field if field in form.fields else None, error.messages)
    elif hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
