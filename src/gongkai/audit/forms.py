import datetime as dt

from django import forms
from django.db.models import Q
from django.utils import timezone

from gongkai.core.audit_actions import codes_matching, grouped_choices


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class AuditFilterForm(forms.Form):
    """Filters of the audit list (GET). Every field is optional."""

    actor = forms.CharField(label="操作人", required=False, max_length=150, help_text="用户名或姓名")
    action = forms.ChoiceField(label="操作", required=False)
    action_text = forms.CharField(
        label="操作名称包含", required=False, max_length=40, help_text="如「延期」「保密审查」「工作日历」"
    )
    agency = forms.ModelChoiceField(label="机关", required=False, queryset=None, empty_label="全部机关")
    obj = forms.CharField(label="对象", required=False, max_length=200, help_text="对象名称或编号")
    date_from = forms.DateField(
        label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "请输入有效日期，格式如 2025-01-31。"},
    )
    date_to = forms.DateField(
        label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "请输入有效日期，格式如 2025-01-31。"},
    )

    def __init__(self, *args, agencies, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].error_messages["invalid_choice"] = "请选择您有权查看的机关。"
        # Chinese labels from the one registry, grouped (依申请公开, 主动公开目录, …); only codes that occur.
        codes = events.order_by().values_list("action", flat=True).distinct()
        self.fields["action"].choices = [("", "全部操作")] + grouped_choices(codes)
        self.fields["action"].error_messages["invalid_choice"] = "没有这种操作记录。"

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "截止日期不能早于起始日期。")
        return data

    def apply(self, events):
        """Filter `events` by the valid fields (invalid ones are ignored and shown as errors)."""
        data = self.cleaned_data if self.is_bound else {}
        if actor := data.get("actor", "").strip():
            events = events.filter(
                Q(actor__username__iexact=actor) | Q(actor_label__icontains=actor)
                | Q(actor__full_name__icontains=actor)
            )
        if action := data.get("action"):
            events = events.filter(action=action)
        if text := data.get("action_text", "").strip():
            events = events.filter(action__in=codes_matching(text))
        if agency := data.get("agency"):
            events = events.filter(agency=agency)
        if obj := data.get("obj", "").strip():
            events = events.filter(Q(object_repr__icontains=obj) | Q(object_id=obj))
        # Whole local days as datetime bounds, so the index on `at` is used (at__date would not).
        if start := data.get("date_from"):
            events = events.filter(at__gte=_start_of(start))
        if end := data.get("date_to"):
            events = events.filter(at__lt=_start_of(end + dt.timedelta(days=1)))
        return events
