"""A deadline that crosses into a year nobody entered (2027) is explicit, never guessed."""

from datetime import date

from gongkai.core.law.calendar import WorkCalendar, national_calendar
from gongkai.core.law.clock import ClockState, CustomDeadlineSet, Received, compute_clock

D = date


def test_crossing_into_2027_gives_no_due_date_and_says_why():
    r = compute_clock([Received(D(2026, 12, 10), "online")], national_calendar(), D(2026, 12, 11))
    assert r.due is None and r.days_left is None
    assert r.unknown_year == 2027
    assert r.deadlines["reply"] is None
    assert r.deadlines["correction_notice"] == D(2026, 12, 21)  # still inside 2026
    assert any("2027年的节假日和调休安排尚未录入" in w for w in r.warnings)
    assert any("不按仅排除周末的方式推算" in line for line in r.proof)
    assert r.state is ClockState.RUNNING


def test_once_2027_is_entered_the_due_date_appears():
    cal = national_calendar()
    # an illustrative 2027 arrangement (元旦 1/1, Friday; make-up working day none)
    with_2027 = cal.merge(WorkCalendar({D(2027, 1, 1): True}, [2027], "全国"))
    r = compute_clock([Received(D(2026, 12, 10))], with_2027, D(2026, 12, 11))
    assert r.unknown_year is None
    assert r.due == with_2027.add_working_days(D(2026, 12, 10), 20) == D(2027, 1, 8)


def test_a_custom_deadline_does_not_need_the_calendar():
    r = compute_clock(
        [Received(D(2026, 12, 10)), CustomDeadlineSet(D(2026, 12, 11), due=D(2027, 2, 26), reason="申请数量明显超过合理范围")],
        national_calendar(), D(2026, 12, 11),
    )
    assert r.due == D(2027, 2, 26)
    assert r.unknown_year == 2027  # the statutory date itself is still unknown, and said so


def test_today_in_an_unknown_year_still_reports_overdue():
    r = compute_clock([Received(D(2026, 11, 2))], national_calendar(), D(2027, 1, 5))
    assert r.due == D(2026, 11, 30)
    assert r.overdue and r.days_left is None
