"""Optimistic concurrency for records several staff edit — the cases mechanism (`cases.actions.base.lock`)
for every app (issue 15 item 7: catalog drafts, remedy records, annual-report text).

Each such model has `version = PositiveIntegerField(default=0)`; its edit form carries the version the
page showed (`VersionedFormMixin`, a hidden field), and the service claims it inside its transaction:

    claim(item, expected_version, what="该信息")     # UPDATE … SET version = version + 1 WHERE version = n

A second editor who worked from a stale version gets `EditConflict` (a ServiceError with a Chinese
message); the view answers 409 and shows the form again with everything they typed (`keep_input`).
"""

from __future__ import annotations

from django import forms
from django.db.models import F, Model

from gongkai.errors import ServiceError


class EditConflict(ServiceError):
    def __init__(self, what: str):
        super().__init__(
            f"{what}在您编辑期间已被其他人修改，您的修改未保存。您填写的内容仍保留在下方："
            "请先在新窗口中查看最新内容并核对；确认以您的内容为准的，再次保存即可。"
        )


def claim(obj: Model, expected_version, *, what: str) -> None:
    """Bump `obj`'s version if it is still `expected_version` (None: the version `obj` was read with),
    else raise EditConflict. Call inside the service's transaction, before saving."""
    expected = obj.version if expected_version in (None, "") else int(expected_version)
    bumped = type(obj).objects.filter(pk=obj.pk, version=expected).update(version=F("version") + 1)
    if bumped != 1:
        raise EditConflict(what)
    obj.version = expected + 1


class VersionedFormMixin(forms.Form):
    """The version the editing page showed, sent back with the form."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.fields["version"].initial = instance.version

    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")


def keep_input(form: forms.Form, conflict: EditConflict, current_version: int) -> None:
    """Show the refused form again: the message on top, everything the editor typed kept, and the
    current version in the hidden field, so that saving again (after checking) is a deliberate overwrite."""
    form.data = form.data.copy()
    form.data[form.add_prefix("version")] = str(current_version)
    form.add_error(None, conflict)
