import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.forms import attach_errors, validate_upload_size


class NoteForm(forms.Form):
    title = forms.CharField()


def test_a_service_error_lands_on_its_field_and_keeps_what_was_typed():
    form = NoteForm({"title": "关于补正的说明"})
    assert form.is_valid()
    attach_errors(form, ValidationError({"title": "标题重复。", "elsewhere": "另一个问题。"}))
    assert form.errors["title"] == ["标题重复。"]
    assert form.non_field_errors() == ["另一个问题。"]
    assert form["title"].value() == "关于补正的说明"


def test_an_error_without_a_field_becomes_a_form_error():
    form = NoteForm({"title": "x"})
    form.is_valid()
    attach_errors(form, ValidationError("该年度数据已锁定。"))
    assert form.non_field_errors() == ["该年度数据已锁定。"]


def test_oversize_uploads_are_refused_in_chinese(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    validate_upload_size(SimpleUploadedFile("ok.pdf", b"x" * 1024))
    big = SimpleUploadedFile("大文件.pdf", b"x" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="过大：不能超过 1 MB"):
        validate_upload_size(big)
    with pytest.raises(ValidationError, match="文件「大文件.pdf」过大"):
        validate_upload_size(big, name=True)
