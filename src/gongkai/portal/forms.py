"""Public search and browse filters (shared by the pages, the API and the CSV export)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.catalog.models import SUBJECT_CHOICES, Genre, Validity
from gongkai.catalog.search import SearchFilters
from gongkai.core.vocabulary import DisclosureCategory

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
    year = forms.IntegerField(label="发布年度", required=False, min_value=FIRST_YEAR)
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
