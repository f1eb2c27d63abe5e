"""Demo 复议/诉讼 records for 区科信局 in the current year (none in 2022: the seed report has none)."""

from __future__ import annotations

import datetime as dt

from gongkai.core.vocabulary import RemedyKind, RemedyResult

from . import services
from .models import Remedy

DEMO_CASES = (
    # case number, kind, days before today filed, result, days after filing decided, body
    ("门政复字〔{y}〕3号", RemedyKind.REVIEW, 75, RemedyResult.UPHELD, 50, "北京市门头沟区人民政府"),
    ("门政复字〔{y}〕8号", RemedyKind.REVIEW, 20, RemedyResult.PENDING, None, "北京市门头沟区人民政府"),
)


def load(ctx) -> None:
    agency = ctx.agencies["mtg-kxj"]
    actor = ctx.users.get("kxj_handler")
    for number, kind, before, result, after, body in DEMO_CASES:
        filed = ctx.today - dt.timedelta(days=before)
        if filed.year != ctx.today.year:
            filed = dt.date(ctx.today.year, 1, 2)
        case_number = number.format(y=filed.year)
        if Remedy.objects.filter(agency=agency, case_number=case_number).exists():
            ctx.log(f"复议诉讼：{case_number} 已存在")
            continue
        decided = filed + dt.timedelta(days=after) if after else None
        if decided and decided > ctx.today:
            result, decided = RemedyResult.PENDING, None
        services.record_remedy(
            agency, acting_user=actor, kind=kind, applicant_name="演示申请人", filed_on=filed,
            act_known_on=filed - dt.timedelta(days=10), accepted_on=filed + dt.timedelta(days=3), body=body,
            case_number=case_number, result=result, decided_on=decided, notes="演示数据",
        )
        ctx.log(f"复议诉讼：已登记 {case_number}")
