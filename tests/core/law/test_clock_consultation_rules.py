"""Consultations as the 条例 says: 第三十二条, 第三十四条, 第三十三条第三款 (docs/law.md §9.1)."""

from datetime import date

import pytest

from gongkai.core.law.calendar import national_calendar
from gongkai.core.law.clock import (
    ClockState,
    ConsultationAnswered,
    ConsultationSent,
    Received,
    compute_clock,
)
from gongkai.core.law.receipt import consultation_receipt
from gongkai.core.vocabulary import ConsultationKind

D = date
CAL = national_calendar()
R = D(2025, 3, 3)
PLAIN_DUE = D(2025, 3, 31)


def test_the_third_partys_15_days_run_from_its_recorded_receipt():
    sent, got = D(2025, 3, 10), D(2025, 3, 14)
    r = compute_clock([Received(R), ConsultationSent(sent, "甲", "third_party", received_on=got)], CAL, D(2025, 5, 30))
    end = CAL.add_working_days(got, 15)
    assert r.deadlines["consultation:甲"] == end == D(2025, 4, 7)
    # the pause runs from the day after dispatch to the end of the window: the post days count too
    assert r.paused_days == CAL.working_days_between(sent, end)
    proof = "\n".join(r.proof)
    assert "对方收到之日为2025年3月14日" in proof and "由行政机关依照本条例的规定决定是否公开" in proof
    assert "视为同意公开" not in proof


@pytest.mark.parametrize(("channel", "presumed"), [("in_person", True), ("email", True), ("online", True),
                                                   ("fax", True), ("post", False), ("", True)])
def test_receipt_is_presumed_by_channel(channel, presumed):
    got, _ = consultation_receipt(D(2025, 3, 10), channel)
    assert got == (D(2025, 3, 10) if presumed else None)


def test_receipt_cannot_precede_dispatch():
    with pytest.raises(ValueError, match="不能早于发出日期"):
        consultation_receipt(D(2025, 3, 10), "post", D(2025, 3, 9))


def test_a_posted_letter_without_a_recorded_receipt_keeps_the_clock_paused_and_asks_for_the_date():
    r = compute_clock([Received(R), ConsultationSent(D(2025, 3, 10), "乙", channel="post")], CAL, D(2025, 4, 20))
    assert r.state is ClockState.PAUSED
    assert r.deadlines["consultation:乙"] is None
    assert any("请按邮件回执登记签收日期" in w for w in r.warnings)


def test_only_co_produced_information_is_deemed_agreed():
    assert "视为同意公开" in ConsultationKind.CO_PRODUCER.silence
    assert "视为同意公开" not in ConsultationKind.THIRD_PARTY.silence
    assert "视为同意公开" not in ConsultationKind.OTHER_AGENCY.silence
    r = compute_clock([Received(R), ConsultationSent(D(2025, 3, 10), "丙", "co_producer")], CAL, D(2025, 4, 20))
    assert any("视为同意公开" in w for w in r.warnings)


def test_another_agency_has_no_15_day_limit_the_clock_pauses_until_its_answer():
    sent, answer = D(2025, 3, 10), D(2025, 4, 30)  # 35 working days later
    events = [Received(R), ConsultationSent(sent, "保密", "other_agency")]
    waiting = compute_clock(events, CAL, D(2025, 4, 29))
    assert waiting.state is ClockState.PAUSED and "consultation:保密" not in waiting.deadlines
    assert any("条例未规定其他机关的答复期限" in w for w in waiting.warnings)
    done = compute_clock(events + [ConsultationAnswered(answer, "保密")], CAL, D(2025, 5, 6))
    assert done.paused_days == CAL.working_days_between(sent, answer)
    assert done.due == CAL.add_working_days(PLAIN_DUE, done.paused_days)
    # a third party answering that late would only have paused its 15 working days
    third = compute_clock([Received(R), ConsultationSent(sent, "丁"), ConsultationAnswered(answer, "丁")], CAL, D(2025, 5, 6))
    assert third.paused_days == 15
