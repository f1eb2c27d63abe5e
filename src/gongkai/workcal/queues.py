"""待办 of the working-day calendar (agencies/queues.py): years the deadlines need but nobody entered
(the one definition: gap.calendar_gap)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.queues import Queue, register

from . import gap


def _missing(user) -> int:
    found = gap.calendar_gap()
    return len(found.years) if found else 0


def _url(user) -> str:
    found = gap.calendar_gap()
    return reverse("workcal:enter") + f"?year={found.year}" if found else reverse("workcal:index")


register(Queue(
    key="workcal.missing_years", label="工作日历缺年度安排", group="系统", order=10,
    roles=frozenset({Role.ADMIN}),
    description="缺少国务院办公厅节假日安排的年份：涉及的期限只能预计",
    count=_missing,
    url=_url,
))
