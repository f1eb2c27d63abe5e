"""Form helpers shared by the Django apps."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the bound form, field by field where it names one,
    so the page re-renders with the message and nothing the user typed is lost."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def validate_upload_size(upload, *, name: bool = False) -> None:
    """Refuse an uploaded file larger than settings.UPLOAD_MAX_BYTES, with a Chinese message."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        what = f"文件「{upload.name}」" if name else "文件"
        raise forms.ValidationError(f"{what}过大：不能超过 {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB。")
