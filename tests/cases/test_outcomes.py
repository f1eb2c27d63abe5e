"""Every reply outcome of the statutory taxonomy, from registration to the numbered 答复书.

Each reply must cite the right article, carry the remedy clause (复议前置 for refusals under
行政复议法(2023)第二十三条; otherwise 60 days 复议 or 6 months 诉讼) and land in exactly one table 三 row.
"""

import datetime as dt

import pytest

from gongkai.cases.actions.base import CaseError
from gongkai.cases.actions.closing import withdraw_application
from gongkai.cases.actions.correction import receive_correction, request_correction
from gongkai.cases.actions.reasons import ask_for_reasons
from gongkai.cases.actions.reply import CLOSING_OUTCOMES, approve_reply, draft_reply, return_reply, transfer
from gongkai.cases.models import DocKind, Status
from gongkai.core.vocabulary import Outcome

pytestmark = pytest.mark.django_db

# The article each reply must cite (docs/law.md §4.2 table) — written out here, not read from the code.
CITES = {
    Outcome.ALREADY_PUBLIC: "第三十六条第（一）项",
    Outcome.DISCLOSE: "第三十六条第（二）项",
    Outcome.PARTIAL: "第三十七条",
    Outcome.DENY_STATE_SECRET: "第十四条",
    Outcome.DENY_LAW_PROHIBITED: "第十四条",
    Outcome.DENY_SECURITY_STABILITY: "第十四条",
    Outcome.DENY_THIRD_PARTY: "第十五条",
    Outcome.DENY_INTERNAL_AFFAIRS: "第十六条第一款",
    Outcome.DENY_PROCESS_INFO: "第十六条第二款",
    Outcome.DENY_ENFORCEMENT_FILE: "第十六条第二款",
    Outcome.REFER_SPECIAL_LAW: "第三十六条第（七）项",
    Outcome.NOT_EXIST: "第三十六条第（四）项",
    Outcome.NOT_OUR_INFO: "第三十六条第（五）项",
    Outcome.NEED_CREATION: "第三十八条",
    Outcome.STILL_UNCLEAR: "第三十条",
    Outcome.PETITION_LIKE: "第三十九条第一款",
    Outcome.REPEAT: "第三十六条第（六）项",
    Outcome.PUBLICATION: "第三十九条第二款",
    Outcome.MASS_REPEAT: "第三十五条",
    Outcome.CONFIRM_OR_REISSUE: "不予处理",
    Outcome.ABANDONED_NO_CORRECTION: "第三十条",
    Outcome.ABANDONED_NO_FEE: "国办函〔2020〕109号",
    Outcome.OTHER: "撤回",
}
REVIEW_FIRST = "应当先在收到本答复书之日起60日内向北京市门头沟区人民政府申请行政复议"
ORDINARY = "可以在收到本答复书之日起60日内向北京市门头沟区人民政府申请行政复议，或者在6个月内依法向北京市门头沟区人民法院提起行政诉讼"
# 36(七) 行政查询事项 carries the 复议前置 notice by default (README「法律参数」).
REFUSALS = {o for o in Outcome if o.value.startswith("deny_")} | {Outcome.PARTIAL, Outcome.REFER_SPECIAL_LAW}
DRAFTED = [o for o in Outcome if o not in CLOSING_OUTCOMES]


def _prepare(case, cast, clock, outcome):
    """Steps some outcomes need first (第三十五条 reasons; 第三十条 补正)."""
    if outcome == Outcome.MASS_REPEAT:
        ask_for_reasons(case, acting_user=cast.handler_a, text="本月已提出40件内容相近的申请。", deadline=dt.date(2026, 3, 9))
    if outcome == Outcome.STILL_UNCLEAR:
        request_correction(case, acting_user=cast.handler_a, items=["请写明项目名称"], deadline=dt.date(2026, 3, 12))
        clock.to(dt.date(2026, 3, 5))
        receive_correction(case, acting_user=cast.handler_a, note="补正后仍写“全部项目”。")


@pytest.mark.parametrize("outcome", DRAFTED, ids=lambda o: o.value)
def test_each_drafted_outcome_goes_out_after_review(outcome, cast, register, clock, agency_ready):
    case = register()
    _prepare(case, cast, clock, outcome)
    clock.to(dt.date(2026, 3, 6))
    extra = {}
    if outcome == Outcome.PARTIAL:
        extra["withheld"] = "名单中个人身份证号码，属于个人隐私（第十五条）。"
    if outcome == Outcome.NOT_OUR_INFO:
        extra.update(competent_agency="北京市门头沟区财政局", competent_contact="010-69860000")
    draft_reply(case, acting_user=cast.handler_a, outcome=outcome, body="答复正文：理由和获取方式。", **extra)
    done = approve_reply(case, acting_user=cast.reviewer_a)
    case.refresh_from_db()
    assert case.status == Status.REPLIED
    assert case.outcome == outcome
    assert case.decided_on == dt.date(2026, 3, 6)
    doc = done.document
    assert doc.kind == DocKind.REPLY and doc.title == "政府信息公开申请答复书"
    assert doc.number.startswith("门科信公开〔2026〕第")
    assert CITES[outcome] in doc.body
    assert "张三：" in doc.body.splitlines()[0]
    assert "2025年度区级科技项目立项清单" in doc.body  # the reply reproduces the request
    if outcome in REFUSALS:
        assert REVIEW_FIRST in doc.body  # 行政复议法 第二十三条: 复议前置 must be stated
    else:
        assert ORDINARY in doc.body
    if outcome == Outcome.PARTIAL:
        assert "个人隐私" in doc.body
    if outcome == Outcome.NOT_OUR_INFO:
        assert "北京市门头沟区财政局" in doc.body and "010-69860000" in doc.body


def test_partial_without_what_is_withheld_is_refused(cast, register):
    case = register()
    with pytest.raises(CaseError, match="部分公开须写明不予公开的内容及理由"):
        draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.PARTIAL, body="提供部分内容。")
    case.refresh_from_db()
    assert case.status == Status.OPEN


def test_mass_repeat_needs_reasons_first_and_still_unclear_needs_a_correction(cast, register):
    case = register()
    with pytest.raises(CaseError, match="须先要求申请人说明理由"):
        draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.MASS_REPEAT, body="数量过多。")
    with pytest.raises(CaseError, match="只适用于已经补正的申请"):
        draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.STILL_UNCLEAR, body="仍不明确。")


def test_closing_outcomes_cannot_be_drafted_directly(cast, register):
    case = register()
    for outcome in CLOSING_OUTCOMES:
        with pytest.raises(CaseError, match="请使用对应的操作"):
            draft_reply(case, acting_user=cast.handler_a, outcome=outcome, body="x")


def test_a_returned_reply_is_redrafted_with_another_outcome(cast, register, agency_ready):
    case = register()
    draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.NOT_EXIST, body="未找到。")
    return_reply(case, acting_user=cast.reviewer_a, note="请写明检索范围。")
    case.refresh_from_db()
    assert case.status == Status.OPEN
    draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.NOT_EXIST, body="检索了本机关2025年全部收发文，未找到。")
    done = approve_reply(case, acting_user=cast.reviewer_a)
    assert "检索了本机关2025年全部收发文" in done.document.body
    assert case.replies.count() == 1


def test_transfer_tells_the_competent_agency(cast, register, agency_ready):
    case = register()
    transfer(case, acting_user=cast.handler_a, competent_agency="北京市门头沟区教育委员会", competent_contact="010-69840000",
                      reasons="该信息由区教委制作和保存。")
    done = approve_reply(case, acting_user=cast.head_a)
    case.refresh_from_db()
    assert case.outcome == Outcome.NOT_OUR_INFO and Outcome(case.outcome).row == "R3d1"
    assert "北京市门头沟区教育委员会负责公开" in done.document.body


def test_withdrawal_is_recorded_as_other(cast, register, clock, agency_ready):
    case = register()
    clock.to(dt.date(2026, 3, 4))
    done = withdraw_application(case, acting_user=cast.handler_a, note="申请人来电撤回。")
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.outcome == Outcome.OTHER
    assert case.clock_state == "stopped"
    assert "撤回" in done.document.body


def test_a_reply_needs_the_review_body_for_the_remedy_clause(cast, register):
    cast.dept_a.review_body = ""
    cast.dept_a.parent = None  # no 本级人民政府 to derive the 复议机关 from
    case = register()
    case.agency.parent = None
    case.agency.save()
    draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.NOT_EXIST, body="未找到。")
    with pytest.raises(CaseError, match="行政复议机关"):
        approve_reply(case, acting_user=cast.reviewer_a)
    case.refresh_from_db()
    assert case.status == Status.REVIEW  # nothing half-done
