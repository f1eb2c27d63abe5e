"""Demo annual reports: 区科信局's 2022 report computed from the demo data and published (the seed
report's year), and a draft for the current year. Idempotent: existing reports are left alone."""

from __future__ import annotations

from . import services
from .models import AnnualReport, ReportStatus

SECTION5 = (
    "一是政策解读形式还不够丰富；二是依申请公开办理的规范化水平有待提升。"
    "下一步，我局将加强政策解读产品制作，完善依申请公开工作流程。"
)
SECTION1_TAIL = (
    "（四）政府信息管理。严格落实公开前保密审查机制，及时清理和更新各类信息。\n"
    "（五）平台建设与监督保障。依托区政府网站集约化平台，规范局政府网专栏建设，加强日常监督检查。"
)


def _finish_text(obj) -> str:
    return obj.section1.replace("（四）政府信息管理、平台建设、监督保障：（请填写）", SECTION1_TAIL)


def load(ctx) -> None:
    agency = ctx.agencies["mtg-kxj"]
    staff = ctx.users.get("kxj_head")
    supervisor = ctx.users.get("supervisor")
    published = AnnualReport.objects.filter(agency=agency, year=2022).first()
    if published is None:
        obj = services.compute_report(agency, 2022, acting_user=staff)
        obj = services.save_report_text(obj, acting_user=staff, section1=_finish_text(obj), section5=SECTION5, section6=obj.section6)
        if obj.error_count:
            ctx.log(f"年度报告：2022年度报告有{obj.error_count}处校验错误，保留为草稿")
        else:
            obj = services.submit_report(obj, acting_user=staff)
            obj = services.approve_report(obj, acting_user=supervisor)
            services.publish_report(obj, acting_user=supervisor)
            ctx.log("年度报告：已生成并公开区科信局2022年度报告")
    else:
        ctx.log(f"年度报告：区科信局2022年度报告已存在（{published.get_status_display()}）")
    year = ctx.today.year
    current = AnnualReport.objects.filter(agency=agency, year=year).first()
    if current is None:
        services.compute_report(agency, year, acting_user=staff)
        ctx.log(f"年度报告：已生成区科信局{year}年度报告草稿")
    elif current.status == ReportStatus.DRAFT:
        ctx.log(f"年度报告：区科信局{year}年度报告草稿已存在")
