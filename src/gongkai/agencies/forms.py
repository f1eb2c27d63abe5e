from django import forms
from django.db import models

from gongkai.core import codes

from .models import Agency
from .services import GUIDE_FIELDS

#: What the staff page lets a manager edit: codes and the 第十二条 facts (the hierarchy stays in the admin).
EDITABLE_FIELDS = ("short_name", "uscc", "org_code", *GUIDE_FIELDS, "doc_prefix")


def formfield(db_field, **kwargs):
    """Model form fields; URLs typed without a scheme are taken as https (Django 6 default)."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class CodeFieldsMixin:
    """Accept codes pasted with spaces or in lower case (normalised before the model checks)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("uscc", "org_code"):
            if name in self.fields:
                self.fields[name].max_length = 40
                self.fields[name].validators = [v for v in self.fields[name].validators
                                                if not hasattr(v, "limit_value")]
                self.fields[name].widget.attrs.update(maxlength="40", autocapitalize="characters",
                                                      spellcheck="false")

    def clean_uscc(self):
        return codes.normalise_code(self.cleaned_data.get("uscc", ""))

    def clean_org_code(self):
        return codes.normalise_code(self.cleaned_data.get("org_code", ""))


class AgencyForm(CodeFieldsMixin, forms.ModelForm):
    class Meta:
        model = Agency
        formfield_callback = formfield
        fields = EDITABLE_FIELDS
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "fax": forms.TextInput(attrs={"type": "tel"}),
            "website": forms.URLInput(attrs={"placeholder": "https://"}),
        }
        error_messages = {
            "email": {"invalid": "请输入有效的电子邮件地址，如 xxgk@example.gov.cn。"},
            "website": {"invalid": "请输入有效的网址，如 https://www.example.gov.cn/。"},
        }
