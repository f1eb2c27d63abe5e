"""救济告知 and 复议前置 (行政复议法 2023 第二十三条)."""

import pytest

from gongkai.core.law.remedies import remedy_clause, requires_review_first
from gongkai.core.vocabulary import Outcome

BODY, COURT = "北京市门头沟区人民政府", "北京市门头沟区人民法院"


@pytest.mark.parametrize("outcome", list(Outcome))
def test_refusals_and_only_refusals_require_review_first(outcome):
    assert requires_review_first(outcome) == outcome.info.refusal
    clause = remedy_clause(outcome, BODY, COURT)
    if outcome.info.refusal:
        assert "应当先在收到本答复书之日起60日内向北京市门头沟区人民政府申请行政复议" in clause
        assert "第二十三条" in clause
        assert "6个月" not in clause
    else:
        assert clause == (
            "如对本答复不服，可以在收到本答复书之日起60日内向北京市门头沟区人民政府申请行政复议，"
            "或者在6个月内依法向北京市门头沟区人民法院提起行政诉讼。"
        )


def test_partial_disclosure_is_a_deployment_setting():
    assert requires_review_first(Outcome.PARTIAL)
    assert not requires_review_first(Outcome.PARTIAL, partial_requires_review_first=False)
    assert "6个月" in remedy_clause("partial", BODY, COURT, partial_requires_review_first=False)
    assert requires_review_first(Outcome.DENY_STATE_SECRET, partial_requires_review_first=False)


def test_missing_review_body_is_refused_and_court_defaults():
    with pytest.raises(ValueError, match="行政复议机关"):
        remedy_clause(Outcome.DISCLOSE, " ", COURT)
    assert "有管辖权的人民法院" in remedy_clause(Outcome.DISCLOSE, BODY, "")


def test_a_36_7_reply_tells_review_first_by_default():
    # 36(七) 行政查询事项: counted as 不予公开 by 30号; the 复议前置 notice is the conservative choice (README).
    assert requires_review_first(Outcome.REFER_SPECIAL_LAW)
    assert "应当先" in remedy_clause(Outcome.REFER_SPECIAL_LAW, BODY, COURT)
    assert not requires_review_first(Outcome.REFER_SPECIAL_LAW, special_law_requires_review_first=False)


def test_a_third_party_contests_the_decision_in_the_notice_it_received():
    clause = remedy_clause(Outcome.DISCLOSE, BODY, COURT, decision="决定", document="告知书")
    assert clause.startswith("如对本决定不服，可以在收到本告知书之日起60日内") and "答复书" not in clause
