from datetime import date, timedelta

import pytest

from gongkai.core.law.calendar import DayKind, UnknownCalendarYear, WorkCalendar, national_calendar

D = date


def test_make_up_working_days_are_working_days():
    cal = national_calendar()
    assert cal.is_working_day(D(2024, 2, 4))  # Sunday, 春节调休上班
    assert cal.is_working_day(D(2025, 1, 26))  # Sunday
    assert cal.is_working_day(D(2026, 2, 14))  # Saturday
    assert cal.day_info(D(2025, 1, 26)).kind is DayKind.MAKEUP_WORKDAY


def test_holidays_and_weekends_are_not():
    cal = national_calendar()
    assert not cal.is_working_day(D(2025, 10, 1))
    assert cal.day_info(D(2025, 10, 1)).kind is DayKind.HOLIDAY
    assert cal.day_info(D(2025, 10, 1)).name == "国庆节"
    assert not cal.is_working_day(D(2025, 3, 1))  # an ordinary Saturday
    assert cal.is_working_day(D(2025, 3, 3))


def test_the_start_day_is_not_counted():
    cal = national_calendar()
    assert cal.add_working_days(D(2025, 3, 3), 1) == D(2025, 3, 4)
    assert cal.add_working_days(D(2025, 3, 3), 0) == D(2025, 3, 3)
    # receipt on a Saturday: day 1 is Monday
    assert cal.add_working_days(D(2025, 3, 1), 1) == D(2025, 3, 3)


def test_working_days_between_is_half_open_and_signed():
    cal = national_calendar()
    a, b = D(2025, 9, 26), D(2025, 10, 13)
    assert cal.working_days_between(a, b) == 7
    assert cal.working_days_between(b, a) == -7
    assert cal.working_days_between(a, a) == 0
    for n in range(0, 60):
        assert cal.working_days_between(a, cal.add_working_days(a, n)) == n


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="负数"):
        national_calendar().add_working_days(D(2025, 1, 1), -1)


def test_2027_is_unknown_with_an_explained_error():
    cal = national_calendar()
    with pytest.raises(UnknownCalendarYear) as exc:
        cal.is_working_day(D(2027, 1, 4))
    assert exc.value.year == 2027
    assert "2027年" in str(exc.value) and "尚未录入" in str(exc.value)
    with pytest.raises(UnknownCalendarYear, match="2027年"):
        cal.add_working_days(D(2026, 12, 20), 20)  # crosses into 2027
    with pytest.raises(UnknownCalendarYear):
        cal.working_days_between(D(2026, 12, 1), D(2027, 1, 10))
    # the same count inside 2026 works
    assert cal.add_working_days(D(2026, 12, 1), 5) == D(2026, 12, 8)


def test_years_before_2008_are_unknown_too():
    with pytest.raises(UnknownCalendarYear, match="2007年"):
        national_calendar().add_working_days(D(2007, 12, 30), 3)


def test_a_gap_year_is_never_jumped_over():
    """Known 2025 and 2027 but not 2026: a count from December 2025 must stop at 2026."""
    cal = WorkCalendar({}, [2025, 2027], "测试")
    with pytest.raises(UnknownCalendarYear) as exc:
        cal.add_working_days(D(2025, 12, 29), 10)
    assert exc.value.year == 2026
    assert cal.add_working_days(D(2025, 12, 29), 2) == D(2025, 12, 31)
    assert cal.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 1)  # start day itself is not needed


def test_local_days_off_override_the_national_calendar():
    cal = national_calendar()
    local = cal.with_overrides({D(2025, 3, 4): True}, names={D(2025, 3, 4): "地方节日"}, name="某自治州")
    assert cal.is_working_day(D(2025, 3, 4))
    assert not local.is_working_day(D(2025, 3, 4))
    assert local.day_info(D(2025, 3, 4)).name == "地方节日"
    assert local.add_working_days(D(2025, 3, 3), 1) == D(2025, 3, 5)
    assert local.known_years == cal.known_years
    assert "某自治州" in str(UnknownCalendarYear(2030, local.name))


def test_merge_unions_known_years():
    a = WorkCalendar({D(2025, 1, 2): True}, [2025])
    b = WorkCalendar({D(2026, 1, 2): True}, [2026], "乙")
    m = a.merge(b)
    assert m.known_years == {2025, 2026}
    assert not m.is_working_day(D(2025, 1, 2)) and not m.is_working_day(D(2026, 1, 2))


def test_the_index_agrees_with_a_naive_loop():
    cal = national_calendar()

    def naive(start, n):
        d, k = start, 0
        while k < n:
            d += timedelta(days=1)
            if cal.is_working_day(d):
                k += 1
        return d

    d = D(2008, 1, 1)
    while d < D(2026, 11, 1):
        assert cal.add_working_days(d, 20) == naive(d, 20), d
        d += timedelta(days=5)


def test_explain_span_names_skipped_days_and_make_up_days():
    lines = national_calendar().explain_span(D(2025, 1, 24), D(2025, 2, 10))
    text = "\n".join(lines)
    assert "2025年1月26日（星期日）为调休上班日" in text
    assert "跳过2025年1月28日至2月4日（共8天）：春节放假" in text
    assert "2025年2月8日（星期六）为调休上班日" in text
    assert "跳过2025年1月25日：周末" in text


def test_seed_entries_are_only_deviations_from_the_weekday_rule():
    from gongkai.core.law.calendar import chinese_calendar_entries

    entries = chinese_calendar_entries()
    assert min(entries).year == 2008 and max(entries).year == 2026
    for d, (off, _) in entries.items():
        assert off == (d.weekday() < 5)
    assert entries[D(2024, 2, 4)] == (False, "春节")
