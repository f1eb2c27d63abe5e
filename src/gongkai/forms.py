"""Form helpers shared by the Django apps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the bound form, field by field where it names one,
    so the page re-renders with the message and nothing the user typed is lost."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
