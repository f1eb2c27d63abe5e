"""The public 期限计算器 (issue 17 item 6): receipt date and channel, optional 补正 and extension →
the statutory reply deadline with the same step-by-step proof staff see on the case page.

It builds the law engine's events from the form (`core/law/clock.py`), never a second computation:
the case page and the calculator call the same `compute_clock` on the same stored calendar
(`workcal.services.calendar_for_agency` when an agency is chosen, the national one otherwise), so
the two cannot disagree. A year whose 节假日安排 nobody entered gives no certain date, only the
labelled estimate (docs/law.md §9.3).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.safestring import mark_safe

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.cases.forms import date_field
from gongkai.core.law import clock as law
from gongkai.core.law.calendar import UnknownCalendarYear
from gongkai.core.law.receipt import Channel, needs_confirmation, receipt_date, receipt_rule
from gongkai.workcal import services as workcal

#: Dates outside this span are refused (a typo such as 0202-03-01 must not walk centuries of calendar).
FIRST_YEAR, LAST_YEAR = 2008, 2100


class FieldGroup:
    """Part of a form, rendered by the project's form renderer (templates/forms/form.html) like a whole
    form: `{{ form.receipt_part }}` in a <fieldset> of its own; the first part carries the form's own errors."""

    def __init__(self, form, names, first=False):
        self.form, self.names, self.first = form, names, first

    def __str__(self) -> str:
        fields = [self.form[n] for n in self.names]
        context = {"form": self, "fields": [(f, f.errors) for f in fields], "hidden_fields": [],
                   "errors": self.form.non_field_errors() if self.first else ""}
        return mark_safe(self.form.renderer.render(self.form.template_name, context))

    __html__ = __str__


class CalculatorForm(forms.Form):
    channel = forms.ChoiceField(
        label="申请渠道", choices=[(c.value, c.label) for c in Channel], initial=Channel.ONLINE,
        error_messages={"required": "请选择申请渠道。", "invalid_choice": "请选择列表中的申请渠道。"},
        help_text="条例第三十一条：收到申请之日因渠道而不同。",
    )
    submitted_on = date_field("提交日期", help_text="当面提交、口头提出或寄出、在线提交的日期。")
    signed_on = date_field("签收日期（邮寄需签收的）", required=False)
    confirmed_on = date_field("确认日期（平常信函、互联网、传真、电子邮件）", required=False,
                              help_text="第三十一条：以行政机关与申请人确认之日为收到申请之日。")
    agency = forms.ModelChoiceField(
        label="受理机关（可选）", queryset=Agency.objects.none(), required=False, empty_label="不指定（全国工作日历）",
        to_field_name="slug", help_text="指定机关时按其所在地区的工作日历计算（含地方性休息日）。",
        error_messages={"invalid_choice": "请选择列表中的机关。"},
    )
    correction_on = date_field("补正告知日期（可选）", required=False,
                               help_text="行政机关一次性告知补正的日期（第三十条）。")
    correction_due = date_field("补正期限（可选）", required=False, help_text="补正告知书写明的补正期限。")
    correction_received_on = date_field("收到补正日期（可选）", required=False,
                                        help_text="答复期限自收到补正的申请之日起重新计算（第三十条）。")
    extension_days = forms.IntegerField(
        label="延长答复期限的工作日数（可选）", required=False, min_value=1, max_value=law.EXTENSION_MAX_WORKING_DAYS,
        help_text="第三十三条第二款：经负责人同意并告知申请人，延长不超过20个工作日。",
        error_messages={"min_value": "延长的工作日数至少为1。", "max_value": "延长答复期限最长不得超过20个工作日（第三十三条第二款）。",
                        "invalid": "延长的工作日数须为整数。"},
    )
    extension_on = date_field("延期告知日期（可选）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Agency.objects.filter(is_active=True).exclude(kind=AgencyKind.SUBORDINATE).order_by("path")
        self.fields["agency"].queryset = qs
        self.fields["agency"].label_from_instance = lambda a: a.name

    @property
    def receipt_part(self):
        return FieldGroup(self, ("channel", "submitted_on", "signed_on", "confirmed_on", "agency"), first=True)

    @property
    def correction_part(self):
        return FieldGroup(self, ("correction_on", "correction_due", "correction_received_on"))

    @property
    def extension_part(self):
        return FieldGroup(self, ("extension_days", "extension_on"))

    def clean(self):
        data = super().clean()
        for name in ("submitted_on", "signed_on", "confirmed_on", "correction_on", "correction_due",
                     "correction_received_on", "extension_on"):
            d = data.get(name)
            if d is not None and not FIRST_YEAR <= d.year <= LAST_YEAR:
                self.add_error(name, f"请填写{FIRST_YEAR}年至{LAST_YEAR}年之间的日期。")
                data.pop(name, None)
        channel, submitted = data.get("channel"), data.get("submitted_on")
        if channel and submitted and not self.errors:
            try:
                data["received_on"] = receipt_date(channel, submitted_on=submitted, signed_on=data.get("signed_on"),
                                                   confirmed_on=data.get("confirmed_on"))
            except ValueError as exc:
                field = "signed_on" if channel == Channel.POST_SIGNED else (
                    "confirmed_on" if needs_confirmation(channel) else "submitted_on")
                self.add_error(field, str(exc))
                return data
        received = data.get("received_on")
        if received is None:
            return data
        notice, got = data.get("correction_on"), data.get("correction_received_on")
        if got and not notice:
            self.add_error("correction_on", "填写了收到补正日期的，请同时填写补正告知日期。")
        if data.get("correction_due") and not notice:
            self.add_error("correction_on", "填写了补正期限的，请同时填写补正告知日期。")
        if notice and notice < received:
            self.add_error("correction_on", f"补正告知日期不能早于收到申请之日（{received.isoformat()}）。")
        if notice and got and got < notice:
            self.add_error("correction_received_on", "收到补正日期不能早于补正告知日期。")
        if notice and data.get("correction_due") and data["correction_due"] < notice:
            self.add_error("correction_due", "补正期限不能早于补正告知日期。")
        days, ext_on = data.get("extension_days"), data.get("extension_on")
        if days and not ext_on:
            self.add_error("extension_on", "延长答复期限的，请填写延期告知日期。")
        if ext_on and not days:
            self.add_error("extension_days", "请填写延长的工作日数。")
        if ext_on and ext_on < (got or received):
            self.add_error("extension_on", "延期告知日期不能早于答复期限的计算起点。")
        return data

    def events(self) -> list:
        """The law engine's events for the cleaned input (the same classes the case page builds)."""
        d = self.cleaned_data
        events = [law.Received(d["received_on"], d["channel"])]
        if d.get("correction_on"):
            events.append(law.CorrectionRequested(d["correction_on"], d.get("correction_due")))
        if d.get("correction_received_on"):
            events.append(law.CorrectionReceived(d["correction_received_on"]))
        if d.get("extension_days"):
            events.append(law.ExtensionApproved(d["extension_on"], int(d["extension_days"])))
        return events


@dataclass
class Answer:
    result: law.ClockResult | None
    received_on: dt.date
    rule: str
    error: str = ""

    @property
    def provisional_label(self) -> str:
        return law.provisional_label(self.result) if self.result is not None and self.result.is_provisional else ""


def calculate(form: CalculatorForm, today: dt.date | None = None) -> Answer:
    """Run the statutory clock for a valid form."""
    d = form.cleaned_data
    agency = d.get("agency")
    calendar = workcal.calendar_for_agency(agency) if agency is not None else workcal.get_calendar()
    rule = receipt_rule(d["channel"])
    try:
        result = law.compute_clock(form.events(), calendar, today or timezone.localdate())
    except UnknownCalendarYear as exc:
        return Answer(None, d["received_on"], rule,
                      error=f"{exc.year}年的节假日和调休安排尚未录入本系统的工作日历，无法计算涉及该年的期限。")
    except ValueError as exc:
        return Answer(None, d["received_on"], rule, error=str(exc))
    return Answer(result, d["received_on"], rule)
