"""待办 of the catalogue (agencies/queues.py): 保密审查, items to publish, 第二十六条 公开期限."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.permissions import Perm, agencies_for
from gongkai.agencies.queues import Queue, register

from . import deadlines, selectors
from .models import CatalogItem, Status


def _items(user, perm):
    return CatalogItem.objects.filter(agency_id__in=list(agencies_for(user, perm).values_list("pk", flat=True)))


register(Queue(
    key="catalog.in_review", label="待保密审查", group="主动公开", order=10,
    roles=frozenset({Role.REVIEWER, Role.HEAD}),
    description="已提交、等待保密审查的目录信息",
    count=lambda user: _items(user, Perm.CATALOG_REVIEW).filter(status=Status.IN_REVIEW).count(),
    url=lambda user: reverse("catalog:review-queue"),
))
register(Queue(
    key="catalog.approved", label="审查通过待发布", group="主动公开", order=20,
    roles=frozenset({Role.HANDLER}),
    description="保密审查已通过、尚未发布",
    count=lambda user: _items(user, Perm.CATALOG_EDIT).filter(status=Status.APPROVED).count(),
    url=lambda user: reverse("catalog:staff-list") + "?status=approved",
))
register(Queue(
    key="catalog.publish_overdue", label="超过公开期限", group="主动公开", order=30,
    roles=frozenset({Role.HANDLER, Role.HEAD}),
    description="条例第二十六条：形成或变更之日起20个工作日内公开",
    count=lambda user: selectors.publication_warning(
        _items(user, Perm.CATALOG_EDIT if Role.HANDLER in user.roles else Perm.CATALOG_REVIEW), "overdue",
        timezone.localdate()).count(),
    url=lambda user: reverse("catalog:staff-list") + "?warn=overdue",
))
register(Queue(
    key="catalog.publish_due_soon", label="临近公开期限", group="主动公开", order=40,
    roles=frozenset({Role.HANDLER}),
    description=f"尚未公开、{deadlines.due_soon_days()}个工作日内到期（按工作日历，含调休）",
    count=lambda user: selectors.publication_warning(
        _items(user, Perm.CATALOG_EDIT), "due_soon", timezone.localdate()).count(),
    url=lambda user: reverse("catalog:staff-list") + "?warn=due_soon",
))
