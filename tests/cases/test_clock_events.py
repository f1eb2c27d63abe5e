"""Every clock event through the services: 补正, 征求意见, 延期, 收费, 第三十五条, and the derived states.

Received 2026-03-02 (Mon); the plain due date is 2026-03-30; 2026-04-06 (清明) is a holiday.
"""

import datetime as dt

import pytest

from gongkai.cases.actions.base import CaseError
from gongkai.cases.actions.consultation import record_consultation_answer, send_consultation
from gongkai.cases.actions.correction import expire_correction, receive_correction, request_correction
from gongkai.cases.actions.extension import approve_extension, reject_extension, request_extension
from gongkai.cases.actions.fees import (
    approve_fee,
    expire_fee_notice,
    propose_fee,
    record_fee_payment,
    send_fee_notice,
)
from gongkai.cases.actions.reasons import ask_for_reasons, record_reasons, set_custom_deadline
from gongkai.cases.actions.reply import draft_reply
from gongkai.cases.models import DocKind, EventKind, FeeStatus, Status
from gongkai.cases.states import ClockDisplay, state_of
from gongkai.core.vocabulary import Outcome

pytestmark = pytest.mark.django_db
D = dt.date


def display(case):
    case.refresh_from_db()
    return state_of(case).key


# -- 补正 (第三十条) -------------------------------------------------------------------------------


def test_correction_stops_the_clock_and_restarts_it_from_the_corrected_application(cast, register, clock):
    case = register()
    clock.to(D(2026, 3, 4))
    done = request_correction(case, acting_user=cast.handler_a, items=["请写明项目名称", "请写明年度"], deadline=D(2026, 3, 18))
    assert done.warnings == []
    assert case.events.get(kind=EventKind.CORRECTION_REQUESTED).data["late"] is False
    assert done.document.kind == DocKind.CORRECTION and "1. 请写明项目名称" in done.document.body
    assert case.status == Status.CORRECTION and case.clock_state == "waiting" and case.due_date is None
    assert display(case) == ClockDisplay.WAITING
    clock.to(D(2026, 3, 10))
    receive_correction(case, acting_user=cast.handler_a, note="已写明项目名称。")
    assert case.status == Status.OPEN
    with pytest.raises(CaseError, match="只能一次性发出"):
        request_correction(case, acting_user=cast.handler_a, items=["再补一项"], deadline=D(2026, 3, 20))
    # 20 working days from 2026-03-10, skipping 清明 (2026-04-06).
    assert case.due_date == D(2026, 4, 8)
    assert case.events.filter(kind=EventKind.CORRECTION_RECEIVED).exists()


def test_a_late_correction_notice_warns(cast, register, clock):
    case = register()
    clock.to(D(2026, 3, 16))  # 7 working days after 03-02 end on 03-11
    done = request_correction(case, acting_user=cast.handler_a, items=["请写明项目名称"], deadline=D(2026, 3, 30))
    assert any("第三十条" in w and "2026年3月11日" in w for w in done.warnings)
    assert case.events.get(kind=EventKind.CORRECTION_REQUESTED).data["late"] is True


def test_no_correction_in_time_means_abandoned(cast, register, clock, agency_ready):
    case = register()
    request_correction(case, acting_user=cast.handler_a, items=["请写明项目名称"], deadline=D(2026, 3, 9))
    clock.to(D(2026, 3, 9))
    with pytest.raises(CaseError, match="期限届满后才能视为放弃"):
        expire_correction(case, acting_user=cast.handler_a)
    clock.to(D(2026, 3, 10))
    done = expire_correction(case, acting_user=cast.handler_a)
    assert case.status == Status.CLOSED and case.outcome == Outcome.ABANDONED_NO_CORRECTION
    assert Outcome(case.outcome).row == "R3f1"
    assert "视为您放弃申请" in done.document.body and "第三十条" in done.document.body


# -- 征求意见 (第三十二条, 第三十四条; pause 第三十三条第三款) ------------------------------------------------


def test_a_third_party_consultation_pauses_the_clock(cast, register, clock):
    case = register()
    clock.to(D(2026, 3, 5))
    done = send_consultation(case, acting_user=cast.handler_a, kind="third_party", party_name="某科技有限公司",
                                      matter="该公司项目申报书中的财务数据")
    assert done.document.kind == DocKind.CONSULT_THIRD and done.document.addressee == "某科技有限公司"
    assert "15个工作日" in done.document.body and "张三" not in done.document.body  # no applicant data to the third party
    assert done.obj.due_on == D(2026, 3, 26)
    assert case.clock_state == "paused" and display(case) == ClockDisplay.PAUSED
    clock.to(D(2026, 3, 12))
    with pytest.raises(CaseError, match="请登记对方说明的理由"):
        record_consultation_answer(case, acting_user=cast.handler_a, ref="C1", result="disagree")
    record_consultation_answer(case, acting_user=cast.handler_a, ref="C1", result="agree")
    assert case.clock_state == "running"
    assert case.due_date == D(2026, 4, 7)  # 03-30 + the 5 working days paused (03-06 … 03-12)


def test_a_third_party_silence_ends_the_pause_at_the_window_end(cast, register, clock):
    case = register()
    clock.to(D(2026, 3, 5))
    send_consultation(case, acting_user=cast.handler_a, kind="third_party", party_name="某公司", matter="合同金额")
    clock.to(D(2026, 3, 26))
    with pytest.raises(CaseError, match="届满后才能登记为逾期未答复"):
        record_consultation_answer(case, acting_user=cast.handler_a, ref="C1", result="no_reply")
    clock.to(D(2026, 3, 27))
    done = record_consultation_answer(case, acting_user=cast.handler_a, ref="C1", result="no_reply")
    assert done.obj.answered_on == D(2026, 3, 26) and not done.obj.deemed_consent
    assert case.events.get(kind=EventKind.CONSULTATION_EXPIRED).on == D(2026, 3, 26)
    assert case.due_date == D(2026, 4, 21)  # 15 working days paused


def test_public_interest_override_notifies_the_third_party_in_writing(cast, register, clock, agency_ready):
    case = register()
    send_consultation(case, acting_user=cast.handler_a, kind="third_party", party_name="某公司", matter="排污数据")
    clock.to(D(2026, 3, 6))
    with pytest.raises(CaseError, match="须写明理由"):
        record_consultation_answer(case, acting_user=cast.handler_a, ref="C1", result="disagree", reasons="商业秘密",
                                            public_interest_override=True)
    done = record_consultation_answer(
        case, acting_user=cast.handler_a, ref="C1", result="disagree", reasons="涉及商业秘密", public_interest_override=True,
        override_reasons="排污数据关系周边居民健康，不公开可能对公共利益造成重大影响。",
    )
    assert done.document.kind == DocKind.DISCLOSE_THIRD and done.document.addressee == "某公司"
    assert "公共利益" in done.document.body and "排污数据" in done.document.body and "第三十二条" in done.document.body


def test_a_co_producer_silence_counts_as_consent(cast, register, clock):
    case = register()
    done = send_consultation(case, acting_user=cast.handler_a, kind="co_producer", party_name="北京市门头沟区财政局",
                                      matter="联合发文的资金安排")
    assert done.document.kind == DocKind.CONSULT_AGENCY and "视为同意公开" in done.document.body
    clock.to(D(2026, 3, 24))
    done = record_consultation_answer(case, acting_user=cast.handler_a, ref="C1", result="no_reply")
    assert done.obj.deemed_consent
    assert "视为同意公开（第三十四条）" in case.events.get(kind=EventKind.CONSULTATION_EXPIRED).text


def test_no_reply_while_a_consultation_is_open(cast, register):
    case = register()
    send_consultation(case, acting_user=cast.handler_a, kind="third_party", party_name="某公司", matter="x")
    with pytest.raises(CaseError, match="征求意见尚未结束"):
        draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.DISCLOSE, body="y")


# -- 延期 (第三十三条第二款) -----------------------------------------------------------------------------


def test_an_extension_needs_the_head_and_is_told_to_the_applicant(cast, register, clock):
    case = register()
    with pytest.raises(CaseError, match="最长不得超过20个工作日"):
        request_extension(case, acting_user=cast.handler_a, days=21, reason="x")
    clock.to(D(2026, 3, 20))
    request_extension(case, acting_user=cast.handler_a, days=20, reason="需要调取多个科室档案")
    assert case.due_date == D(2026, 3, 30)  # unchanged until approved
    with pytest.raises(CaseError, match="没有批准延期"):
        approve_extension(case, acting_user=cast.handler_a)
    done = approve_extension(case, acting_user=cast.head_a)
    assert case.due_date == D(2026, 4, 28)
    assert done.document.kind == DocKind.EXTENSION
    assert "延长20个工作日" in done.document.body and "2026年4月28日" in done.document.body
    assert "2026年3月30日" in done.document.body
    with pytest.raises(CaseError, match="只能延长一次"):
        request_extension(case, acting_user=cast.handler_a, days=5, reason="再延")


def test_a_rejected_extension_leaves_the_due_date(cast, register):
    case = register()
    request_extension(case, acting_user=cast.handler_a, days=10, reason="x")
    reject_extension(case, acting_user=cast.head_a, note="可以按期答复")
    assert case.due_date == D(2026, 3, 30) and case.events.filter(kind=EventKind.EXTENSION_REJECTED).exists()


# -- 信息处理费 (第四十二条, 109号) ------------------------------------------------------------------------


def _eleven_applications(register):
    cases = [register(info_title=f"申请{i}") for i in range(11)]
    return cases[-1]


def test_per_piece_fee_counts_the_applicants_month_and_needs_the_head(cast, register, clock, agency_ready):
    case = _eleven_applications(register)
    done = propose_fee(case, acting_user=cast.handler_a, method="per_piece", reason="本月第11件申请。")
    fee = done.obj
    assert fee.ordinal == 11 and fee.amount_yuan == 100
    with pytest.raises(CaseError, match="没有批准收费"):
        approve_fee(case, acting_user=cast.handler_a)
    approve_fee(case, acting_user=cast.head_a)
    clock.to(D(2026, 3, 3))
    done = send_fee_notice(case, acting_user=cast.handler_a, notice_received_on=D(2026, 3, 3))
    assert done.document.kind == DocKind.FEE_NOTICE
    assert "人民币100元" in done.document.body and "20个工作日" in done.document.body
    assert done.obj.pay_due == D(2026, 3, 31)
    assert case.clock_state == "paused"  # 109号第六条: no reply before payment, the clock waits (docs/law.md §9.2)
    clock.to(D(2026, 3, 10))
    record_fee_payment(case, acting_user=cast.handler_a, amount_yuan="100")
    fee.refresh_from_db()
    assert fee.status == FeeStatus.PAID and fee.paid_on == D(2026, 3, 10)
    draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.DISCLOSE, body="提供。")


def test_the_first_ten_pieces_are_free(cast, register):
    case = register()
    with pytest.raises(CaseError, match="0元"):
        propose_fee(case, acting_user=cast.handler_a, method="per_piece", reason="频次高")


def test_per_volume_fee_uses_the_page_tiers(cast, register):
    case = register()
    done = propose_fee(case, acting_user=cast.handler_a, method="per_volume", pages=250, reason="申请复制250页")
    assert done.obj.amount_yuan == 4700  # 70×10 + 100×20 + 50×40
    with pytest.raises(CaseError, match="只能按一种标准"):
        propose_fee(case, acting_user=cast.handler_a, method="per_piece", reason="again")


def test_an_unpaid_fee_means_abandoned(cast, register, clock, agency_ready):
    case = register()
    propose_fee(case, acting_user=cast.handler_a, method="per_volume", pages=40, reason="复制40页")
    approve_fee(case, acting_user=cast.head_a)
    send_fee_notice(case, acting_user=cast.handler_a)
    clock.to(D(2026, 3, 30))
    with pytest.raises(CaseError, match="期限届满后"):
        expire_fee_notice(case, acting_user=cast.handler_a)
    clock.to(D(2026, 3, 31))
    done = expire_fee_notice(case, acting_user=cast.handler_a)
    assert case.outcome == Outcome.ABANDONED_NO_FEE and Outcome(case.outcome).row == "R3f2"
    assert "逾期未缴纳费用" in done.document.body


def test_a_fee_notice_pauses_the_clock_until_payment(cast, register, clock):
    """109号第六条: no reply before payment, so the reply clock does not run meanwhile (docs/law.md §9.2)."""
    case = register()
    propose_fee(case, acting_user=cast.handler_a, method="per_volume", pages=40, reason="复制40页")
    approve_fee(case, acting_user=cast.head_a)
    send_fee_notice(case, acting_user=cast.handler_a)
    assert case.clock_state == "paused"


# -- 第三十五条 ----------------------------------------------------------------------------------------


def test_reasonable_reasons_get_a_later_deadline(cast, register, clock):
    case = register()
    done = ask_for_reasons(case, acting_user=cast.handler_a, text="本月提出60件申请。", deadline=D(2026, 3, 9))
    assert done.document.kind == DocKind.REASONS and "第三十五条" in done.document.body
    assert case.status == Status.REASONS
    with pytest.raises(CaseError, match="等待申请人说明理由"):
        draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.DISCLOSE, body="x")
    clock.to(D(2026, 3, 9))
    record_reasons(case, acting_user=cast.handler_a, text="课题研究需要。")
    with pytest.raises(CaseError, match="须晚于现在的答复期限"):
        set_custom_deadline(case, acting_user=cast.handler_a, due=D(2026, 3, 20), reason="数量大")
    done = set_custom_deadline(case, acting_user=cast.handler_a, due=D(2026, 5, 29), reason="需逐件检索60件")
    assert case.due_date == D(2026, 5, 29) and case.status == Status.OPEN
    assert done.document.kind == DocKind.DEADLINE and "2026年5月29日" in done.document.body


# -- derived states ---------------------------------------------------------------------------------


def test_normal_due_soon_and_overdue_are_derived_from_the_clock(cast, register, clock):
    case = register()
    assert display(case) == ClockDisplay.NORMAL
    clock.to(D(2026, 3, 25))  # 03-30 is 3 working days away
    assert display(case) == ClockDisplay.DUE_SOON
    clock.to(D(2026, 3, 31))
    assert display(case) == ClockDisplay.OVERDUE
    case.status = Status.REPLIED
    assert state_of(case).key == ClockDisplay.STOPPED
