"""An optional, accessible question for public forms (settings.GONGKAI_LIMITS["APPLY_CAPTCHA"]).

    from gongkai.captcha import CaptchaField, captcha_enabled
    form.fields["captcha"] = CaptchaField()        # 「验证题：三加五等于几？」 + a signed token

A small sum in Chinese words: readable by screen readers (no image), no third-party service, no
state on the server (the answer travels signed and expires after an hour).
"""

from __future__ import annotations

import secrets

from django import forms
from django.conf import settings
from django.core import signing

DIGITS = "零一二三四五六七八九"
SALT = "gongkai.captcha"
MAX_AGE = 3600


def captcha_enabled() -> bool:
    return bool(settings.GONGKAI_LIMITS.get("APPLY_CAPTCHA"))


def new_challenge() -> tuple[str, str]:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps({"s": a + b, "n": secrets.token_hex(4)}, salt=SALT)
    return f"验证题：{DIGITS[a]}加{DIGITS[b]}等于几？（请填写阿拉伯数字）", token


def answer_ok(token: str, answer: str) -> bool:
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return False
    return (answer or "").strip().translate(str.maketrans("０１２３４５６７８９", "0123456789")) == str(data.get("s"))


class CaptchaWidget(forms.MultiWidget):
    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 4}),
                          forms.HiddenInput()], attrs)

    def decompress(self, value):
        return ["", ""]


class CaptchaField(forms.MultiValueField):
    widget = CaptchaWidget

    def __init__(self, **kwargs):
        question, token = new_challenge()
        super().__init__(
            fields=(forms.CharField(), forms.CharField()), require_all_fields=True, label=question,
            error_messages={"required": "请回答验证题。", "incomplete": "请回答验证题。"}, **kwargs,
        )
        self.token = token
        self.widget.widgets[1].attrs["value"] = token

    def compress(self, data_list):
        answer, token = (data_list + ["", ""])[:2]
        if not answer_ok(token, answer):
            raise forms.ValidationError("验证题的答案不正确，请重新计算（题目已更换）。")
        return answer
