"""A deadline in a year nobody entered: no certain date, an estimate labelled 「预计」 (docs/law.md §9.3)."""

from datetime import date

import pytest

from gongkai.core.law.calendar import WorkCalendar, national_calendar
from gongkai.core.law.clock import ClockState, Received, compute_clock, provisional_label

D = date
CAL = national_calendar()


def test_a_case_received_on_2026_12_04_has_only_a_provisional_due_date():
    r = compute_clock([Received(D(2026, 12, 4))], CAL, D(2026, 12, 4))
    assert r.due is None and r.deadlines["reply"] is None and r.unknown_year == 2027
    assert r.is_provisional
    # 12/7–12/31: 19 working days; 2027-01-01 (Fri) is 元旦 → the 20th working day is Monday 2027-01-04
    assert r.provisional_due == r.effective_due == D(2027, 1, 4)
    assert r.provisional_days_left == 20 and not r.provisional_overdue
    assert r.provisional_deadlines == {"reply": D(2027, 1, 4)}
    assert provisional_label(r) == "预计（2027年安排未录入）"
    proof = "\n".join(r.proof)
    assert "预计（2027年安排未录入）：" in proof and "2027年1月4日" in proof and "不写入任何文书" in proof


def test_a_provisional_date_can_be_overdue():
    r = compute_clock([Received(D(2026, 12, 4))], CAL, D(2027, 1, 6))
    assert r.due is None and r.provisional_overdue and r.provisional_days_left < 0


def test_no_estimate_is_made_when_the_year_is_entered_or_not_wanted():
    assert compute_clock([Received(D(2026, 11, 2))], CAL, D(2026, 11, 2)).provisional_due is None
    assert compute_clock([Received(D(2026, 12, 4))], CAL, D(2026, 12, 4), provisional=False).provisional_due is None


def test_the_estimate_is_replaced_by_the_real_date_once_the_year_is_entered():
    # an illustrative 2027 arrangement with a 调休 working Sunday
    with_2027 = CAL.merge(WorkCalendar({D(2027, 1, 1): True, D(2027, 1, 3): False}, [2027], "全国"))
    r = compute_clock([Received(D(2026, 12, 4))], with_2027, D(2026, 12, 4))
    assert r.due == D(2027, 1, 3) and r.provisional_due is None and not r.is_provisional
    assert r.state is ClockState.RUNNING


def test_the_clock_refuses_a_provisional_calendar_as_its_input():
    with pytest.raises(ValueError, match="已录入"):
        compute_clock([Received(D(2026, 12, 4))], CAL.provisional_extension(2027), D(2026, 12, 4))
