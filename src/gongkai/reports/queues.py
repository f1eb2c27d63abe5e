"""待办 of the annual reports (agencies/queues.py): 报送, 退回, 审核, departments not yet submitted."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import AgencyKind, Role
from gongkai.agencies.permissions import Perm, agencies_for
from gongkai.agencies.queues import Queue, register

from .models import AnnualReport, ReportKind, ReportStatus


def report_year() -> int:
    """第四十九条: each year's report covers the year before."""
    return timezone.localdate().year - 1


def _own_departments(user, perm):
    return agencies_for(user, perm).filter(is_active=True, kind__in=(AgencyKind.OFFICE, AgencyKind.DEPARTMENT))


def not_submitted(agencies, year: int) -> list:
    """The agencies (departments) whose report for `year` is not submitted yet (none, draft or 退回)."""
    from .services import SUBMITTED_STATUSES

    done = set(AnnualReport.objects.filter(
        agency__in=agencies, year=year, kind=ReportKind.DEPARTMENT, status__in=SUBMITTED_STATUSES,
    ).values_list("agency_id", flat=True))
    return [a for a in agencies if a.pk not in done]


def _list_url(user):
    return reverse("reports:list") + f"?year={report_year()}"


register(Queue(
    key="reports.to_submit", label="报告待报送", group="年度报告", order=10,
    roles=frozenset({Role.HEAD}),
    description="上一年度的年度报告尚未报送主管部门（条例第四十九条）",
    count=lambda user: len(not_submitted(list(_own_departments(user, Perm.REPORT_SUBMIT)), report_year())),
    url=_list_url,
))
register(Queue(
    key="reports.returned", label="报告被退回", group="年度报告", order=20,
    roles=frozenset({Role.HEAD, Role.HANDLER}),
    description="主管部门退回修改的年度报告",
    count=lambda user: AnnualReport.objects.filter(
        agency__in=agencies_for(user, Perm.REPORT_EDIT), status=ReportStatus.RETURNED).count(),
    url=lambda user: reverse("reports:list") + "?status=returned",
))
register(Queue(
    key="reports.to_review", label="报告待审核", group="监督指导", order=10,
    roles=frozenset({Role.SUPERVISOR}),
    description="各机关已报送、等待主管部门审核的年度报告",
    count=lambda user: AnnualReport.objects.filter(
        agency__in=agencies_for(user, Perm.REPORT_SUPERVISE), status=ReportStatus.SUBMITTED).count(),
    url=lambda user: reverse("reports:supervise"),
))
def _not_submitted_below(user) -> int:
    from .services import not_submitted_departments

    government = user.agency.government if user.agency_id else None
    return len(not_submitted_departments(government, report_year())) if government else 0


register(Queue(
    key="reports.missing", label="未报送报告的部门", group="监督指导", order=20,
    roles=frozenset({Role.SUPERVISOR}),
    description="上一年度报告尚未报送的部门（可在主管部门页面催报）",
    count=_not_submitted_below,
    url=lambda user: reverse("reports:supervise") + f"?year={report_year()}#missing",
))
