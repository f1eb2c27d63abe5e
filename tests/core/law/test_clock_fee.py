"""Fee notice (第四十二条, 109号第六条): 20 working days from the day after receipt; the reply clock pauses
from the day after the notice is sent until payment (docs/law.md §9.2)."""

from datetime import date

from gongkai.core.law.calendar import national_calendar
from gongkai.core.law.clock import ClockState, FeeExpired, FeeNoticeSent, FeePaid, Received, compute_clock
from gongkai.core.vocabulary import Outcome

D = date
CAL = national_calendar()
R = D(2025, 3, 3)


def test_payment_window_counts_from_the_day_after_receipt_of_the_notice():
    r = compute_clock([Received(R), FeeNoticeSent(D(2025, 3, 10), received_on=D(2025, 3, 12))], CAL, D(2025, 3, 12))
    # day 1 is 3/13 (the day after receipt); 4/4 is 清明; day 20 is 4/10
    assert r.deadlines["fee_payment"] == D(2025, 4, 10) == CAL.add_working_days(D(2025, 3, 12), 20)
    assert r.state is ClockState.PAUSED


def test_unpaid_fee_expiry_stops_the_case_as_abandoned():
    events = [Received(R), FeeNoticeSent(D(2025, 3, 10)), FeeExpired(D(2025, 4, 9))]
    r = compute_clock(events, CAL, D(2025, 4, 10))
    assert r.deadlines["fee_payment"] == D(2025, 4, 8)
    assert r.state is ClockState.STOPPED
    assert r.outcome_hint is Outcome.ABANDONED_NO_FEE
    assert r.warnings == []
    assert "逾期未缴纳信息处理费，视为放弃申请" in "\n".join(r.proof)


def test_expiring_before_the_window_ends_is_flagged():
    events = [Received(R), FeeNoticeSent(D(2025, 3, 10)), FeeExpired(D(2025, 3, 20))]
    r = compute_clock(events, CAL, D(2025, 3, 20))
    assert any("尚未届满" in w for w in r.warnings)


def test_a_lapsed_window_without_a_decision_is_pointed_out():
    r = compute_clock([Received(R), FeeNoticeSent(D(2025, 3, 10))], CAL, D(2025, 4, 9))
    assert any("已届满仍未缴费" in w for w in r.warnings)
    paid = compute_clock([Received(R), FeeNoticeSent(D(2025, 3, 10)), FeePaid(D(2025, 3, 20))], CAL, D(2025, 4, 9))
    assert not any("缴费" in w for w in paid.warnings)


def test_an_agency_is_never_overdue_because_the_applicant_has_not_paid_yet():
    """The issue's case: received 3/2, notice 3/16, paid 4/10; without the pause the reply was due 3/30
    and the case was overdue while the agency could not reply (no reply before payment)."""
    received = D(2026, 3, 2)
    notice, paid = D(2026, 3, 16), D(2026, 4, 10)
    assert CAL.add_working_days(received, 20) == D(2026, 3, 30)
    waiting = compute_clock([Received(received), FeeNoticeSent(notice)], CAL, D(2026, 4, 9))
    assert waiting.state is ClockState.PAUSED and not waiting.overdue
    assert waiting.days_left == CAL.working_days_between(received, notice)  # 10 worked, 10 left, frozen
    after = compute_clock([Received(received), FeeNoticeSent(notice), FeePaid(paid)], CAL, D(2026, 4, 10))
    # 10 working days used before the notice (3/3–3/16); 10 more from 4/13
    assert after.due == CAL.add_working_days(paid, 10) == D(2026, 4, 24)
    assert not after.overdue and after.state is ClockState.RUNNING
    assert "109号第六条" in "\n".join(after.proof)


def test_the_pause_ends_with_the_payment_window_even_if_nobody_records_the_expiry():
    received, notice = D(2026, 3, 2), D(2026, 3, 16)
    r = compute_clock([Received(received), FeeNoticeSent(notice)], CAL, D(2026, 5, 20))
    window = r.deadlines["fee_payment"]
    assert r.state is ClockState.RUNNING
    assert r.paused_days == CAL.working_days_between(notice, window)
    assert any("已届满仍未缴费" in w for w in r.warnings)
