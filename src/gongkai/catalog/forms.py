"""Forms of the catalogue's staff pages (and of the importer's row validation)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from gongkai.core.vocabulary import DisclosureCategory
from gongkai.uploads import CATALOG, CATALOG_IMPORT, BodyImportError, docx_body_upload, validate_upload
from gongkai.versioning import VersionedFormMixin

from .models import REGULATORY_GENRES, CatalogItem, FigureKind, Genre, Status, Validity
from .sanitize import clean_html, text_to_html
from .text import normalise_doc_no

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(VersionedFormMixin, forms.ModelForm):
    body_docx = forms.FileField(
        label="从 Word 文档导入正文", required=False,
        help_text="选择 .docx 文件后保存，正文将替换为文档内容（保留标题、段落、列表、表格和居右的落款、日期）。",
        widget=forms.ClearableFileInput(attrs={
            "accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}),
    )
    interprets = forms.ModelMultipleChoiceField(
        label="解读的政策", queryset=CatalogItem.objects.none(), required=False,
        help_text="体裁为「政策解读」时，选择所解读的政策文件（可多选）。",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = CatalogItem
        fields = (
            "title", "summary", "doc_no", "publisher", "written_on", "effective_on", "formed_on",
            "subject", "genre", "category", "keywords", "body",
        )
        widgets = {
            "written_on": DATE, "effective_on": DATE, "formed_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            # data-rich-editor: gongkai/editor.js puts a toolbar and an editing area over it; without
            # JavaScript the textarea is the editor.
            "body": forms.Textarea(attrs={"rows": 16, "data-rich-editor": ""}),
        }
        help_texts = {
            "doc_no": "如「门科信发〔2022〕3号」；[2022]、(2022) 会自动改为〔2022〕。",
            "formed_on": "条例第二十六条：自信息形成或者变更之日起20个工作日内公开。",
            "body": "可用工具栏排版，或直接输入文字（按段落换行）；也可从 Word 导入。保存时只保留安全的排版标签，"
                    "结尾的落款和成文日期自动居右。",
            "keywords": "以空格或逗号分隔。",
        }

    field_order = [*Meta.fields, "body_docx", "interprets"]

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "请选择")] + [(c.value, c.label) for c in DisclosureCategory]
        self.fields["publisher"].required = False
        self.fields["formed_on"].required = True
        if agency is not None:
            qs = CatalogItem.objects.filter(agency=agency, status=Status.PUBLISHED).exclude(genre=Genre.INTERPRETATION)
            if self.instance.pk:
                qs = qs.exclude(pk=self.instance.pk)
                self.initial.setdefault("interprets", list(self.instance.interprets.values_list("pk", flat=True)))
            self.fields["interprets"].queryset = qs.order_by("-published_on", "-id")
            self.fields["publisher"].widget.attrs["placeholder"] = agency.name

    def clean_doc_no(self):
        return normalise_doc_no(self.cleaned_data.get("doc_no", ""))

    def clean_body(self):
        body = self.cleaned_data.get("body", "") or ""
        if body and "<" not in body:
            body = text_to_html(body)
        return clean_html(body)

    def clean_body_docx(self):
        f = self.cleaned_data.get("body_docx")
        if not f:
            return None
        if not f.name.lower().endswith(".docx"):
            raise forms.ValidationError("请选择 .docx 格式的 Word 文档（.doc 请先另存为 .docx）。")
        validate_upload(f, CATALOG)  # the one upload validator: content, size, ZIP parts
        f.seek(0)
        try:
            return clean_html(docx_body_upload(f.read(), f.name))
        except BodyImportError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_formed_on(self):
        day = self.cleaned_data.get("formed_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError("信息形成或变更日期不能晚于今天。")
        return day

    def clean(self):
        data = super().clean()
        if data.get("body_docx"):
            data["body"] = data["body_docx"]  # the imported document replaces the typed body
        genre, category = data.get("genre"), data.get("category")
        # 条例第二十条第（一）项: 规章和规范性文件.
        if genre in REGULATORY_GENRES and category and category != DisclosureCategory.ART20_1:
            self.add_error("category", "规章和行政规范性文件属于条例第二十条第（一）项。")
        if data.get("interprets") and genre != Genre.INTERPRETATION:
            self.add_error("interprets", "只有体裁为「政策解读」的信息才能关联所解读的政策。")
        written, effective = data.get("written_on"), data.get("effective_on")
        if written and effective and effective < written:
            self.add_error("effective_on", "实施日期不能早于成文日期。")
        return data

    def service_data(self) -> dict:
        data = {f: self.cleaned_data.get(f) for f in self.Meta.fields}
        data["interprets"] = list(self.cleaned_data.get("interprets") or [])
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class ApproveForm(forms.Form):
    note = forms.CharField(label="审查意见（可选）", max_length=300, required=False)


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(
        label="变更为", choices=[(v.value, v.label) for v in Validity if v != Validity.VALID]
    )
    on = forms.DateField(label="自何日起", widget=DATE)
    note = forms.CharField(label="说明或依据", max_length=300, required=False)


class RepealForm(forms.Form):
    on = forms.DateField(label="废止日期", widget=DATE)
    reason = forms.CharField(label="废止理由或依据", max_length=300)


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件")  # checked by content in services.add_attachment (gongkai.uploads.CATALOG)


class FiguresForm(forms.Form):
    """The entered table 二 figures of one year; blank means 「按已发布信息统计」."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in FigureKind:
            if kind == FigureKind.FEE:
                field = forms.DecimalField(
                    label=f"{kind.label}（万元）", required=False, min_value=0, max_digits=14, decimal_places=4
                )
            else:
                field = forms.IntegerField(label=f"{kind.label}（本年处理决定数量）", required=False, min_value=0)
            self.fields[kind.value] = field
        self.fields["note"] = forms.CharField(label="数据来源说明", max_length=300, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV 或 XLSX 文件")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, CATALOG_IMPORT)
        return upload
    mode = forms.ChoiceField(
        label="导入方式",
        choices=[
            ("dry_run", "仅检查，不导入"),
            ("all", "全部无误时导入"),
            ("good_only", "只导入无误的行"),
        ],
        initial="dry_run",
        widget=forms.RadioSelect,
    )


def year_choices(start: int = 2019) -> list[int]:
    return list(range(dt.date.today().year, start - 1, -1))
