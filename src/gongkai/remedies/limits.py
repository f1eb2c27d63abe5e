"""Statutory time limits for 复议 / 诉讼, shown on a record as information (not enforced: the 复议机关
or the court decides whether a filing was in time).

- 行政复议法(2023) 第二十条: 复议 within 六十日 of knowing of the act (docs/law.md §1.4);
- 行政诉讼法 第四十六条: 起诉 within 六个月 of knowing of the act;
- 行政诉讼法 第四十五条: 起诉 within 十五日 of receiving the 复议决定书.

Calendar-day periods: the first day is not counted (民法典 第二百零一条); a period ending on a 法定休假日
ends on the next day after it (民法典 第二百零三条, 民事诉讼法 第八十五条; docs/law.md §6.2). Whether a 调休
working Saturday counts as a 休假日 is open (Q13), so only days off in the stored calendar are skipped.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.core.vocabulary import RemedyKind


@dataclass(frozen=True)
class Limit:
    label: str
    basis: str
    start: date | None
    end: date | None
    note: str = ""

    def filed_in_time(self, filed_on: date | None) -> bool | None:
        if self.end is None or filed_on is None:
            return None
        return filed_on <= self.end


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def _off_day(day: date) -> bool | None:
    """True if `day` is a day off in the stored calendar; None when the calendar is unavailable."""
    try:
        from gongkai.workcal.services import get_calendar

        return not get_calendar().is_working_day(day)
    except Exception:  # no stored calendar for that year (or no workcal yet): say so, don't guess
        return None


def _period_end(nominal: date) -> tuple[date, str]:
    day, note = nominal, ""
    for _ in range(30):  # the longest run of days off is about 9 days
        off = _off_day(day)
        if off is None:
            return nominal, "未能核对节假日安排；期间届满日为法定休假日的，顺延至休假日后的第一日。"
        if not off:
            break
        day += timedelta(days=1)
    if day != nominal:
        note = f"{nominal:%Y年%m月%d日}为法定休假日，顺延至{day:%Y年%m月%d日}（民法典第二百零三条）。"
    return day, note


def limits_for(remedy) -> list[Limit]:
    """The time limit(s) that applied to filing `remedy`, with the end date where it can be computed."""
    known = remedy.act_known_on
    if remedy.kind == RemedyKind.REVIEW:
        end, note = _period_end(known + timedelta(days=60)) if known else (None, "")
        return [Limit("申请行政复议期限：自知道该行政行为之日起六十日内", "《中华人民共和国行政复议法》第二十条", known, end, note)]
    if remedy.kind == RemedyKind.DIRECT_SUIT:
        end, note = _period_end(add_months(known, 6)) if known else (None, "")
        return [Limit("提起行政诉讼期限：自知道作出行政行为之日起六个月内", "《中华人民共和国行政诉讼法》第四十六条", known, end, note)]
    review = remedy.review
    received = review.decided_on if review is not None and not review.is_pending else None
    end, note = _period_end(received + timedelta(days=15)) if received else (None, "")
    if received:
        note = ("以复议审结日期作为收到复议决定书之日估算。" + note).strip()
    return [Limit("复议后起诉期限：收到复议决定书之日起十五日内", "《中华人民共和国行政诉讼法》第四十五条", received, end, note)]
