from datetime import date

import pytest

from gongkai.core.law.calendar import national_calendar
from gongkai.core.law.clock import (
    ClockState,
    Closed,
    ConsultationAnswered,
    CustomDeadlineSet,
    Received,
    Replied,
    Withdrawn,
    compute_clock,
)
from gongkai.core.vocabulary import Outcome

D = date
CAL = national_calendar()
R = D(2025, 3, 3)  # due 2025-03-31


def test_running_days_left_and_overdue():
    r = compute_clock([Received(R)], CAL, D(2025, 3, 28))
    assert (r.state, r.days_left, r.overdue) == (ClockState.RUNNING, 1, False)
    r = compute_clock([Received(R)], CAL, D(2025, 3, 31))
    assert (r.days_left, r.overdue) == (0, False)
    r = compute_clock([Received(R)], CAL, D(2025, 4, 2))
    assert (r.days_left, r.overdue) == (-2, True)
    assert "已超过答复期限2个工作日" in "\n".join(r.proof)


def test_replied_in_time_and_late():
    ok = compute_clock([Received(R), Replied(D(2025, 3, 31))], CAL, D(2025, 5, 1))
    assert ok.state is ClockState.STOPPED and not ok.overdue and ok.due == D(2025, 3, 31)
    late = compute_clock([Received(R), Replied(D(2025, 4, 1))], CAL, D(2025, 5, 1))
    assert late.overdue
    assert "超过答复期限" in late.proof[-1]


def test_withdrawn_and_closed():
    w = compute_clock([Received(R), Withdrawn(D(2025, 3, 5))], CAL, D(2025, 4, 5))
    assert w.state is ClockState.STOPPED and w.outcome_hint is Outcome.OTHER and not w.overdue
    c = compute_clock([Received(R), Closed(D(2025, 3, 5), "当场答复")], CAL, D(2025, 4, 5))
    assert c.stop_reason == "当场答复"


def test_events_after_closing_are_ignored_with_a_warning():
    r = compute_clock([Received(R), Replied(D(2025, 3, 20)), Withdrawn(D(2025, 3, 25))], CAL, D(2025, 4, 5))
    assert r.stop_reason == "已答复"
    assert any("办结后又记录了1个事件" in w for w in r.warnings)


def test_article_35_custom_deadline_replaces_the_statutory_date():
    r = compute_clock([Received(R), CustomDeadlineSet(D(2025, 3, 10), due=D(2025, 5, 30), reason="数量明显超过合理范围")], CAL, D(2025, 4, 1))
    assert r.due == D(2025, 5, 30) and r.deadlines["reply_statutory"] == D(2025, 3, 31)
    assert not r.overdue
    assert "第三十五条" in "\n".join(r.proof)


def test_missing_receipt_is_a_chinese_error():
    with pytest.raises(ValueError, match="收到申请"):
        compute_clock([Replied(R)], CAL, R)


def test_an_answer_without_a_consultation_is_ignored_with_a_warning():
    r = compute_clock([Received(R), ConsultationAnswered(D(2025, 3, 5), "无")], CAL, R)
    assert r.due == D(2025, 3, 31)
    assert any("没有相应的征求意见书记录" in w for w in r.warnings)


def test_same_day_order_does_not_matter():
    a = compute_clock([Withdrawn(R), Received(R)], CAL, R)
    assert a.state is ClockState.STOPPED


def test_the_proof_names_day_one_and_the_make_up_days():
    r = compute_clock([Received(D(2025, 9, 26), "post_signed")], CAL, D(2025, 9, 26))
    proof = "\n".join(r.proof)
    assert "收到申请之日：2025年9月26日（星期五）。邮寄（签收）：以行政机关签收之日为收到申请之日" in proof
    assert "第1个工作日为2025年9月28日（星期日），调休上班日" in proof
    assert "跳过2025年10月1日至10月8日（共8天）：国庆节、中秋节放假" in proof
    assert "2025年10月11日（星期六）为调休上班日" in proof
    assert "期限届满日：2025年10月30日（星期四），为起点后第20个计入的工作日" in proof
