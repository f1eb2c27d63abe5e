"""Demo data of the 政府信息公开专栏: the 区科信局's 指南 texts and 公开制度, and two readers' error reports
(one waiting in the 待办, one handled). Idempotent."""

from __future__ import annotations

from . import services
from .models import ErrorReport, GuideText

RULES = "\n".join([
    "北京市门头沟区科学技术和信息化局政府信息公开保密审查制度",
    "北京市门头沟区科学技术和信息化局政府信息主动公开工作制度",
    "北京市门头沟区科学技术和信息化局依申请公开办理规程",
])


def load(ctx) -> None:
    kxj = ctx.agencies["mtg-kxj"]
    handler = ctx.users["kxj_handler"]
    if not GuideText.objects.filter(agency=kxj).exists():
        services.update_guide(kxj, acting_user=handler, changes={
            "foreword": "本指南于2026年1月修订，如有变化以本页为准。",
            "obtaining": "政府信息查阅场所：北京市门头沟区档案馆政府信息查阅室（工作日开放）。",
            "rules": RULES,
        })
        ctx.log("政府信息公开专栏：已写入区科信局指南的补充内容")
    if not ErrorReport.objects.filter(agency=kxj).exists():
        services.submit_error_report(kxj, {
            "page_url": f"/gk/{kxj.slug}/", "kind": "content", "description": "指南中的办公时间与电话咨询时告知的不一致。",
            "contact_name": "", "contact": "",
        })
        handled = services.submit_error_report(kxj, {
            "page_url": f"/gk/{kxj.slug}/catalog/", "kind": "typo", "description": "目录第一页有一处错别字「公开日其」。",
            "contact_name": "", "contact": "",
        })
        services.handle_error_report(handled, acting_user=handler, reply="已更正为「公开日期」。", valid=True)
        ctx.log("政府信息公开专栏：新增纠错留言 2 条（1 条待处理）")
