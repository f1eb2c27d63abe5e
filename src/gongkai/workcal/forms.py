from __future__ import annotations

import hashlib

from django import forms
from django.core import signing

from gongkai.agencies.models import Agency

from .models import CalendarYear, Region, YearStatus
from .notice_text import NoticeTextError, parse_notice_text

MAX_UPLOAD_BYTES = 1024 * 1024

ARRANGEMENT_HELP = (
    "按国务院办公厅通知逐条填写，每行一个节日，例如："
    "「春节：1月28日至2月4日放假调休，共8天。1月26日（周日）、2月8日（周六）上班。」"
    "可直接粘贴通知原文；括号中的星期、农历说明会被忽略。"
)


def _year_is_known(year) -> bool:
    return CalendarYear.objects.filter(year=year, status=YearStatus.COMPLETE).exists()


class YearArrangementForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    notice_title = forms.CharField(
        label="通知标题", max_length=200, required=False,
        help_text="留空则为「国务院办公厅关于××××年部分节假日安排的通知」。",
    )
    notice_no = forms.CharField(label="文号", max_length=60, required=False, help_text="如：国办发明电〔2024〕12号。")
    notice_url = forms.URLField(label="通知网址", max_length=500, required=False, assume_scheme="https")
    published_on = forms.DateField(label="发布日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    arrangement = forms.CharField(
        label="放假与调休安排", widget=forms.Textarea(attrs={"rows": 9, "spellcheck": "false"}), help_text=ARRANGEMENT_HELP,
    )
    provisional = forms.BooleanField(label="保存为草稿（草稿不用于计算期限，该年仍按「未录入」处理）", required=False)
    confirm_replace = forms.BooleanField(
        label="确认替换该年已生效的安排（相关案件的期限将重新计算）", required=False,
    )

    def clean(self):
        data = super().clean()
        year, text = data.get("year"), data.get("arrangement")
        if year is None or not text:
            return data
        try:
            data["off_ranges"], data["work_days"] = parse_notice_text(year, text)
        except NoticeTextError as exc:
            for message in exc.errors:
                self.add_error("arrangement", message)
        if _year_is_known(year) and not data.get("confirm_replace"):
            self.add_error("confirm_replace", f"{year}年的安排已经生效。修改会替换原安排并重新计算相关期限，请勾选确认。")
        return data


class ImportForm(forms.Form):
    KIND_CHOICES = (
        ("auto", "按文件自动识别"),
        ("json", "holiday-cn JSON（{year, papers, days:[{name, date, isOffDay}]}）"),
        ("csv", "CSV（date,is_off_day,name[,year]）"),
    )
    file = forms.FileField(label="文件", help_text="不超过 1 MB；UTF-8 或 GBK 编码。")
    kind = forms.ChoiceField(label="文件格式", choices=KIND_CHOICES, initial="auto")
    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("文件超过 1 MB，请检查是否选错了文件。")
        return f

    def detected_kind(self, raw: bytes) -> str:
        kind = self.cleaned_data.get("kind") or "auto"
        if kind != "auto":
            return kind
        name = (self.cleaned_data["file"].name or "").lower()
        if name.endswith(".json") or raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            return "json"
        return "csv"


class ImportConfirmForm(forms.Form):
    """The previewed file, carried to 「确认生效」: its text, format and name, the calendar version the preview
    was computed on, and a signature over all of it (what takes effect is exactly what was previewed)."""

    content = forms.CharField(widget=forms.HiddenInput, strip=False, max_length=2 * MAX_UPLOAD_BYTES)
    kind = forms.ChoiceField(widget=forms.HiddenInput, choices=[("json", "json"), ("csv", "csv")])
    filename = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    signature = forms.CharField(widget=forms.HiddenInput)

    SALT = "gongkai.workcal.import-preview"

    @staticmethod
    def normalise(content: str) -> str:
        """Browsers send line breaks of form values as CRLF: sign and compare the text with LF only."""
        return content.replace("\r\n", "\n").replace("\r", "\n")

    @classmethod
    def sign(cls, content: str, kind: str, filename: str, version) -> str:
        digest = hashlib.sha256(cls.normalise(content).encode("utf-8")).hexdigest()
        return signing.dumps([digest, kind, filename, "" if version is None else str(version)], salt=cls.SALT)

    @classmethod
    def for_preview(cls, content: str, kind: str, filename: str, version) -> ImportConfirmForm:
        content = cls.normalise(content)
        return cls(initial={"content": content, "kind": kind, "filename": filename,
                            "version": "" if version is None else version,
                            "signature": cls.sign(content, kind, filename, version)})

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            signed = signing.loads(data["signature"], salt=self.SALT, max_age=3600)
        except signing.BadSignature:
            raise forms.ValidationError("预览已失效（超过1小时或内容被改动），请重新上传文件并预览。") from None
        data["content"] = self.normalise(data["content"])
        digest = hashlib.sha256(data["content"].encode("utf-8")).hexdigest()
        if signed != [digest, data["kind"], data["filename"], data["version"]]:
            raise forms.ValidationError("确认的内容与预览的不一致，请重新上传文件并预览。")
        return data

    @property
    def previewed_version(self) -> int | None:
        version = self.cleaned_data["version"]
        return int(version) if version.isdigit() else None


class RegionForm(forms.Form):
    code = forms.SlugField(label="地区代码", max_length=40, help_text="如行政区划代码 650000。")
    name = forms.CharField(label="地区名称", max_length=100)
    agencies = forms.ModelMultipleChoiceField(
        label="适用机关", queryset=Agency.objects.all(), required=False,
        help_text="选中的机关及其下级机关使用本地区的地方休息日。",
    )


class LocalDayOffForm(forms.Form):
    region = forms.ModelChoiceField(label="地区", queryset=Region.objects.all(), empty_label="请选择地区")
    date = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label="名称", max_length=100, help_text="如：古尔邦节。")
    basis = forms.CharField(label="依据", max_length=200, required=False, help_text="如地方人民政府的放假通知及文号。")
