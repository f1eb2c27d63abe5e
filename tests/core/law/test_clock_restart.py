"""第三十条: 补正 within 7 working days, once; the reply clock restarts from the 补正 day."""

from datetime import date

from gongkai.core.law.calendar import national_calendar
from gongkai.core.law.clock import (
    ClockState,
    CorrectionExpired,
    CorrectionReceived,
    CorrectionRequested,
    Received,
    compute_clock,
)
from gongkai.core.vocabulary import Outcome

D = date
CAL = national_calendar()
R = D(2025, 3, 3)  # Monday


def test_waiting_for_correction_stops_the_reply_clock():
    r = compute_clock([Received(R), CorrectionRequested(D(2025, 3, 5), due=D(2025, 3, 20))], CAL, D(2025, 3, 10))
    assert r.state is ClockState.WAITING
    assert r.due is None and r.days_left is None and not r.overdue
    assert r.deadlines["correction"] == D(2025, 3, 20)
    assert r.deadlines["correction_notice"] == D(2025, 3, 12)
    assert "等待申请人补正" in "\n".join(r.proof)


def test_the_clock_restarts_from_the_correction_day():
    events = [Received(R), CorrectionRequested(D(2025, 3, 5)), CorrectionReceived(D(2025, 3, 14))]
    r = compute_clock(events, CAL, D(2025, 3, 17))
    assert r.state is ClockState.RUNNING
    assert r.clock_start == D(2025, 3, 14)
    assert r.due == CAL.add_working_days(D(2025, 3, 14), 20) == D(2025, 4, 14)  # 4/4 清明
    assert r.days_left == 19  # 3/17 is day 1 of 20
    proof = "\n".join(r.proof)
    assert "2025年3月14日（星期五）收到补正后的申请，答复期限自该日起重新计算" in proof
    assert r.warnings == []


def test_a_late_correction_notice_is_flagged():
    r = compute_clock([Received(R), CorrectionRequested(D(2025, 3, 13))], CAL, D(2025, 3, 13))
    assert any("晚于第三十条规定的期限2025年3月12日" in w for w in r.warnings)


def test_a_second_correction_notice_is_flagged():
    events = [
        Received(R), CorrectionRequested(D(2025, 3, 4)), CorrectionReceived(D(2025, 3, 6)),
        CorrectionRequested(D(2025, 3, 10)),
    ]
    r = compute_clock(events, CAL, D(2025, 3, 10))
    assert r.state is ClockState.WAITING
    assert any("一次性告知" in w and "2次" in w for w in r.warnings)


def test_no_correction_in_time_means_abandoned():
    events = [Received(R), CorrectionRequested(D(2025, 3, 4), due=D(2025, 3, 18)), CorrectionExpired(D(2025, 3, 19))]
    r = compute_clock(events, CAL, D(2025, 3, 25))
    assert r.state is ClockState.STOPPED
    assert r.outcome_hint is Outcome.ABANDONED_NO_CORRECTION
    assert r.due is None and not r.overdue
    assert r.warnings == []


def test_overdue_correction_deadline_is_pointed_out_while_waiting():
    events = [Received(R), CorrectionRequested(D(2025, 3, 4), due=D(2025, 3, 18))]
    r = compute_clock(events, CAL, D(2025, 3, 20))
    assert any("视为放弃申请" in w for w in r.warnings)
