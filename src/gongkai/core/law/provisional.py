"""A provisional calendar for years whose 节假日安排 nobody has entered yet (docs/law.md §9.3).

Every December the next year's 国务院办公厅《关于{YYYY}年部分节假日安排的通知》 may still be missing, and
no package knows it. The statutory clock never *states* a date from such a year (documents are held,
see `gongkai.core.law.clock`), but staff need to see roughly when a case falls due. That estimate is
computed from 《全国年节及纪念日放假办法》 as amended by 国务院令第795号 (2024, in force 2025-01-01):

- 第二条 全体公民放假的节日: 元旦 1天（1月1日）; 春节 4天（农历除夕、正月初一至初三）; 清明节 1天（农历清明
  当日）; 劳动节 2天（5月1日、2日）; 端午节 1天（农历端午当日）; 中秋节 1天（农历中秋当日）; 国庆节 3天
  （10月1日至3日）— 13 days.
- 第六条 全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假: each holiday day falling on a weekend
  gives one 补假 day, placed on the first weekdays after the holiday that are not holidays themselves.
- Weekends are days off; no 调休 (the make-up working weekends exist only in the annual notice, so the
  estimate can only be later than or equal to… nothing: it is an estimate, labelled as such everywhere).

Years before 2025 use the 2013 version of the 办法 (春节 3 days 初一至初三, 劳动节 1 day); that is only used
to test the rules against the announced calendars of 2020–2024.

Lunar dates come from `lunardate` (pure Python, 1900–2099); 清明 from chinese-calendar's solar terms.
Pure Python: no Django imports.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

_ONE = timedelta(days=1)

#: The 2024 amendment (国务院令第795号) applies from this year on.
AMENDED_2024_FROM = 2025
BASIS = "《全国年节及纪念日放假办法》"


def _lunar(year: int, month: int, day: int) -> date:
    from lunardate import LunarDate

    return LunarDate(year, month, day).to_solar_date()


def _qingming(year: int) -> date:
    from chinese_calendar import get_solar_terms

    for d, name in get_solar_terms(date(year, 4, 1), date(year, 4, 10)):
        if name == "清明":
            return d
    raise ValueError(f"无法计算{year}年清明日期。")  # pragma: no cover - the table covers 1900–2100


@functools.cache
def statutory_holidays(year: int) -> tuple[tuple[date, str], ...]:
    """The holiday days the 办法 (第二条) gives in `year`, as (date, name), in date order, without 补假.

    A date appears twice when two holidays coincide (中秋 on 10月1日–3日, as in 2020 and 2031)."""
    amended = year >= AMENDED_2024_FROM
    new_year = _lunar(year, 1, 1)  # 正月初一
    days: list[tuple[date, str]] = [(date(year, 1, 1), "元旦")]
    if amended:
        days.append((new_year - _ONE, "春节"))  # 农历除夕: the day before 正月初一
    days += [(new_year + k * _ONE, "春节") for k in range(3)]
    days.append((_qingming(year), "清明节"))
    days += [(date(year, 5, k), "劳动节") for k in ((1, 2) if amended else (1,))]
    days.append((_lunar(year, 5, 5), "端午节"))
    days.append((_lunar(year, 8, 15), "中秋节"))
    days += [(date(year, 10, k), "国庆节") for k in (1, 2, 3)]
    return tuple(sorted(days))


def provisional_entries(year: int) -> dict[date, tuple[bool, str]]:
    """The explicit entries of a provisional `year` for `WorkCalendar`: {date: (is_off_day, name)}.

    Holidays on weekdays are days off. Every holiday day on a Saturday or Sunday gives a 补假 day
    (第六条), and so does a holiday day that coincides with another one (中秋 on 国庆): it goes on the
    first weekday after that day that is not off already. No 调休 working days.
    """
    holidays = statutory_holidays(year)
    holiday_dates = {d for d, _ in holidays}
    off: dict[date, str] = {}
    owed: list[tuple[date, str]] = []
    for d, name in holidays:
        if d.weekday() >= 5 or d in off:
            owed.append((d, name))
        else:
            off[d] = name
    for d, name in owed:
        day = d + _ONE
        while day.weekday() >= 5 or day in off or day in holiday_dates:
            day += _ONE
        if day.year == year:
            off[day] = f"{name}补假"
    return {d: (True, name) for d, name in sorted(off.items())}
