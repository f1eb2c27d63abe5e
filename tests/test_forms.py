from django import forms
from django.core.exceptions import ValidationError

from gongkai.forms import attach_errors


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
