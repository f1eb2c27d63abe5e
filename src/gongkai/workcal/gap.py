"""The calendar gap: next year's 节假日安排 not entered yet (docs/law.md §9.3).

The 国务院办公厅 usually publishes 《关于{YYYY}年部分节假日安排的通知》 in October–November. From
1 November on, a missing next year is made loud before it bites: a banner on every staff page for
administrators and the supervising office (`context_processors.calendar_gap`), a daily e-mail to
them (`gongkai calendar_alert`, idempotent) and a monitoring command that exits non-zero
(`gongkai check_calendar`). A missing *current* year is reported all year round.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.permissions import Perm, has_perm
from gongkai.core.law.calendar import fmt_date

from .models import CalendarYear, YearStatus

#: From this day of the year on, a missing next year is announced.
ALERT_FROM = (11, 1)


@dataclass(frozen=True)
class CalendarGap:
    years: tuple[int, ...]
    today: date

    @property
    def year(self) -> int:
        return self.years[0]

    @property
    def text(self) -> str:
        years = "、".join(f"{y}年" for y in self.years)
        return (
            f"{years}的节假日和调休安排尚未录入工作日历。期限进入{years}的案件只显示「预计」日期，"
            f"需写明该日期的文书暂缓出具（待出具）。请系统管理员在「工作日历」中依据国务院办公厅"
            f"《关于{self.year}年部分节假日安排的通知》录入（截至{fmt_date(self.today)}）。"
        )


def entered_years() -> set[int]:
    return set(CalendarYear.objects.filter(status=YearStatus.COMPLETE).values_list("year", flat=True))


def calendar_gap(today: date | None = None) -> CalendarGap | None:
    """The years whose arrangement is missing and due: the current year always, the next one from
    1 November. None when nothing is missing."""
    today = today or timezone.localdate()
    known = entered_years()
    missing = [today.year] if today.year not in known else []
    if (today.month, today.day) >= ALERT_FROM and today.year + 1 not in known:
        missing.append(today.year + 1)
    return CalendarGap(tuple(missing), today) if missing else None


def concerns(user) -> bool:
    """Administrators (who enter the calendar) and the supervising office see the gap."""
    return has_perm(user, Perm.CALENDAR_MANAGE) or has_perm(user, Perm.REPORT_SUPERVISE)


def alert_recipients() -> list:
    """Active administrators and supervising-office users with an e-mail address."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(
        Q(is_superuser=True) | Q(role_assignments__role__in=[Role.ADMIN, Role.SUPERVISOR])
    ).distinct().order_by("pk")
    return [u for u in users if concerns(u)]
