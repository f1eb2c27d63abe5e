"""Form helpers shared by the Django apps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


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
