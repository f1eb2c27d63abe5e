from __future__ import annotations

import dataclasses

from django import forms
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.uploads import REPORT_AUDIT, REPORT_IMPORT, validate_upload
from gongkai.versioning import VersionedFormMixin

MAX_AUDIT_FILES = REPORT_AUDIT.max_files


def _year_field(label: str = "年度") -> forms.IntegerField:
    this_year = timezone.localdate().year
    return forms.IntegerField(
        label=label, min_value=2008, max_value=this_year,
        error_messages={
            "required": "请填写年度。", "invalid": "年度须为四位数字，如 2024。",
            "min_value": "年度不能早于2008年（条例施行前没有年度报告）。", "max_value": f"年度不能晚于{this_year}年。",
        },
    )


class AgencyYearForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="机关")
    year = _year_field()

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()
        self.fields["agency"].error_messages.update(
            {"required": "请选择机关。", "invalid_choice": "请选择您有权操作的机关。"}
        )
        if agencies is not None and agencies.count() == 1:
            self.fields["agency"].initial = agencies.first().pk
            self.fields["agency"].widget = forms.HiddenInput()
        self.fields["year"].initial = timezone.localdate().year - 1


class ImportForm(AgencyYearForm):
    file = forms.FileField(label="已公开的年度报告文件", error_messages={"required": "请选择文件。", "empty": "文件是空的。"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, REPORT_IMPORT)
        return upload


class ReportTextForm(VersionedFormMixin, forms.Form):
    section1 = forms.CharField(
        label="一、总体情况", required=False, widget=forms.Textarea(attrs={"rows": 12}),
        help_text="草稿引用了系统计算的数字（主动公开条数、收到和答复的申请数、结转数、复议诉讼数）；修改文字时请保持与表格一致。",
    )
    section5 = forms.CharField(label="五、存在的主要问题及改进情况", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    section6 = forms.CharField(label="六、其他需要报告的事项", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="修改意见", widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "退回时须填写修改意见。"}
    )


class UnlockForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="机关", widget=forms.HiddenInput())
    year = _year_field()
    reason = forms.CharField(label="解锁理由", max_length=500, error_messages={"required": "解锁须说明理由。"})

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()
        self.fields["agency"].error_messages["invalid_choice"] = "该机关不在您的主管范围内。"
        self.fields["year"].widget = forms.HiddenInput()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class AuditForm(forms.Form):
    title = forms.CharField(label="名称", max_length=100, error_messages={"required": "请填写本次审查的名称。"})
    files = MultipleFileField(label="年度报告文件（可多选）", required=False)
    folder = forms.CharField(
        label="服务器目录（仅系统管理员）", required=False, max_length=500,
        help_text="读取该目录（含子目录）下的 .pdf .html .htm .txt .md .docx .xlsx .json 文件和 .zip 压缩包。",
    )

    def __init__(self, *args, allow_folder: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.allow_folder = allow_folder
        if not allow_folder:
            del self.fields["folder"]

    def clean(self):
        data = super().clean()
        files = data.get("files") or []
        folder = (data.get("folder") or "").strip()
        if not files and not folder:
            raise forms.ValidationError("请上传至少一个文件" + ("，或填写服务器目录。" if self.allow_folder else "。"))
        if len(files) > MAX_AUDIT_FILES:
            raise forms.ValidationError(f"一次最多审查 {MAX_AUDIT_FILES} 个文件。")
        for upload in files:
            policy = REPORT_AUDIT
            if upload.name.lower().endswith(".zip"):
                # A province's reports come as one archive: stored, then unpacked member by member (batch.py),
                # so it may be as large as a whole batch.
                from .batch import max_batch_bytes

                policy = dataclasses.replace(REPORT_AUDIT, max_bytes=max_batch_bytes())
            validate_upload(upload, policy)
        return data
