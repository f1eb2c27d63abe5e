"""Day-by-day check of the working-day function against a second source (the `holidays` package).

Both are transcriptions of the yearly 国务院办公厅 notices; docs/law.md §6.1 names the notice as the
arbiter. docs/stack.md §1.2 notes one disagreement (2005-12-31), outside 2008+. For 2008–2026 they agree on
every day; any future disagreement fails this test and must be settled against the notice.
"""

from datetime import date, timedelta

import pytest

from gongkai.core.law.calendar import national_calendar

holidays = pytest.importorskip("holidays")


def test_every_day_2008_to_2026_agrees_with_the_holidays_package():
    cal = national_calendar()
    cn = holidays.China(years=range(2008, 2027), language="zh_CN")
    make_up = set(cn.weekend_workdays)
    disagreements = []
    d = date(2008, 1, 1)
    checked = 0
    while d <= date(2026, 12, 31):
        theirs = d in make_up or (d.weekday() < 5 and d not in cn)
        if cal.is_working_day(d) != theirs:
            disagreements.append((d, cal.is_working_day(d), theirs, cn.get(d)))
        d += timedelta(days=1)
        checked += 1
    assert checked == 6940
    assert disagreements == []


def test_the_notices_quoted_in_law_md():
    """2025 and 2026 make-up working days as printed in the notices (docs/law.md §6.1, S20/S21)."""
    cal = national_calendar()
    for d in ("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
              "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"):
        assert cal.is_working_day(date.fromisoformat(d)), d
    for a, b in (("2025-01-28", "2025-02-04"), ("2025-10-01", "2025-10-08"), ("2026-02-15", "2026-02-23"),
                 ("2026-10-01", "2026-10-07"), ("2026-01-01", "2026-01-03")):
        d = date.fromisoformat(a)
        while d <= date.fromisoformat(b):
            assert not cal.is_working_day(d), d
            d += timedelta(days=1)
    # 2025 has exactly these five make-up working days
    sat_sun_working = [
        d for d in (date(2025, 1, 1) + timedelta(n) for n in range(365))
        if d.weekday() >= 5 and cal.is_working_day(d)
    ]
    assert [d.isoformat() for d in sat_sun_working] == [
        "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"
    ]
