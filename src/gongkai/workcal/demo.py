"""Demo data for the calendar: the national calendar is seeded by migration 0002; nothing else to
add. `load` only reports what is there (idempotent)."""

from __future__ import annotations

from .models import CalendarYear, YearStatus


def load(ctx) -> None:
    years = sorted(CalendarYear.objects.filter(status=YearStatus.COMPLETE).values_list("year", flat=True))
    if years:
        ctx.log(f"工作日历：已录入{years[0]}—{years[-1]}年全国节假日安排（{len(years)}年）。")
    nxt = ctx.today.year + 1
    if nxt not in years:
        ctx.log(f"工作日历：{nxt}年安排尚未录入，跨入该年的期限将显示为「无法计算」，请在「工作日历」中录入。")
