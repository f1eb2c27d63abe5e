"""Demo cases for 区科信局 and 区教委 in the states a disclosure office sees every day.

Idempotent: a case whose (agency, 所需信息名称) already exists is skipped. Every case is made through
the services, so the timeline, the audit log, the clock and the documents are real. Fictional people;
identity numbers carry valid check digits.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.core import codes
from gongkai.core.vocabulary import ConsultationKind, Outcome

from .actions.closing import archive_case, withdraw_application
from .actions.consultation import send_consultation
from .actions.correction import request_correction
from .actions.extension import approve_extension, request_extension
from .actions.intake import assign_handler, register_application, submit_online_application
from .actions.reply import approve_reply, draft_reply
from .models import Application

DEMO_NOTE = "演示数据"


def _id_card(birth: str, seq: str) -> str:
    first17 = "110109" + birth + seq
    return first17 + codes.id_card_check_char(first17)


def _uscc(body8: str) -> str:
    org = body8 + codes.org_code_check_char(body8)
    first17 = "91110109" + org
    return first17 + codes.uscc_check_char(first17)


def _person(name, birth, seq, phone, email="", **kw) -> dict:
    return {
        "applicant_kind": "natural_person", "applicant_name": name, "id_type": "id_card", "id_number": _id_card(birth, seq),
        "phone": phone, "email": email, "address": "北京市门头沟区大峪街道新桥南大街5号", "postcode": "102300",
        "provide_form": "paper", "delivery": "post", **kw,
    }


def _org(kind, name, body8, contact, phone, email="", **kw) -> dict:
    return {
        "applicant_kind": kind, "applicant_name": name, "id_type": "uscc", "id_number": _uscc(body8),
        "contact_person": contact, "phone": phone, "email": email, "address": "北京市门头沟区石龙经济开发区永安路20号",
        "postcode": "102308", "provide_form": "email", "delivery": "email", **kw,
    }


def load(ctx) -> None:
    real_today = timezone.localdate()
    today = min(ctx.today, real_today)

    def day(offset: int) -> dt.date:
        return today - dt.timedelta(days=offset)

    kxj, jw = ctx.agencies.get("mtg-kxj"), ctx.agencies.get("mtg-jw")
    users = ctx.users
    handler, reviewer, head = users.get("kxj_handler"), users.get("kxj_reviewer"), users.get("kxj_head")
    jw_handler = users.get("jw_handler")
    if not (kxj and jw and handler and reviewer and head and jw_handler):
        ctx.log("依申请公开演示数据：缺少演示机关或用户，已跳过。")
        return

    made = 0

    def new(agency, actor, data, title, *, channel="in_person", on, confirmed_on=None, signed_on=None, **request):
        nonlocal made
        if Application.objects.filter(agency=agency, info_title=title).exists():
            ctx.log(f"演示申请已存在：{title}")
            return None
        fields = {**data, "info_title": title, **request}
        sub = register_application(agency, fields, acting_user=actor, channel=channel, submitted_on=on,
                                            confirmed_on=confirmed_on, signed_on=signed_on, note=DEMO_NOTE)
        made += 1
        ctx.log(f"已创建演示申请：{agency.display_name} {sub.case.number} {title}")
        return sub.case

    # 1. Answered and archived: 予以公开.
    c = new(kxj, handler, _person("张伟", "19850312", "101", "13911112222", "zhangwei@example.com"),
            "2025年度区级科技计划项目立项清单", on=day(40), info_description="含项目名称、承担单位和资助金额。")
    if c:
        assign_handler(c, handler, acting_user=handler)
        draft_reply(c, acting_user=handler, outcome=Outcome.DISCLOSE, body="现随本答复书向您提供《2025年度区级科技计划项目立项清单》一份。")
        approve_reply(c, acting_user=reviewer, on=day(30))
        archive_case(c, acting_user=handler)

    # 2. A web application waiting for confirmation (第三十一条(三)).
    if not Application.objects.filter(agency=kxj, info_title="区科信局2026年部门预算执行情况").exists():
        submit_online_application(
            kxj, {**_org("commercial", "北京永定河科技有限公司", "55667788", "孙丽", "13700001111", "sunli@example.com"),
                  "info_title": "区科信局2026年部门预算执行情况", "info_doc_number": ""},
        )
        made += 1
        ctx.log("已创建演示申请：网上申请（待确认）")

    # 3. 补正: the applicant was told once what to add (第三十条).
    c = new(kxj, handler, _person("李娜", "19920705", "202", "13822223333", "lina@example.com"),
            "关于科技企业的那个文件", channel="email", on=day(9), confirmed_on=day(8))
    if c:
        assign_handler(c, handler, acting_user=handler)
        request_correction(c, acting_user=handler, items=["请写明文件的名称或文号", "请写明文件的大致发布时间"],
                                    deadline=day(8) + dt.timedelta(days=21), on=day(6))

    # 4. 第三方征求意见 running: the clock is paused (第三十二条, 第三十三条第三款).
    c = new(kxj, handler, _org("legal_service", "北京京西律师事务所", "66778899", "周律师", "13633334444"),
            "某科技企业高新技术企业认定申报材料", channel="post_signed", on=day(12), signed_on=day(11))
    if c:
        assign_handler(c, handler, acting_user=handler)
        send_consultation(c, acting_user=handler, kind=ConsultationKind.THIRD_PARTY, party_name="北京西山智能装备有限公司",
                                   party_contact="北京市门头沟区石龙经济开发区", matter="该公司认定申报材料中的财务报表和知识产权清单",
                                   channel="email", on=day(7))

    # 5. Extension approved by the head (第三十三条第二款).
    c = new(kxj, handler, _person("王磊", "19780921", "303", "13544445555"), "2024年至2025年区科技专项资金使用情况",
            on=day(27))
    if c:
        assign_handler(c, handler, acting_user=handler)
        request_extension(c, acting_user=handler, days=15, reason="涉及多个年度和科室的资金档案，需要逐项检索核对")
        approve_extension(c, acting_user=head, on=day(1))

    # 6. Overdue: nobody answered in time.
    c = new(kxj, handler, _person("刘洋", "19900118", "404", "13455556666", "liuyang@example.com"),
            "区科信局公务用车购置审批文件", on=day(45))
    if c:
        assign_handler(c, handler, acting_user=handler)

    # 6b. Due within a few working days (即将到期).
    c = new(kxj, handler, _person("孙涛", "19830607", "707", "13012345678", "suntao@example.com"),
            "2026年区科技创新券发放名单", on=day(25))
    if c:
        assign_handler(c, handler, acting_user=handler)

    # 7. A refusal drafted and waiting for the reviewer (复议前置 wording in the reply).
    c = new(kxj, handler, _org("research", "北京门头沟产业研究院", "77889900", "吴研究员", "13366667777", "wu@example.com"),
            "区政府关于科技园区规划调整的内部讨论记录", on=day(14))
    if c:
        assign_handler(c, handler, acting_user=handler)
        draft_reply(c, acting_user=handler, outcome=Outcome.DENY_PROCESS_INFO,
                             body="您申请的是规划调整过程中形成的讨论记录，属于过程性信息；规划调整的结果已在区政府网站主动公开。")

    # 8. Withdrawn by the applicant (table 三 (六)3).
    c = new(kxj, handler, _person("赵敏", "19951103", "505", "13277778888"), "科技型中小企业名单", on=day(20))
    if c:
        withdraw_application(c, acting_user=handler, on=day(18), note="申请人来电表示已在网站上找到所需信息。")

    # 9–10. 区教委: a fresh case and one waiting for a handler.
    c = new(jw, jw_handler, _person("陈静", "19880214", "606", "13188889999", "chenjing@example.com"),
            "2026年区义务教育阶段学校招生计划", on=day(3), provide_form="email", delivery="email")
    if c:
        assign_handler(c, jw_handler, acting_user=jw_handler)
    new(jw, jw_handler, _org("public_welfare", "门头沟区助学公益基金会", "88990011", "钱女士", "13099990000"),
        "2025年区教育经费投入统计情况", channel="oral", on=day(2))

    ctx.log(f"依申请公开演示数据：新建{made}件。")
