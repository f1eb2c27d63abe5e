"""待办 of the 政府信息公开专栏 (agencies/queues.py): readers' error reports waiting for the agency's staff."""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.permissions import Perm, agencies_for
from gongkai.agencies.queues import Queue, register

from .models import ErrorReport, ErrorStatus


def open_reports(user):
    return ErrorReport.objects.filter(agency_id__in=list(agencies_for(user, Perm.CATALOG_EDIT).values_list("pk", flat=True)),
                                      status=ErrorStatus.OPEN)


register(Queue(
    key="portal.error_reports", label="网站纠错待处理", group="主动公开", order=50,
    roles=frozenset({Role.HANDLER}),
    description="读者「我为政府网站找错」的留言，宜在3个工作日内核实处理",
    count=lambda user: open_reports(user).count(),
    url=lambda user: reverse("portal:staff-errors"),
))
