"""Demo agencies and staff: 北京市门头沟区人民政府, its office and departments (see ARCHITECTURE.md
「Demo data」). Fictional contact facts; codes carry valid check digits (gongkai.core.codes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from gongkai.core import codes

from . import services
from .models import Agency, AgencyKind, Role, User

DEMO_LABEL = "系统（演示数据）"
REGION = "110109"  # 行政区划代码: 北京市门头沟区
OFFICE_HOURS = "周一至周五 上午9:00—12:00，下午13:30—17:00（法定节假日除外）"


@dataclass
class DemoContext:
    """What `gongkai.<app>.demo.load(ctx)` receives."""

    today: dt.date
    log: Callable[[str], None]
    agencies: dict[str, Agency] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    #: passwords of users created in this run (printed once, at the end)
    new_passwords: dict[str, str] = field(default_factory=dict)


def demo_uscc(org_body: str) -> str:
    """A 统一社会信用代码 for a 机关 (登记管理部门 1, 机构类别 1) in 门头沟区 with valid check digits."""
    org = org_body + codes.org_code_check_char(org_body)
    first17 = "11" + REGION + org
    return first17 + codes.uscc_check_char(first17)


# slug, parent slug, kind, full name, short name, 政府信息公开工作机构, org code body, doc prefix, mail box
AGENCIES = (
    ("mtg", None, AgencyKind.GOVERNMENT, "北京市门头沟区人民政府", "门头沟区政府",
     "北京市门头沟区人民政府办公室", "00001801", "门政公开", "zfxxgk"),
    ("mtg-office", "mtg", AgencyKind.OFFICE, "北京市门头沟区人民政府办公室", "区政府办",
     "北京市门头沟区人民政府办公室政务公开科", "00001802", "门政办公开", "zwgk"),
    ("mtg-kxj", "mtg", AgencyKind.DEPARTMENT, "北京市门头沟区科学技术和信息化局", "区科信局",
     "北京市门头沟区科学技术和信息化局办公室", "00001803", "门科信公开", "kxj-gk"),
    ("mtg-jw", "mtg", AgencyKind.DEPARTMENT, "北京市门头沟区教育委员会", "区教委",
     "北京市门头沟区教育委员会办公室", "00001804", "门教公开", "jw-gk"),
    ("mtg-czj", "mtg", AgencyKind.DEPARTMENT, "北京市门头沟区财政局", "区财政局",
     "北京市门头沟区财政局办公室", "00001805", "门财公开", "czj-gk"),
    ("mtg-sthjj", "mtg", AgencyKind.DEPARTMENT, "北京市门头沟区生态环境局", "区生态环境局",
     "北京市门头沟区生态环境局办公室", "00001806", "门环公开", "sthjj-gk"),
)

# 救济途径 of the 指南 (第十二条, 行政复议法第二十四条, 行政诉讼法第十四条、第十五条): demo values, fictional
# as the rest; a real deployment checks its court's 集中管辖 arrangement. Departments' 复议机关 is the
# 本级人民政府 (Agency.default_review_body), the government's the 上一级人民政府.
REMEDY_FACTS = {
    "mtg": ("北京市人民政府", "北京市第一中级人民法院"),
    "mtg-office": ("", "北京市门头沟区人民法院"),
    "mtg-kxj": ("", "北京市门头沟区人民法院"),
    "mtg-jw": ("", "北京市门头沟区人民法院"),
    "mtg-czj": ("", "北京市门头沟区人民法院"),
    "mtg-sthjj": ("", "北京市门头沟区人民法院"),
}

# username, agency slug, roles, full name
USERS = (
    ("kxj_handler", "mtg-kxj", (Role.HANDLER,), "李明"),
    ("kxj_reviewer", "mtg-kxj", (Role.REVIEWER,), "王芳"),
    ("kxj_head", "mtg-kxj", (Role.HEAD,), "刘强"),
    ("jw_handler", "mtg-jw", (Role.HANDLER,), "陈静"),
    ("supervisor", "mtg-office", (Role.SUPERVISOR,), "赵磊"),
    ("admin", "mtg-office", (Role.ADMIN,), "周敏"),
)


def load(ctx: DemoContext, *, password: str | None = None) -> None:
    """Create the demo agencies and users that are missing (existing ones are left as they are)."""
    for number, (slug, parent, kind, name, short, office, org_body, prefix, mailbox) in enumerate(AGENCIES, 1):
        agency = Agency.objects.filter(slug=slug).first()
        if agency is None:
            agency = services.create_agency(
                acting_user=None, actor_label=DEMO_LABEL,
                slug=slug, parent=ctx.agencies[parent] if parent else None, kind=kind, name=name,
                short_name=short, uscc=demo_uscc(org_body), disclosure_office=office,
                address=f"北京市门头沟区新桥大街{10 + number}号", postcode="102300",
                office_hours=OFFICE_HOURS, phone=f"010-6985{1000 + number:04d}",
                fax=f"010-6985{2000 + number:04d}", email=f"{mailbox}@bjmtg.example",
                website=f"https://www.bjmtg.example/{slug}/", doc_prefix=prefix,
            )
            ctx.log(f"已创建机关：{agency.name}")
        else:
            ctx.log(f"机关已存在：{agency.name}")
        review_body, court = REMEDY_FACTS.get(slug, ("", ""))
        if not agency.court and court:  # demo databases made before the 指南 named the court
            Agency.objects.filter(pk=agency.pk).update(court=court, review_body=agency.review_body or review_body)
            agency.refresh_from_db()
        ctx.agencies[slug] = agency

    for username, slug, roles, full_name in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user, pw = services.create_staff_user(
                acting_user=None, actor_label=DEMO_LABEL, username=username, agency=ctx.agencies[slug], roles=roles,
                full_name=full_name, email=f"{username}@bjmtg.example", password=password,
            )
            ctx.new_passwords[username] = pw
            ctx.log(f"已创建用户：{username}")
        else:
            ctx.log(f"用户已存在：{username}（密码未改动）")
        ctx.users[username] = user
