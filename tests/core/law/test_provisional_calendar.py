"""The provisional calendar for years nobody entered (《全国年节及纪念日放假办法》, docs/law.md §9.3)."""

from datetime import date

import pytest

from gongkai.core.law.calendar import UnknownCalendarYear, national_calendar
from gongkai.core.law.provisional import provisional_entries, statutory_holidays

D = date
CAL = national_calendar()


@pytest.mark.parametrize("year", range(2020, 2027))
def test_every_provisional_day_off_was_a_day_off_in_the_announced_calendar(year):
    """Checked against the State Council arrangements of 2020–2026 (2013 version of the 办法 before
    2025, the 2024 amendment from 2025): the rules never invent a day off."""
    entries = provisional_entries(year)
    assert entries and all(off for off, _ in entries.values())
    assert [d for d in entries if CAL.is_working_day(d)] == []


@pytest.mark.parametrize("year", range(2020, 2027))
def test_the_lunar_and_solar_term_holidays_match_the_announced_ones(year):
    names = {"春节", "清明节", "端午节", "中秋节"}
    for d, name in statutory_holidays(year):
        if name in names:
            assert not CAL.is_working_day(d), (d, name)


def test_2025_and_2026_have_the_13_days_of_the_2024_amendment():
    for year in (2025, 2026, 2027):
        days = statutory_holidays(year)
        assert len(days) == 13
        assert sum(1 for _, n in days if n == "春节") == 4 and sum(1 for _, n in days if n == "劳动节") == 2
    assert len(statutory_holidays(2024)) == 11  # the 2013 version: 春节 3, 劳动节 1


def test_2027_holidays_from_the_rules():
    days = dict(statutory_holidays(2027))
    # 2027: 正月初一 is Saturday 2月6日, so 除夕 is 2月5日; 清明 4月5日; 端午 6月9日; 中秋 9月15日
    assert days[D(2027, 2, 5)] == "春节" and days[D(2027, 2, 6)] == "春节" and days[D(2027, 2, 8)] == "春节"
    assert days[D(2027, 4, 5)] == "清明节" and days[D(2027, 6, 9)] == "端午节" and days[D(2027, 9, 15)] == "中秋节"
    entries = provisional_entries(2027)
    # 第六条 补假: 春节 on Sat/Sun (2/6, 2/7) → 2/9, 2/10; 劳动节 5/1–5/2 (Sat/Sun) → 5/3, 5/4;
    # 国庆 10/2–10/3 (Sat/Sun) → 10/4, 10/5
    for d in (D(2027, 2, 9), D(2027, 2, 10), D(2027, 5, 3), D(2027, 5, 4), D(2027, 10, 4), D(2027, 10, 5)):
        assert entries[d][1].endswith("补假"), d
    assert len(entries) == 13


def test_a_coinciding_mid_autumn_gives_one_more_day_off():
    # 2020: 中秋 = 10月1日; the announced arrangement had 8 days off (10/1–10/8)
    entries = provisional_entries(2020)
    assert [d for d in entries if d.month == 10] == [D(2020, 10, 1), D(2020, 10, 2), D(2020, 10, 5), D(2020, 10, 6)]


def test_a_provisional_calendar_knows_the_year_but_says_it_is_provisional():
    with pytest.raises(UnknownCalendarYear):
        CAL.add_working_days(D(2026, 12, 10), 20)
    guess = CAL.provisional_extension(2028)
    assert guess.provisional_years == {2027, 2028}
    assert guess.is_provisional_year(2027) and not guess.is_provisional_year(2026)
    # 12/11–12/31: 15 working days; 2027-01-01 off; 1/4–1/8: 5 more → the 20th is 2027-01-08
    assert guess.add_working_days(D(2026, 12, 10), 20) == D(2027, 1, 8)
    assert not guess.is_working_day(D(2027, 2, 9)) and guess.is_working_day(D(2027, 2, 11))
    assert "预计" in repr(guess)
    # an entered year stays as entered
    assert CAL.with_provisional([2026]) is CAL


def test_a_reminder_date_counts_on_the_provisional_calendar_and_never_raises():
    """「即将到期」「临近公开期限」 (cases and catalog alike) reach into a year nobody entered."""
    assert CAL.reminder_date(D(2026, 12, 1), 3) == CAL.add_working_days(D(2026, 12, 1), 3)  # entered: the real count
    # 2026-12-30 + 3 working days: 元旦 2027-01-01 (a Friday) is off on the provisional calendar → 01-05
    assert CAL.reminder_date(D(2026, 12, 30), 3) == D(2027, 1, 5)
    with pytest.raises(UnknownCalendarYear):
        CAL.add_working_days(D(2026, 12, 30), 3)
