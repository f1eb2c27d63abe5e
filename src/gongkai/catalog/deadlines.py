"""The 第二十六条 publication deadline of catalogue items, computed on the stored calendar.

「属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。法律、法规对
政府信息公开的期限另有规定的，从其规定。」 The arithmetic is the law engine's
(`core.law.publication`); a category with a period of its own under another 法律、法规 is
configured in `settings.GONGKAI_LAW["PUBLICATION_DAYS_BY_CATEGORY"]` (none by default).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from gongkai.core.law.calendar import UnknownCalendarYear
from gongkai.core.law.publication import publication_days, publication_due


def get_calendar(agency=None):
    """The stored working-day calendar for `agency`: national plus its region's local days off.

    (An indirection so tests can pin one.)
    """
    from gongkai.workcal import services as workcal

    if agency is not None:
        return workcal.calendar_for_agency(agency)
    return workcal.get_calendar()


def due_soon_days() -> int:
    return int(getattr(settings, "GONGKAI_LAW", {}).get("DUE_SOON_WORKING_DAYS", 3))


def deadline_for(
    formed_on: dt.date, category: str | None = None, calendar=None, agency=None
) -> tuple[dt.date | None, str]:
    """(due date, note). The note explains a missing date, e.g. an unentered calendar year."""
    if formed_on is None:
        return None, "未填写信息形成或变更日期。"
    overrides = getattr(settings, "GONGKAI_LAW", {}).get("PUBLICATION_DAYS_BY_CATEGORY") or {}
    days = publication_days(category, overrides)
    try:
        return publication_due(formed_on, calendar or get_calendar(agency), days), ""
    except UnknownCalendarYear as exc:
        return None, f"{exc.year}年工作日历尚未录入，暂无法计算公开期限。"
