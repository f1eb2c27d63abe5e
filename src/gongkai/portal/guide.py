"""The 政府信息公开指南 (条例第十二条) generated from the agency's data, and its paper 申请表.

第十二条 asks the 指南 for: 政府信息的分类、编排体系、获取方式，政府信息公开工作机构的名称、办公地址、办公时间、
联系电话、传真号码、互联网联系方式. The 指南 also states the 办理流程 with its 期限 (from the statutory clock's
constants, core/law/clock.py), the 收费标准 (the fee engine's tiers, core/law/fees.py, 国办函〔2020〕109号)
and the 救济途径 naming the 复议机关 and the court (the agency record). Staff add to each section
(`GuideText`). The 申请表 (DOCX and PDF) has the rows of the online application form — it is built
from that form's fields, so the two cannot drift apart (docs/law.md §10.2).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms

from gongkai.agencies.models import Agency
from gongkai.cases.forms import ApplicationForm
from gongkai.core.formsheet import FormRow, FormSheet
from gongkai.core.law import clock as law
from gongkai.core.law.fees import BASIS as FEE_BASIS
from gongkai.core.law.fees import PAYMENT_WORKING_DAYS, tier_table
from gongkai.core.law.receipt import Channel, receipt_rule
from gongkai.core.law.remedies import REVIEW_DAYS, SUIT_MONTHS

#: Fields of the online form that a paper form does not have (the agency is printed in the title;
#: files are attached by hand; the honeypot and the CAPTCHA are for the web only).
NOT_ON_PAPER = ("agency", "attachments", "website", "captcha")
SECTIONS = {"applicant_kind": "申请人信息", "info_title": "所需政府信息", "provide_form": "提供形式和获取方式",
            "needs_assistance": "其他"}
LINES = {"info_description": 4, "address": 2, "info_title": 2}


@dataclass
class Step:
    title: str
    text: str
    limit: str = ""  # the statutory 期限, in words


def procedure() -> list[Step]:
    """办理流程 with 期限 (条例第二十七条至第四十五条), from the clock's constants."""
    receipt = "；".join(receipt_rule(c) for c in (Channel.IN_PERSON, Channel.POST_SIGNED, Channel.POST_ORDINARY,
                                                   Channel.ONLINE))
    return [
        Step("提出申请", "申请人通过互联网、信函、传真或者当面提交书面申请（含申请表）；书面申请确有困难的，可以口头提出，"
             "由工作机构代为填写（第二十九条）。申请应当包括申请人的姓名或者名称、身份证明、联系方式，所需政府信息的名称、"
             "文号或者便于查询的其他特征性描述，以及提供形式要求。"),
        Step("确定收到申请之日", receipt + "。"),
        Step("补正", "申请内容不明确的，自收到申请之日起一次性告知申请人补正，说明需要补正的事项和合理的补正期限；"
             "答复期限自收到补正的申请之日起计算；无正当理由逾期不补正的，视为放弃申请（第三十条）。",
             f"{law.CORRECTION_NOTICE_WORKING_DAYS}个工作日内告知补正"),
        Step("征求意见", "公开可能损害第三方合法权益的，书面征求第三方意见；涉及其他机关的，征求其他机关意见。"
             "第三方和被征求意见机关自收到征求意见书之日起15个工作日内提出意见；征求意见所需时间不计算在答复期限内"
             "（第三十二条、第三十三条第三款、第三十四条）。", f"对方{law.CONSULTATION_WORKING_DAYS}个工作日内提出意见"),
        Step("答复", "能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复（第三十三条第一款、第二款）。",
             f"{law.REPLY_WORKING_DAYS}个工作日"),
        Step("延期", "需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日"
             "（第三十三条第二款）。", f"延长不超过{law.EXTENSION_MAX_WORKING_DAYS}个工作日"),
        Step("收费", f"申请数量、频次明显超过合理范围的，可以收取信息处理费（第四十二条、{FEE_BASIS}）。"
             f"申请人应当自收到收费通知次日起{PAYMENT_WORKING_DAYS}个工作日内缴纳，逾期未缴纳的视为放弃申请；"
             "缴费期间不计算在答复期限内。", f"{PAYMENT_WORKING_DAYS}个工作日内缴费"),
    ]


def remedies(agency: Agency) -> dict[str, str]:
    """救济途径 (条例第五十一条; 行政复议法第二十条、第二十四条; 行政诉讼法第四十六条): names, not placeholders."""
    review_body = agency.default_review_body()
    court = agency.court or "有管辖权的人民法院"
    supervisor = agency.government.name if agency.government and agency.government != agency else ""
    return {
        "review_body": review_body,
        "court": court,
        "review": (f"认为本机关在政府信息公开工作中侵犯其合法权益的，可以自知道该行政行为之日起{REVIEW_DAYS}日内向"
                   f"{review_body or '上一级行政机关'}申请行政复议（《中华人民共和国行政复议法》第二十条、第二十四条）。"),
        "suit": (f"也可以自知道或者应当知道作出行政行为之日起{SUIT_MONTHS}个月内向{court}提起行政诉讼"
                 f"（《中华人民共和国行政诉讼法》第四十六条）；对不予公开等答复，法律规定应当先申请行政复议的，"
                 "先申请行政复议（行政复议法第二十三条）。"),
        "complaint": ("认为行政机关未依法履行政府信息公开义务的，可以向上一级行政机关或者政府信息公开工作主管部门"
                      + (f"（{supervisor}）" if supervisor else "") + "投诉、举报（条例第五十一条）。"),
    }


def fees() -> dict[str, list[tuple[str, str]]]:
    return tier_table()


# -- the paper 申请表 ---------------------------------------------------------------------------------

def _boxes(field: forms.Field) -> str:
    return "　".join(f"□{label}" for value, label in field.choices if value != "")


def application_sheet(agency: Agency) -> FormSheet:
    """The 政府信息公开申请表 of `agency`: one row per field of the online form (cases.forms.ApplicationForm)."""
    form = ApplicationForm(agency=agency)
    rows, section = [], ""
    for name, field in form.fields.items():
        if name in NOT_ON_PAPER:
            continue
        section = SECTIONS.get(name, section)
        if isinstance(field, forms.BooleanField):
            rows.append(FormRow("需要帮助", f"□{field.label}", section=section))
        elif isinstance(field, forms.ChoiceField):
            rows.append(FormRow(field.label, _boxes(field), section=section, required=field.required))
        else:
            rows.append(FormRow(field.label, "", lines=LINES.get(name, 1), section=section, required=field.required))
    rows += [FormRow("申请人签名或者盖章", "", lines=2, section="其他"),
             FormRow("申请日期", "　　　　年　　月　　日", section="其他")]
    notes = [
        "填表说明：1. 带 * 的栏目为必填项；联系电话、电子邮箱、通信地址至少填写一项，选择邮寄的须填写通信地址，"
        "选择电子邮件的须填写电子邮箱。",
        "2. 一份申请表宜只申请一项政府信息；请附身份证明复印件（法人或者其他组织附统一社会信用代码证明）。",
        f"3. 递交方式：当面递交或邮寄至{agency.disclosure_office or agency.name}（{agency.address or '地址见指南'}"
        + (f"，邮政编码{agency.postcode}" if agency.postcode else "") + "）"
        + (f"，或传真至{agency.fax}" if agency.fax else "") + "；也可以在本机关网站在线申请。",
        "4. 收到申请之日依照《中华人民共和国政府信息公开条例》第三十一条确定，答复期限为收到申请之日起20个工作日。",
    ]
    return FormSheet(agency_name=agency.name, title="政府信息公开申请表", rows=rows, notes=notes)
