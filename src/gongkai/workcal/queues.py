"""待办 of the working-day calendar (agencies/queues.py): years the deadlines need but nobody entered."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.queues import Queue, register

from .models import CalendarYear, YearStatus

#: How far ahead deadlines reach: 20 working days + a 20-day extension (条例第三十三条) is about two months.
LOOKAHEAD_DAYS = 62


def missing_years(today: dt.date | None = None) -> list[int]:
    """This year and, once deadlines reach into it, next year — those without an effective arrangement."""
    today = today or timezone.localdate()
    needed = sorted({today.year, (today + dt.timedelta(days=LOOKAHEAD_DAYS)).year})
    known = set(CalendarYear.objects.filter(year__in=needed, status=YearStatus.COMPLETE).values_list("year", flat=True))
    return [y for y in needed if y not in known]


register(Queue(
    key="workcal.missing_years", label="工作日历缺年度安排", group="系统", order=10,
    roles=frozenset({Role.ADMIN}),
    description="缺少国务院办公厅节假日安排的年份：答复期限无法计算",
    count=lambda user: len(missing_years()),
    url=lambda user: reverse("workcal:index"),
))
