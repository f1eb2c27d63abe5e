"""The working-day calendar (工作日): weekends, announced holidays and 调休 (docs/law.md §6).

A working day is Monday–Friday, minus the days the annual 国务院办公厅《关于{YYYY}年部分节假日安排的
通知》 gives off, plus the weekend days it turns into working days (调休上班) [docs/law.md §6.1, D].
The 条例 itself does not define 工作日; 行政许可法第八十二条 / 行政处罚法第八十五条 / 行政复议法第八十八条
share this meaning.

Counting (docs/law.md §6.2): the start day is not counted (民法典第二百零一条, 民事诉讼法第八十五条 by
analogy); N working days end on the N-th working day after the start day.

A year nobody has entered is *unknown*. Every 调休 year has working Saturdays/Sundays, so a silent
Mon–Fri guess would be wrong; any computation that needs such a day raises `UnknownCalendarYear`.

Pure Python: no Django imports.
"""

from __future__ import annotations

import bisect
import enum
import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

#: The first year seeded from chinese-calendar: the 2008 条例 came into force on 2008-05-01.
FIRST_SEEDED_YEAR = 2008
#: The last year chinese-calendar 1.11 covers (docs/law.md §6.1, docs/stack.md §1.2).
LAST_SEEDED_YEAR = 2026

_ONE = timedelta(days=1)


class UnknownCalendarYear(Exception):
    """A computation needs a day of a year whose 节假日安排 nobody has entered."""

    def __init__(self, year: int, calendar_name: str = ""):
        self.year = year
        self.calendar_name = calendar_name
        where = f"（{calendar_name}）" if calendar_name else ""
        super().__init__(
            f"{year}年的节假日和调休安排尚未录入工作日历{where}，无法计算涉及{year}年的工作日期限。"
            f"国务院办公厅通常在上一年11月前后公布《关于{year}年部分节假日安排的通知》，"
            f"请系统管理员在「工作日历」中录入{year}年的安排后再计算。"
        )


class DayKind(enum.StrEnum):
    WORKDAY = "workday"  # Mon–Fri, no announcement
    MAKEUP_WORKDAY = "makeup"  # 调休上班: an announced working Saturday/Sunday
    WEEKEND = "weekend"  # Saturday/Sunday, no announcement
    HOLIDAY = "holiday"  # an announced day off on a weekday (放假/补休)

    @property
    def is_working(self) -> bool:
        return self in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


def fmt_date(d: date, *, weekday: bool = False) -> str:
    """2025年9月28日 (optionally 「（星期日）」)."""
    text = f"{d.year}年{d.month}月{d.day}日"
    return f"{text}（{WEEKDAYS_ZH[d.weekday()]}）" if weekday else text


def fmt_range(a: date, b: date) -> str:
    """2025年10月1日至10月8日 / 2025年12月31日至2026年1月1日 / a single day."""
    if a == b:
        return fmt_date(a)
    if a.year == b.year:
        return f"{fmt_date(a)}至{b.month}月{b.day}日"
    return f"{fmt_date(a)}至{fmt_date(b)}"


@dataclass(frozen=True)
class DayInfo:
    day: date
    kind: DayKind
    name: str = ""  # the holiday the announcement names (放假 or 调休上班)


class WorkCalendar:
    """Working days for the years in `known_years`.

    `days` maps a date to `is_off_day` for the announced exceptions only: True = a day off
    (a holiday or 补休), False = a working day (调休上班). Entries that merely repeat the weekday
    rule are allowed and harmless. `names` optionally names the holiday behind each entry (used in
    proofs). Lookups are O(log n) via a sorted index of working days (the benchmark computes
    hundreds of thousands of deadlines).
    """

    def __init__(
        self,
        days: Mapping[date, bool],
        known_years: Iterable[int],
        name: str = "",
        *,
        names: Mapping[date, str] | None = None,
        provisional_years: Iterable[int] = (),
    ):
        self.name = name
        self._days: dict[date, bool] = dict(days)
        self._names: dict[date, str] = dict(names or {})
        #: Years filled in by `with_provisional` from the statutory holidays (no 调休): dates computed
        #: from them are estimates that must never be stated in a document (docs/law.md §9.3).
        self.provisional_years: frozenset[int] = frozenset(int(y) for y in provisional_years)
        self.known_years: frozenset[int] = frozenset(int(y) for y in known_years) | self.provisional_years
        self._build_index()

    # -- construction --------------------------------------------------------------------------

    def _build_index(self) -> None:
        # For each known year, the last year of the unbroken run of known years it starts:
        # a count from a day in year y may run up to 31 Dec of _run_end[y].
        self._run_end: dict[int, int] = {}
        for y in sorted(self.known_years, reverse=True):
            self._run_end[y] = self._run_end.get(y + 1, y)
        ordinals: list[int] = []
        for y in sorted(self.known_years):
            d = date(y, 1, 1)
            o, last = d.toordinal(), date(y, 12, 31).toordinal()
            wd = d.weekday()
            days = self._days
            while o <= last:
                off = days.get(d) if d in days else wd >= 5
                if not off:
                    ordinals.append(o)
                o += 1
                wd = (wd + 1) % 7
                d += _ONE
        self._wd: list[int] = ordinals

    def with_overrides(
        self, days: Mapping[date, bool], *, names: Mapping[date, str] | None = None, name: str = ""
    ) -> WorkCalendar:
        """A copy where `days` override this calendar, e.g. a region's extra days off
        (民族自治地方 or local 放假 decisions). Known years stay the same."""
        merged = {**self._days, **days}
        merged_names = {**self._names, **(names or {})}
        return WorkCalendar(merged, self.known_years, name or self.name, names=merged_names,
                            provisional_years=self.provisional_years)

    def merge(self, other: WorkCalendar, *, name: str = "") -> WorkCalendar:
        """`other`'s entries override this one's; a year is known if either knows it."""
        provisional = (self.provisional_years | other.provisional_years) - (
            (self.known_years - self.provisional_years) | (other.known_years - other.provisional_years)
        )
        return WorkCalendar(
            {**self._days, **other._days},
            self.known_years | other.known_years,
            name or other.name or self.name,
            names={**self._names, **other._names},
            provisional_years=provisional,
        )

    def with_provisional(self, years: Iterable[int]) -> WorkCalendar:
        """A copy that also "knows" `years` (those not entered) from the statutory holidays of
        《全国年节及纪念日放假办法》 (`provisional.provisional_entries`: no 调休). Its dates from those
        years are estimates: `provisional_years` says which, and nothing computed from them may
        appear in a document."""
        from .provisional import provisional_entries

        add = sorted(int(y) for y in years if int(y) not in self.known_years)
        if not add:
            return self
        days, names = dict(self._days), dict(self._names)
        for y in add:
            for d, (off, label) in provisional_entries(y).items():
                days[d] = off
                names[d] = label
        return WorkCalendar(days, self.known_years - self.provisional_years, self.name, names=names,
                            provisional_years=self.provisional_years | set(add))

    def provisional_extension(self, until_year: int) -> WorkCalendar:
        """`with_provisional` for every year after the last entered one up to `until_year`."""
        entered = self.known_years - self.provisional_years
        if not entered:
            return self
        return self.with_provisional(range(max(entered) + 1, until_year + 1))

    def reminder_date(self, start: date, n: int) -> date:
        """`start` + n working days for a reminder or highlight (「即将到期」「临近公开期限」), never for a
        document: into a year nobody entered it counts on the provisional calendar (statutory holidays,
        docs/law.md §9.3), and without even that, n + 10 calendar days."""
        try:
            return self.add_working_days(start, n)
        except UnknownCalendarYear:
            try:
                return self.provisional_extension(start.year + 1).add_working_days(start, n)
            except UnknownCalendarYear:
                return start + timedelta(days=n + 10)

    def is_provisional_year(self, year: int) -> bool:
        return year in self.provisional_years

    # -- queries -------------------------------------------------------------------------------

    @property
    def entries(self) -> dict[date, bool]:
        return dict(self._days)

    def is_known_year(self, year: int) -> bool:
        return year in self.known_years

    def _require(self, year: int) -> None:
        if year not in self.known_years:
            raise UnknownCalendarYear(year, self.name)

    def is_working_day(self, d: date) -> bool:
        self._require(d.year)
        if d in self._days:
            return not self._days[d]
        return d.weekday() < 5

    def day_info(self, d: date) -> DayInfo:
        self._require(d.year)
        weekend = d.weekday() >= 5
        if d in self._days:
            off = self._days[d]
            name = self._names.get(d, "")
            if off:
                return DayInfo(d, DayKind.WEEKEND if weekend else DayKind.HOLIDAY, name)
            return DayInfo(d, DayKind.MAKEUP_WORKDAY if weekend else DayKind.WORKDAY, name)
        return DayInfo(d, DayKind.WEEKEND if weekend else DayKind.WORKDAY)

    def _check_span(self, first: date, last: date) -> None:
        """Every year from first.year to last.year must be known (raises for the first gap)."""
        if first.year not in self.known_years:
            raise UnknownCalendarYear(first.year, self.name)
        end = self._run_end[first.year]
        if last.year > end:
            raise UnknownCalendarYear(end + 1, self.name)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (the start day itself is not counted, docs/law.md §6.2).

        Raises UnknownCalendarYear when the count needs a day of a year nobody entered.
        """
        if n < 0:
            raise ValueError("工作日数不能为负数。")
        if n == 0:
            return start
        first = start + _ONE
        self._check_span(first, first)
        i = bisect.bisect_right(self._wd, start.toordinal()) + n - 1
        end_year = self._run_end[first.year]
        if i >= len(self._wd):
            raise UnknownCalendarYear(end_year + 1, self.name)
        result = date.fromordinal(self._wd[i])
        if result.year > end_year:  # the count jumped over a year nobody entered
            raise UnknownCalendarYear(end_year + 1, self.name)
        return result

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative (−count in (end, start]) when end < start."""
        if end == start:
            return 0
        if end < start:
            return -self.working_days_between(end, start)
        self._check_span(start + _ONE, end)
        return bisect.bisect_right(self._wd, end.toordinal()) - bisect.bisect_right(self._wd, start.toordinal())

    def next_working_day(self, d: date) -> date:
        return self.add_working_days(d, 1)

    def iter_days(self, start: date, end: date) -> Iterator[DayInfo]:
        """DayInfo for each day in (start, end]."""
        d = start + _ONE
        while d <= end:
            yield self.day_info(d)
            d += _ONE

    def explain_span(self, start: date, end: date) -> list[str]:
        """Chinese lines saying which days in (start, end] were skipped (weekend/holiday) and which
        weekend days counted as 调休 working days. Used by the clock's proof."""
        lines: list[str] = []
        run: list[DayInfo] = []

        def flush() -> None:
            if not run:
                return
            holiday_names = list(dict.fromkeys(i.name for i in run if i.name))
            has_holiday = any(i.kind is DayKind.HOLIDAY for i in run) or holiday_names
            span = fmt_range(run[0].day, run[-1].day)
            if has_holiday:
                label = "、".join(holiday_names) or "节假日"
                lines.append(f"跳过{span}（共{len(run)}天）：{label}放假，不计入工作日。")
            else:
                lines.append(f"跳过{span}：周末，不计入工作日。")
            run.clear()

        for info in self.iter_days(start, end):
            if info.kind.is_working:
                flush()
                if info.kind is DayKind.MAKEUP_WORKDAY:
                    because = f"（{info.name}调休）" if info.name else ""
                    lines.append(f"{fmt_date(info.day, weekday=True)}为调休上班日{because}，计为工作日。")
            else:
                run.append(info)
        flush()
        return lines

    def __repr__(self) -> str:
        years = sorted(self.known_years)
        span = f"{years[0]}–{years[-1]}" if years else "无"
        guess = f"（其中{'、'.join(map(str, sorted(self.provisional_years)))}年为预计）" if self.provisional_years else ""
        return f"<WorkCalendar {self.name or '未命名'} 已知年份 {span}{guess}, {len(self._days)} 条安排>"


# ---------------------------------------------------------------------------------------------
# The national calendar from chinese-calendar (2008–2026), the seed of the stored calendar.
# ---------------------------------------------------------------------------------------------

#: chinese-calendar's English holiday names → the names the 国务院 notices use.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def chinese_calendar_entries(
    years: Iterable[int] = range(FIRST_SEEDED_YEAR, LAST_SEEDED_YEAR + 1),
) -> dict[date, tuple[bool, str]]:
    """The explicit entries of `years` from chinese-calendar: {date: (is_off_day, name)}.

    Only the days that differ from the weekday rule: holidays falling on Mon–Fri and 调休
    working Saturdays/Sundays. (A holiday on a weekend changes nothing.)
    """
    from chinese_calendar import constants

    wanted = set(years)
    out: dict[date, tuple[bool, str]] = {}
    for d, holiday in constants.holidays.items():
        if d.year in wanted and d.weekday() < 5:
            out[d] = (True, _zh_name(holiday))
    for d, holiday in constants.workdays.items():
        if d.year in wanted and d.weekday() >= 5:
            out[d] = (False, _zh_name(holiday))
    return out


def _zh_name(holiday) -> str:
    value = getattr(holiday, "value", holiday)
    return HOLIDAY_NAMES_ZH.get(str(value), str(value))


@functools.cache
def national_calendar() -> WorkCalendar:
    """The national calendar 2008–2026 as shipped by chinese-calendar (cached).

    The running system reads the *stored* calendar (`gongkai.workcal.services.get_calendar`),
    which starts from the same data and gets later years from administrators.
    """
    entries = chinese_calendar_entries()
    return WorkCalendar(
        {d: off for d, (off, _) in entries.items()},
        range(FIRST_SEEDED_YEAR, LAST_SEEDED_YEAR + 1),
        "全国",
        names={d: name for d, (_, name) in entries.items()},
    )
