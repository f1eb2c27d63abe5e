"""主动公开 publication deadline (条例第二十六条, docs/law.md §1.2).

「属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。法律、法规对
政府信息公开的期限另有规定的，从其规定。」 The formation/change day itself is not counted (by analogy
with docs/law.md §6.2 [D]); the 「另有规定」 clause is why a category may override the 20 days.

Pure Python: no Django imports.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from .calendar import WorkCalendar

PUBLICATION_WORKING_DAYS = 20  # 条例第二十六条


def publication_days(category: str | None = None, overrides: Mapping[str, int] | None = None) -> int:
    """Working days allowed for a category: 20 unless a 法律、法规 sets another period for it."""
    if category and overrides and category in overrides:
        days = int(overrides[category])
        if days < 0:
            raise ValueError("公开期限的工作日数不能为负数。")
        return days
    return PUBLICATION_WORKING_DAYS


def publication_due(formed_on: date, calendar: WorkCalendar, days: int = PUBLICATION_WORKING_DAYS) -> date:
    """The last day to publish information formed or changed on `formed_on` (第二十六条).

    Raises UnknownCalendarYear if the period runs into a year whose 节假日安排 is not entered.
    """
    return calendar.add_working_days(formed_on, days)
