"""The wording of every notice the system issues, for each kind of addressee (issue 12 item 5).

Each notice kind (受理回执, 补正, 说明理由, 延期, 延迟答复, 收费, 征求意见书/函, 决定公开告知书, and the 答复书 of
every outcome) is rendered from the agency's default template through the same path as an issued notice
(`issuing.preview`: the case's facts, the remedy clause, the 条例 title rule, the tidy pass), once for an
applicant who is a natural person and once for a company; third-party notices also for a third party whose
kind was not recorded. The text must read as an office would sign it:

- the right pronoun: 您 for a person, 贵单位 for an organisation, 贵方 when the kind is unknown, 贵机关 for an
  agency — never 「您（单位）」;
- no doubled punctuation where a value meets the template (「。，」「。。」「，。」);
- 经审查 (or 经查/经审核) at most once;
- 《中华人民共和国政府信息公开条例》 exactly once, before any 《条例》;
- an article cited at most once per sentence;
- no unfilled placeholder and no blank date (「即前」「于前」「年月日」…);
- a reply and the 决定公开告知书 name the 复议机关 and the court with 60 days / 6 months.
"""

import datetime as dt
import re

import pytest

from gongkai.cases.documents import issuing, templates
from gongkai.cases.models import Consultation, PartyKind, Reply
from gongkai.core import wording
from gongkai.core.law.grounds import FULL_TITLE, SHORT_TITLE
from gongkai.core.vocabulary import ConsultationKind, Outcome

from .conftest import uscc

pytestmark = pytest.mark.django_db
D = dt.date
ON = D(2026, 3, 16)

PERSON = {}
COMPANY = {"applicant_kind": "commercial", "applicant_name": "北京京西科技有限公司", "id_type": "uscc",
           "id_number": uscc(), "contact_person": "李四"}

#: What staff write, per reply outcome: natural sentences, some opening with 「经审查，」 and ending with 「。」
#: as staff do, to show the seams hold.
BODIES = {
    Outcome.ALREADY_PUBLIC: "该信息已于2026年1月10日在本机关门户网站「政府信息公开」专栏公开，网址为http://kxw.bjmtg.gov.cn。",
    Outcome.DISCLOSE: "《2025年度区级科技项目立项清单》可以公开。",
    Outcome.PARTIAL: "立项清单中项目名称、承担单位和资助金额。",
    Outcome.NOT_EXIST: "经检索，本机关对2025年度的收文、发文和项目档案逐一进行了查找，未发现相关记录。",
    Outcome.NOT_OUR_INFO: "该信息由区财政局制作和保存",
    Outcome.NEED_CREATION: "经审查，该统计数据需要对多个年度的项目档案进行汇总分析。",
    Outcome.STILL_UNCLEAR: "补正后的申请仍为“全部项目”，未写明项目名称或者年度。",
    Outcome.PETITION_LIKE: "申请内容为对某企业违规使用资助资金的举报，可以通过12345市民服务热线提出",
    Outcome.REPEAT: "本机关已于2026年1月20日作出答复（门科信公开〔2026〕第3号）。",
    Outcome.PUBLICATION: "该信息刊载于《北京市门头沟区人民政府公报》2026年第1期，可在区图书馆查阅",
    Outcome.MASS_REPEAT: "申请人在一个月内提出40件内容相近的申请，所说明的理由不能说明其合理需要",
    Outcome.CONFIRM_OR_REISSUE: "申请人要求确认其已获取的立项通知书的真实性",
    Outcome.REFER_SPECIAL_LAW: "不动产登记资料",
    Outcome.OTHER: "申请人于2026年3月10日书面撤回申请。",
}
DENY_BODY = "经审查，该信息为本机关在项目评审过程中形成的讨论记录，公开后可能影响正常评审工作。"

#: Facts each notice kind states, as the actions pass them to `issue()`.
EXTRA = {
    "correction": {"correction_items": ["请写明所需项目的名称或者立项年度。", "请写明所需信息的内容"],
                   "correction_deadline": "2026年3月27日"},
    "reasons": {"reasons_text": "2026年3月内共提出了40件内容相近的申请。", "reasons_deadline": "2026年3月23日"},
    "extension": {"extension_days": 20, "extension_reason": "所需信息涉及多个年度的档案，需要逐一调取。",
                  "old_due": "2026年3月30日", "new_due": "2026年4月28日"},
    "deadline": {"deadline_reason": "申请涉及的40件事项需要分批检索。", "custom_due": "2026年5月29日"},
    "fee_notice": {"fee_reason": "一个月内申请公开的政府信息累计超过30件。", "fee_method": "按件计收",
                   "fee_lines": ["第31件至第50件：20件×10元＝200元"], "fee_amount": "200",
                   "payment_instructions": "通过北京市非税收入缴款系统缴纳"},
    "consult_third": {"matter": "北京京西科技有限公司的项目预算明细", "consult_due": "2026年4月7日",
                      "consult_channel": "电子邮件"},
    "consult_agency": {"matter": "区科信局与区财政局联合印发的资金管理办法起草说明", "consult_due": "2026年4月7日",
                       "consult_channel": "直接送达"},
    "consult_other": {"matter": "某涉密项目的立项批复", "consult_due": ""},
    "disclose_third": {"matter": "北京京西科技有限公司的项目预算明细", "override_reasons": "该项目使用财政资金，预算明细涉及公共利益",
                       "consult_sent_on": "2026年3月5日", "consult_answered_on": "2026年3月12日"},
}
REPLY_EXTRA = {
    Outcome.ABANDONED_NO_CORRECTION: {"correction_requested_on": "2026年3月3日", "correction_deadline": "2026年3月13日"},
    Outcome.STILL_UNCLEAR: {"correction_requested_on": "2026年3月3日", "corrected_on": "2026年3月6日"},
    Outcome.ABANDONED_NO_FEE: {"fee_sent_on": "2026年3月3日", "fee_pay_due": "2026年3月31日"},
    Outcome.MASS_REPEAT: {"reasons_requested_on": "2026年3月3日"},
}
THIRD_PARTY_KEYS = ("consult_third", "disclose_third")
AGENCY_KEYS = ("consult_agency", "consult_other")
KEYS = [key for key, _ in templates.template_keys()]
CASES = [(key, who) for key in KEYS for who in ("person", "organisation")]
CASES += [(key, "unknown") for key in THIRD_PARTY_KEYS]

ARTICLE = re.compile(r"第[一二三四五六七八九十百]+条(?:第[一二三四五六七八九十]+款)?(?:第（[一二三四五六七八九十]+）项)?")
BLANK = re.compile(r"即前|于前|在前|至前|为前|年月日|至。|（即）|（）|“”|：。|：$|\ue000|尚不能确定|已于[^\d]|本机关于[^\d]|{{|{%|（文号）")
DOUBLED = re.compile(r"[。；，、：][。，；]|，、")
FINDING = re.compile(r"经(?:审查|查|审核|核查)")


def _reply(case, outcome: Outcome) -> Reply:
    body = DENY_BODY if outcome.value.startswith("deny_") else BODIES.get(outcome, "")
    return Reply(case=case, outcome=outcome.value, body=body, legal_basis=outcome.info.basis,
                 withheld="承担单位的银行账户信息涉及商业秘密，公开会对第三方合法权益造成损害。" if outcome == Outcome.PARTIAL else "",
                 competent_agency="北京市门头沟区财政局" if outcome == Outcome.NOT_OUR_INFO else "",
                 competent_contact="010-69860000" if outcome == Outcome.NOT_OUR_INFO else "",
                 provide_form="paper" if outcome in (Outcome.DISCLOSE, Outcome.PARTIAL) else "",
                 delivery="post" if outcome in (Outcome.DISCLOSE, Outcome.PARTIAL) else "")


def render(register, key: str, who: str):
    """The notice `key` as it would be issued on ON, addressed to a `who`."""
    applicant = COMPANY if (who == "organisation" and key not in THIRD_PARTY_KEYS) else PERSON
    case = register(**applicant)
    extra = dict(EXTRA.get(key, {}))
    addressee = None
    reply = None
    if key.startswith(templates.REPLY_PREFIX):
        outcome = Outcome(key.removeprefix(templates.REPLY_PREFIX))
        reply = _reply(case, outcome)
        extra.update(REPLY_EXTRA.get(outcome, {}))
    if key in THIRD_PARTY_KEYS:
        kind = {"person": PartyKind.PERSON, "organisation": PartyKind.ORGANISATION, "unknown": ""}[who]
        cons = Consultation(case=case, kind=ConsultationKind.THIRD_PARTY, party_kind=kind)
        addressee = {"person": "王五", "organisation": "北京京西科技有限公司", "unknown": "北京京西科技有限公司"}[who]
        extra["party_you"] = cons.addressed_as
        if key == "disclose_third":
            extra["remedy"] = issuing.remedy_text(case, Outcome.DISCLOSE, third_party=True)
    if key in AGENCY_KEYS:
        addressee = "北京市门头沟区财政局"
    return issuing.preview(case, key, ON, reply=reply, addressee=addressee, **extra)


@pytest.mark.parametrize(("key", "who"), CASES, ids=[f"{k}-{w}" for k, w in CASES])
def test_every_notice_reads_right_for_its_addressee(key, who, cast, register, agency_ready):
    rendered = render(register, key, who)
    text = "\n".join(rendered.plain())
    where = f"{rendered.title}\n{text}"

    assert "您（单位）" not in text and "（单位）" not in text, where
    if key in AGENCY_KEYS:
        assert "贵机关" in text and "您" not in text and "贵单位" not in text, where
    else:
        expected = {"person": wording.PERSON, "organisation": wording.ORGANISATION, "unknown": wording.EITHER}[who]
        others = {wording.PERSON, wording.ORGANISATION, wording.EITHER} - {expected}
        assert expected in text, where
        assert not any(o in text for o in others), where

    assert not DOUBLED.search(text), (DOUBLED.search(text).group(0), where)
    assert len(FINDING.findall(text)) <= 1, where
    assert text.count("经检索") <= 1, where

    # Every notice rests on an article of the 条例, except the record of a withdrawal (其他处理).
    assert text.count(FULL_TITLE) == (0 if key == "reply.other" else 1), where
    assert "《政府信息公开条例》" not in text, where
    if SHORT_TITLE in text:
        assert text.index(FULL_TITLE) < text.index(SHORT_TITLE), where
        assert "（以下简称《条例》）" in text, where

    for sentence in re.split(r"[。；]", text):
        cited = [a for a in ARTICLE.findall(sentence) if not sentence.count("《中华人民共和国行政复议法》")]
        assert len(cited) == len(set(cited)), (sentence, where)

    assert not BLANK.search(text), (BLANK.search(text).group(0), where)
    assert rendered.title and rendered.title.startswith("政府信息") and "（给第三方）" not in rendered.title

    if key.startswith(templates.REPLY_PREFIX) or key == "disclose_third":
        assert "北京市门头沟区人民政府申请行政复议" in text and "60日内" in text, where
        assert "北京市门头沟区人民法院提起行政诉讼" in text, where


def test_the_tidy_pass_joins_staff_text_to_the_template():
    assert wording.tidy(["经审查，现答复如下：经审查，该信息不存在。经查，无记录。"]) == ["经审查，现答复如下：该信息不存在。无记录。"]
    assert wording.tidy(["因档案分散。，本机关不能按期答复。。", "理由：。"]) == ["因档案分散，本机关不能按期答复。", "理由："]
    assert wording.tidy(["经检索，无。", "检索情况：经检索，查阅了档案。"]) == ["经检索，无。", "检索情况：查阅了档案。"]


@pytest.mark.parametrize(("form", "delivery", "words"), [
    ("paper", "post", "以纸质形式、通过邮寄方式"),
    ("email", "email", "通过电子邮件方式"),  # never 「以电子邮件形式、通过电子邮件方式」
    ("email", "online", "通过本机关网站「申请查询」页面"),
    ("disc", "pickup", "以光盘等存储介质形式、通过当面领取方式"),
    ("inspect", "pickup", "通过当面领取方式"),
    ("paper", "", "以纸质形式"),
])
def test_how_the_information_is_provided_is_said_once(form, delivery, words):
    assert issuing.provide_how(form, delivery) == words


def test_a_third_party_consultation_records_whether_it_is_a_person(cast, register, agency_ready):
    from gongkai.cases.actions.consultation import send_consultation

    case = register()
    done = send_consultation(case, acting_user=cast.handler_a, kind="third_party", party_name="王五", party_kind="person",
                             matter="王五的项目申报材料", channel="email", on=D(2026, 3, 2))
    assert done.obj.party_kind == PartyKind.PERSON and done.obj.get_party_kind_display() == "自然人"
    body = done.document.body
    assert "征求您的意见" in body and "贵单位" not in body and "（单位）" not in body


@pytest.mark.parametrize(("who", "you", "not_you"), [("person", "您", "贵单位"), ("organisation", "贵单位", "您")])
def test_the_cover_email_addresses_the_applicant_as_the_notice_does(who, you, not_you, cast, register,
                                                                     django_capture_on_commit_callbacks):
    from django.core import mail

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        register(**(COMPANY if who == "organisation" else PERSON))
    (msg,) = mail.outbox
    assert f"就{you}的政府信息公开申请" in msg.body and not_you not in msg.body and "（单位）" not in msg.body


def test_the_service_receipt_stays_on_one_page_with_the_post_rows_and_a_long_note():
    """送达回证 (looked at: a 留置送达 note pushed the 备注 row onto a second page with 16 mm rows)."""
    import io

    import pdfplumber

    from gongkai.core.notice import ServiceReceipt, service_receipt_pdf

    receipt = ServiceReceipt(
        agency_name="北京市门头沟区科学技术和信息化局", document="政府信息公开申请答复书（门科信公开〔2026〕第12号）",
        addressee="北京京西科技有限公司", place="北京市门头沟区新桥大街1号", method="留置送达",
        rows=[("邮寄单号", "1234567890123"), ("交邮日期", "2026年3月3日")], signed_on="2026年3月4日", server="张经办",
        note="受送达人拒绝签收，拒收事由：以申请已撤回为由拒绝签收；见证人：赵六（新桥社区居委会）；留置于送达地点，视为送达。",
    )
    with pdfplumber.open(io.BytesIO(service_receipt_pdf(receipt))) as pdf:
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text()
    assert "备注" in text and "视为送达" in text
