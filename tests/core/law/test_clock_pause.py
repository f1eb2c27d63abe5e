"""第三十三条第三款: consultation time (第三十二条, 第三十四条) is not counted."""

from datetime import date

from gongkai.core.law.calendar import national_calendar
from gongkai.core.law.clock import (
    ClockState,
    ConsultationAnswered,
    ConsultationExpired,
    ConsultationSent,
    FeeNoticeSent,
    FeePaid,
    Received,
    compute_clock,
)

D = date
CAL = national_calendar()
R = D(2025, 3, 3)  # Monday; plain due 2025-03-31
PLAIN_DUE = D(2025, 3, 31)


def test_plain_due():
    assert compute_clock([Received(R)], CAL, R).due == PLAIN_DUE


def test_an_answered_consultation_shifts_the_due_date_by_the_paused_working_days():
    # sent Mon 3/10, answer arrives Mon 3/17: 3/11–3/17 paused = 5 working days
    events = [Received(R), ConsultationSent(D(2025, 3, 10), "甲", "third_party"), ConsultationAnswered(D(2025, 3, 17), "甲")]
    r = compute_clock(events, CAL, D(2025, 3, 18))
    assert r.paused_days == 5
    assert r.due == CAL.add_working_days(PLAIN_DUE, 5) == D(2025, 4, 8)
    assert r.state is ClockState.RUNNING
    proof = "\n".join(r.proof)
    assert "暂停计时：2025年3月11日至3月17日" in proof and "第三十三条第三款" in proof
    assert "其间5个工作日不计入" in proof


def test_a_running_consultation_pauses_the_clock_and_freezes_days_left():
    events = [Received(R), ConsultationSent(D(2025, 3, 10), "乙", "co_producer")]
    left = []
    for today in (D(2025, 3, 11), D(2025, 3, 12), D(2025, 3, 14), D(2025, 3, 20)):
        r = compute_clock(events, CAL, today)
        assert r.state is ClockState.PAUSED
        left.append(r.days_left)
    assert len(set(left)) == 1  # a paused clock does not tick
    assert r.deadlines["consultation:乙"] == CAL.add_working_days(D(2025, 3, 10), 15)
    assert "第三十四条" in "\n".join(r.proof)


def test_an_unanswered_consultation_ends_with_its_15_day_window():
    sent = D(2025, 3, 10)
    window_end = CAL.add_working_days(sent, 15)  # 2025-03-31
    events = [Received(R), ConsultationSent(sent, "丙")]
    r = compute_clock(events, CAL, D(2025, 4, 15))
    assert r.state is ClockState.RUNNING
    assert r.paused_days == 15
    assert r.due == CAL.add_working_days(PLAIN_DUE, 15)
    assert any("期满未收到意见" in w for w in r.warnings)
    # recording the expiry late does not stretch the pause
    r2 = compute_clock(events + [ConsultationExpired(D(2025, 4, 10), "丙")], CAL, D(2025, 4, 15))
    assert r2.due == r.due and window_end == D(2025, 3, 31)


def test_the_window_runs_from_the_day_the_other_side_received_the_letter():
    events = [Received(R), ConsultationSent(D(2025, 3, 10), "丁", received_on=D(2025, 3, 12))]
    r = compute_clock(events, CAL, D(2025, 3, 12))
    assert r.deadlines["consultation:丁"] == CAL.add_working_days(D(2025, 3, 12), 15)


def test_overlapping_consultations_are_not_counted_twice():
    events = [
        Received(R),
        ConsultationSent(D(2025, 3, 10), "A"), ConsultationSent(D(2025, 3, 12), "B"),
        ConsultationAnswered(D(2025, 3, 14), "A"), ConsultationAnswered(D(2025, 3, 18), "B"),
    ]
    r = compute_clock(events, CAL, D(2025, 3, 19))
    assert r.paused_days == CAL.working_days_between(D(2025, 3, 10), D(2025, 3, 18)) == 6


def test_a_fee_notice_pauses_the_clock_until_payment():
    events = [Received(R), FeeNoticeSent(D(2025, 3, 10)), FeePaid(D(2025, 3, 17))]
    paused = compute_clock(events, CAL, D(2025, 3, 18))
    assert paused.due == CAL.add_working_days(PLAIN_DUE, 5)
    pending = compute_clock(events[:2], CAL, D(2025, 3, 12))
    assert pending.state is ClockState.PAUSED


def test_a_pause_that_may_run_into_an_unknown_year_is_announced():
    events = [Received(D(2026, 11, 26)), ConsultationSent(D(2026, 11, 27), "戊")]
    r = compute_clock(events, CAL, D(2026, 11, 30))
    assert r.state is ClockState.PAUSED and r.due is not None
    assert any("将进入2027年" in w for w in r.warnings)
