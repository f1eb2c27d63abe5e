from __future__ import annotations

from django import forms

from gongkai.core.vocabulary import RemedyKind, RemedyResult, choices
from gongkai.uploads import REMEDY, validate_upload
from gongkai.versioning import VersionedFormMixin

from .models import Remedy

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "请输入有效日期，格式如 2024-03-15。"}


class RemedyForm(VersionedFormMixin, forms.ModelForm):
    agency = forms.ModelChoiceField(queryset=None, label="被申请人/被告机关", required=True)

    class Meta:
        model = Remedy
        fields = [
            "agency", "kind", "review", "applicant_name", "act_known_on", "filed_on", "accepted_on", "body",
            "case_number", "result", "decided_on", "notes",
        ]
        widgets = {
            "act_known_on": DATE, "filed_on": DATE, "accepted_on": DATE, "decided_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "filed_on": {"required": "请填写申请复议/起诉日期。", **DATE_ERRORS},
            "act_known_on": DATE_ERRORS, "accepted_on": DATE_ERRORS, "decided_on": DATE_ERRORS,
            "applicant_name": {"required": "请填写申请人/原告。"},
            "body": {"required": "请填写复议机关或人民法院。"},
            "kind": {"required": "请选择类型。"},
        }

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].error_messages["invalid_choice"] = "请选择您有权登记的机关。"
        if agencies is not None and agencies.count() == 1:
            only = agencies.first()
            self.fields["agency"].initial = only.pk
            self.fields["agency"].widget = forms.HiddenInput()
        if self.instance.pk:
            self.fields["agency"].disabled = True
            self.fields["agency"].widget = forms.HiddenInput()
        agency_ids = list(agencies.values_list("pk", flat=True)) if agencies is not None else []
        review_qs = Remedy.objects.filter(kind=RemedyKind.REVIEW, agency_id__in=agency_ids)
        if self.instance.pk:
            review_qs = review_qs.exclude(pk=self.instance.pk)
        self.fields["review"].queryset = review_qs
        self.fields["review"].label_from_instance = lambda r: f"{r.case_number or '#' + str(r.pk)}（{r.filed_on:%Y-%m-%d}）"
        self.fields["body"].help_text = "行政复议机关或人民法院的名称。部门的复议机关一般为本级人民政府（行政复议法第二十四条）。"
        self.fields["case_number"].help_text = "如「门政复字〔2024〕12号」「（2024）京0109行初5号」。"
        self.fields["case_ref"] = forms.CharField(
            label="关联的依申请公开案件编号", required=False, max_length=20,
            help_text="如「2025-0012」（本机关的申请编号）；与具体申请无关的可不填。",
        )
        if self.instance.pk and self.instance.case_id:
            self.fields["case_ref"].initial = self.instance.case.number

    def clean(self):
        data = super().clean()
        agency = data.get("agency") or (self.instance.agency if self.instance.pk else None)
        ref = (data.get("case_ref") or "").strip().replace("－", "-")
        data["case"] = None
        if ref:
            from gongkai.cases.models import Application

            year, _, seq = ref.partition("-")
            if not (year.isdigit() and seq.isdigit()):
                self.add_error("case_ref", "案件编号格式应为「年度-序号」，如 2025-0012。")
            elif agency is not None:
                case = Application.objects.filter(agency=agency, year=int(year), seq=int(seq)).first()
                if case is None:
                    self.add_error("case_ref", f"本机关没有编号为「{ref}」的申请。")
                data["case"] = case
        return data

    def service_data(self) -> dict:
        names = [n for n in self.Meta.fields if n != "agency"] + ["case"]
        return {n: self.cleaned_data.get(n) for n in names}


class ResultForm(forms.Form):
    result = forms.ChoiceField(label="结果", choices=choices(RemedyResult))
    decided_on = forms.DateField(label="审结日期", required=False, widget=DATE, error_messages=DATE_ERRORS)
    notes = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("result") and data["result"] != RemedyResult.PENDING and not data.get("decided_on"):
            self.add_error("decided_on", "已审结的案件须填写审结日期。")
        return data


class DocumentForm(forms.Form):
    title = forms.CharField(label="文书名称", max_length=100, error_messages={"required": "请填写文书名称。"})
    file = forms.FileField(label="文件", error_messages={"required": "请选择文件。", "empty": "文件是空的。"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, REMEDY)
        return upload


class DeleteForm(forms.Form):
    reason = forms.CharField(label="删除理由", max_length=500, error_messages={"required": "请填写删除理由。"})
