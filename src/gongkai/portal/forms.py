"""Public search and browse filters (shared by the pages, the API and the CSV export)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.catalog.models import SUBJECT_CHOICES, Genre, Validity
from gongkai.catalog.search import SearchFilters
from gongkai.core.vocabulary import DisclosureCategory
from gongkai.forms import HoneypotField

from .models import ErrorKind, GuideText

FIRST_YEAR = 1990


class SearchForm(forms.Form):
    q = forms.CharField(label="关键词", max_length=200, required=False,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": "标题、正文、文号或索引号"}))
    agency = forms.ModelChoiceField(
        label="机关", queryset=Agency.objects.filter(is_active=True).order_by("path"), required=False,
        to_field_name="slug", empty_label="全部机关",
    )
    category = forms.ChoiceField(label="公开类别", required=False)
    subject = forms.ChoiceField(label="主题分类", required=False, choices=[("", "全部主题")] + SUBJECT_CHOICES)
    genre = forms.ChoiceField(label="体裁", required=False, choices=[("", "全部体裁")] + list(Genre.choices))
    year = forms.IntegerField(label="发布年度", required=False, min_value=FIRST_YEAR,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "如 2022"}))
    validity = forms.ChoiceField(label="有效性", required=False, choices=[("", "全部")] + list(Validity.choices))
    page = forms.IntegerField(label="页码", required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "全部类别")] + [(c.value, c.article + " " + c.short) for c in DisclosureCategory]
        from django.core.validators import MaxValueValidator

        self.fields["year"].validators.append(MaxValueValidator(timezone.localdate().year))
        self.fields["year"].error_messages["max_value"] = "年度不能晚于今年。"
        self.fields["year"].error_messages["min_value"] = f"年度不能早于{FIRST_YEAR}年。"
        self.fields["year"].error_messages["invalid"] = "年度须为四位数字，如 2022。"

    def filters(self, agency=None) -> SearchFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        chosen = agency or data.get("agency")
        return SearchFilters(
            agency=chosen.pk if chosen else None,
            category=data.get("category") or None,
            year=data.get("year") or None,
            validity=data.get("validity") or None,
            genre=data.get("genre") or None,
            subject=data.get("subject") or None,
        )

    @property
    def query(self) -> str:
        return (self.cleaned_data.get("q") or "") if self.is_bound and self.is_valid() else ""

    @property
    def page_number(self) -> int:
        return (self.cleaned_data.get("page") or 1) if self.is_bound and self.is_valid() else 1


# -- 「我为政府网站找错」 and the 指南's staff-written texts (issue 17) ----------------------------------


class ErrorReportForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="页面所属机关", queryset=Agency.objects.none(), to_field_name="slug", empty_label="请选择机关",
        error_messages={"required": "请选择页面所属的机关。", "invalid_choice": "请选择列表中的机关。"},
    )
    page_url = forms.CharField(label="出错页面网址", max_length=500,
                               error_messages={"required": "请填写出错页面的网址。"},
                               help_text="从出错页面进入本表时已自动填写。")
    kind = forms.ChoiceField(label="问题类型", choices=ErrorKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "请选择问题类型。", "invalid_choice": "请选择列表中的问题类型。"})
    description = forms.CharField(label="问题描述", max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
                                  error_messages={"required": "请描述发现的问题。",
                                                  "max_length": "问题描述最多2000字。"},
                                  help_text="如错在哪里、应当如何。")
    contact_name = forms.CharField(label="称呼（可选）", max_length=50, required=False)
    contact = forms.CharField(label="联系方式（可选）", max_length=100, required=False,
                              help_text="电话或电子邮箱，便于我们告知处理结果。")
    #: A field people never see (as on the application form); bots fill it.
    website = HoneypotField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).exclude(
            kind=AgencyKind.SUBORDINATE).order_by("path")
        self.fields["agency"].label_from_instance = lambda a: a.name

    def clean_page_url(self):
        url = self.cleaned_data["page_url"].strip()
        if not url.startswith(("/", "http://", "https://")):
            raise forms.ValidationError("请填写以 http://、https:// 或 / 开头的网址。")
        return url

    def clean_website(self):
        if self.cleaned_data.get("website"):
            self.data = self.data.copy()
            self.data["website"] = ""
            raise forms.ValidationError("")
        return ""

    def clean(self):
        data = super().clean()
        if "website" in self.errors:
            self.add_error(None, "提交未成功，请核对后再次提交。")
        return data


class HandleErrorForm(forms.Form):
    valid = forms.TypedChoiceField(label="核实结果", choices=[("1", "问题属实，已更正"), ("0", "问题不属实或无需更正")],
                                   coerce=lambda v: v == "1", widget=forms.RadioSelect,
                                   error_messages={"required": "请选择核实结果。"})
    reply = forms.CharField(label="处理结果", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                            error_messages={"required": "请写明处理结果。"})


class GuideTextForm(forms.ModelForm):
    class Meta:
        model = GuideText
        fields = ["foreword", "classification", "arrangement", "obtaining", "procedure", "fees", "remedies", "rules"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in fields}
