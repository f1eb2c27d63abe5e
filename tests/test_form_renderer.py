"""The project's one form renderer (issue 10 item 5): every field, in every app, gets a visible label or
legend, a required mark, and help text and errors tied to the input for screen readers."""

import re

from django import forms

from gongkai.forms import HoneypotField


class Sample(forms.Form):
    name = forms.CharField(label="姓名", help_text="请填写真实姓名。", error_messages={"required": "请填写姓名。"})
    kind = forms.ChoiceField(label="类型", choices=[("a", "甲"), ("b", "乙")], widget=forms.RadioSelect)
    agree = forms.BooleanField(label="我已阅读须知", required=False)
    note = forms.CharField(label="备注", required=False)
    website = HoneypotField()


def test_a_field_has_a_label_a_required_mark_and_help_tied_to_the_input():
    html = str(Sample())
    assert '<label for="id_name">姓名<span class="required" aria-hidden="true">*</span>' in html
    assert re.search(r'<input[^>]*aria-describedby="id_name_helptext"[^>]*id="id_name"', html)
    assert '<p class="helptext" id="id_name_helptext">请填写真实姓名。</p>' in html
    assert '<label for="id_note">备注</label>' in html  # optional: no mark


def test_errors_are_announced_and_tied_to_the_input():
    html = str(Sample(data={"kind": "a"}))
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*aria-describedby="id_name_helptext id_name_error"', html)
    assert re.search(r'<div class="errors" role="alert"><ul class="errorlist" id="id_name_error"><li>请填写姓名。', html)
    assert 'class="field has-error' in html
    assert html.count('id="id_name_error"') == 1  # one element per id


def test_radio_groups_are_a_fieldset_with_a_legend_and_checkboxes_carry_their_label():
    html = str(Sample())
    assert re.search(r"<fieldset[^>]*>\s*<legend>类型<span class=\"required\"", html)
    assert '<label class="choice" for="id_kind_0"><input type="radio" name="kind" value="a"' in html
    assert re.search(r'<label class="choice" for="id_agree"><input type="checkbox"[^>]*> 我已阅读须知</label>', html)


def test_the_honeypot_is_hidden_from_people_and_screen_readers():
    html = str(Sample())
    assert re.search(r'<div class="field hp-trap" aria-hidden="true">\s*<label for="id_website">', html)
    assert 'tabindex="-1"' in html


def test_a_form_error_is_announced_once_above_the_fields():
    form = Sample(data={"name": "x", "kind": "a"})
    form.is_valid()
    form.add_error(None, "该年度数据已锁定。")
    html = str(form)
    assert html.index('role="alert"') < html.index("id_name")
    assert html.count("该年度数据已锁定。") == 1
