"""The steps of the annual report workflow (draft → submitted → approved → published), declared once and
run by `views.report_action`."""

from __future__ import annotations

from gongkai.workflow import Action, Registry

from . import permissions, services
from .forms import ReturnForm
from .models import ReportKind, ReportStatus


def _recompute(obj, form, *, acting_user):
    if obj.kind == ReportKind.GOVERNMENT:
        return services.compute_government_report(obj.agency, obj.year, acting_user=acting_user)
    return services.compute_report(obj.agency, obj.year, obj.kind, acting_user=acting_user)


def _computed_draft(obj) -> bool:
    return obj.is_editable and obj.origin == "computed"


REPORT_ACTIONS = Registry([
    Action("recompute", "重新计算", permissions.can_edit, None, _recompute, _computed_draft,
           done="已按系统最新数据重新计算。"),
    Action("submit", "报送", permissions.can_submit, None,
           lambda obj, form, *, acting_user: services.submit_report(obj, acting_user=acting_user), _computed_draft,
           done="已报送主管部门，本年度数据已锁定。"),
    Action("return", "退回修改", permissions.can_supervise, ReturnForm,
           lambda obj, form, *, acting_user: services.return_report(obj, form.cleaned_data["comment"], acting_user=acting_user),
           lambda obj: obj.status == ReportStatus.SUBMITTED, done="已退回修改。"),
    Action("approve", "审核通过", permissions.can_supervise, None,
           lambda obj, form, *, acting_user: services.approve_report(obj, acting_user=acting_user),
           lambda obj: obj.status == ReportStatus.SUBMITTED, done="已审核通过。"),
    Action("publish", "公开", permissions.can_publish, None,
           lambda obj, form, *, acting_user: services.publish_report(obj, acting_user=acting_user),
           lambda obj: obj.status == ReportStatus.APPROVED, done="已在门户网站公开（网页、Word、PDF、JSON）。"),
])
