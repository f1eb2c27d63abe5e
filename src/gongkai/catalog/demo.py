"""Demo catalogue of 区科信局 (mtg-kxj), consistent with the seed report of 2022 (docs/law.md S3):
70 items published in 2022, of which 4 行政规范性文件 issued and still in force, none repealed,
no 规章; 行政许可 / 行政处罚 / 行政强制 decisions and 行政事业性收费 entered as 0 for 2022.
A dozen items of the two years before `ctx.today`, and a few drafts waiting for 保密审查.

Every item goes through the services (draft → 保密审查 → publish), so the audit log, revisions and
索引号 are real. Idempotent: an item whose title exists is left alone.
"""

from __future__ import annotations

import datetime as dt

from . import services
from .models import CatalogItem, FigureKind, Genre, YearlyFigure

AGENCY = "mtg-kxj"
KXJ = "北京市门头沟区科学技术和信息化局"


def _d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


def _body(*paras: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paras)


def _items_2022() -> list[dict]:
    items: list[dict] = []

    def add(title, published, category, genre=Genre.DOCUMENT, subject="科技、教育", **kw):
        kw.setdefault("body", _body(f"{title}。", "特此公告。"))
        items.append({"title": title, "published_on": published, "category": category, "genre": genre,
                      "subject": subject, **kw})

    # 财政预算、决算 and 三公经费 (条例第二十条第（七）项): 9
    fin = "财政、金融、审计"
    add(f"{KXJ}2022年部门预算", _d(2022, 2, 11), "20-7", Genre.BUDGET, fin,
        summary="包括部门收支总表、收入总表、支出总表、财政拨款收支总表及“三公”经费预算情况说明。")
    add(f"{KXJ}2022年“三公”经费预算情况说明", _d(2022, 2, 11), "20-7", Genre.BUDGET, fin)
    add(f"{KXJ}2022年部门预算绩效目标", _d(2022, 2, 14), "20-7", Genre.BUDGET, fin)
    add("北京市门头沟区科技信息中心2022年单位预算", _d(2022, 2, 14), "20-7", Genre.BUDGET, fin)
    add(f"{KXJ}2021年部门决算", _d(2022, 8, 26), "20-7", Genre.BUDGET, fin)
    add(f"{KXJ}2021年“三公”经费决算情况说明", _d(2022, 8, 26), "20-7", Genre.BUDGET, fin)
    add("北京市门头沟区科技信息中心2021年单位决算", _d(2022, 8, 29), "20-7", Genre.BUDGET, fin)
    add(f"{KXJ}2021年度行政经费支出情况", _d(2022, 8, 29), "20-7", Genre.BUDGET, fin)
    add(f"{KXJ}2021年度项目支出绩效自评报告", _d(2022, 9, 2), "20-7", Genre.BUDGET, fin)
    # 行政执法公示, “双公示”, “双随机” (第二十条第（六）项): 20 — inspection results, not 处罚决定
    law = "市场监管、安全生产监管"
    for month in range(1, 11):
        add(f"2022年{month}月行政执法检查“双随机”抽查结果公示", _d(2022, month, 25), "20-6", Genre.ENFORCEMENT, law,
            keywords="双随机 一公开 执法检查")
    for q, month in zip(("一", "二", "三", "四"), (4, 7, 10, 12), strict=True):
        add(f"2022年第{q}季度行政执法“双公示”信息", _d(2022, month, 8), "20-6", Genre.ENFORCEMENT, law,
            keywords="双公示")
    add(f"{KXJ}行政执法主体和执法人员名单", _d(2022, 3, 18), "20-6", Genre.ENFORCEMENT, law)
    add(f"{KXJ}行政执法事项清单（2022年版）", _d(2022, 3, 18), "20-6", Genre.ENFORCEMENT, law)
    add(f"{KXJ}2021年度行政执法统计年报", _d(2022, 1, 27), "20-6", Genre.ENFORCEMENT, law)
    add(f"{KXJ}行政执法流程图", _d(2022, 3, 21), "20-6", Genre.ENFORCEMENT, law)
    add(f"{KXJ}2022年度行政执法检查计划", _d(2022, 3, 25), "20-6", Genre.ENFORCEMENT, law)
    add(f"{KXJ}行政处罚裁量基准（2022年修订）", _d(2022, 6, 17), "20-6", Genre.ENFORCEMENT, law)
    # 规范性文件 (第二十条第（一）项): 4, and their 政策解读: 2 — 6 「制定政策及政策解读」
    docs = [
        ("门头沟区支持科技创新发展若干措施", "门科信发〔2022〕3号", _d(2022, 3, 28), _d(2022, 4, 6)),
        ("门头沟区科技创新券管理办法", "门科信发〔2022〕7号", _d(2022, 5, 10), _d(2022, 5, 18)),
        ("门头沟区高新技术企业培育扶持办法", "门科信发〔2022〕12号", _d(2022, 7, 4), _d(2022, 7, 12)),
        ("门头沟区促进软件和信息服务业发展实施细则", "门科信发〔2022〕16号", _d(2022, 9, 20), _d(2022, 9, 29)),
    ]
    for title, no, written, published in docs:
        add(title, published, "20-1", Genre.NORMATIVE, doc_no=no, written_on=written, effective_on=published,
            body=_body("第一条 为贯彻落实……，结合本区实际，制定本办法。", "第二条 本办法适用于……。",
                       "第三条 本办法自发布之日起施行，有效期五年。"))
    add("《门头沟区支持科技创新发展若干措施》政策解读", _d(2022, 4, 7), "20-1", Genre.INTERPRETATION,
        interprets_title=docs[0][0])
    add("图解：门头沟区科技创新券怎么申领", _d(2022, 5, 19), "20-1", Genre.INTERPRETATION, interprets_title=docs[1][0])
    # 规划 (第二十条第（三）项): 1
    add("门头沟区“十四五”时期科技创新发展规划", _d(2022, 1, 14), "20-3", Genre.PLAN)
    # 安全生产、疫情防控 (第二十条第（十二）、（十三）项): 9
    safe = "市场监管、安全生产监管"
    for month in (1, 3, 5, 7, 9, 11):
        add(f"{KXJ}{month}月安全生产检查情况", _d(2022, month, 20), "20-13", Genre.NOTICE, safe, keywords="安全生产")
    add(f"{KXJ}关于做好疫情防控期间企业复工复产工作的通知", _d(2022, 5, 6), "20-12", Genre.EMERGENCY, "卫生、体育")
    add(f"{KXJ}2022年汛期安全风险提示", _d(2022, 6, 24), "20-12", Genre.EMERGENCY, safe)
    add(f"{KXJ}生产安全事故应急预案（2022年修订）", _d(2022, 4, 15), "20-12", Genre.EMERGENCY, safe)
    # 机构职能, 工作动态, 通知公告 and others: 25
    add(f"{KXJ}机构职能", _d(2022, 1, 10), "20-2", Genre.OTHER, "综合政务")
    add(f"{KXJ}领导信息", _d(2022, 1, 10), "20-2", Genre.OTHER, "综合政务")
    add(f"{KXJ}内设机构及联系方式", _d(2022, 1, 10), "20-2", Genre.OTHER, "综合政务")
    add(f"{KXJ}2021年政府信息公开工作年度报告", _d(2022, 1, 28), "20-15", Genre.DOCUMENT, "综合政务")
    add(f"{KXJ}2022年政务公开工作要点", _d(2022, 3, 31), "20-15", Genre.DOCUMENT, "综合政务")
    add(f"{KXJ}主动公开基本目录（2022年版）", _d(2022, 4, 1), "20-15", Genre.DOCUMENT, "综合政务")
    add("关于组织申报2022年度门头沟区科技计划项目的通知", _d(2022, 3, 8), "20-11", Genre.NOTICE)
    add("关于开展2022年高新技术企业认定申报辅导的通知", _d(2022, 4, 12), "20-11", Genre.NOTICE)
    add("关于征集2022年度科技创新券服务机构的公告", _d(2022, 5, 23), "20-11", Genre.NOTICE)
    add("2022年度门头沟区科技计划立项项目公示", _d(2022, 7, 22), "20-11", Genre.NOTICE)
    add("关于拨付2022年第一批科技创新券资金的公示", _d(2022, 8, 5), "20-11", Genre.NOTICE, "财政、金融、审计")
    add("关于拨付2022年第二批科技创新券资金的公示", _d(2022, 11, 18), "20-11", Genre.NOTICE, "财政、金融、审计")
    add("门头沟区2022年全国科技活动周活动安排", _d(2022, 8, 19), "20-11", Genre.NEWS)
    add("区科信局召开2022年科技工作会议", _d(2022, 2, 22), "20-15", Genre.NEWS)
    add("区科信局赴中关村门头沟园调研企业创新工作", _d(2022, 4, 26), "20-15", Genre.NEWS)
    add("区科信局开展“科技下乡”服务活动", _d(2022, 6, 14), "21", Genre.NEWS, "农业、林业、水利")
    add("门头沟区举办人工智能应用场景对接会", _d(2022, 9, 15), "20-15", Genre.NEWS)
    add("区科信局开展网络安全宣传周活动", _d(2022, 9, 9), "21", Genre.NEWS, "公安、安全、司法")
    add("区科信局推进5G基站建设工作情况", _d(2022, 10, 21), "21", Genre.NEWS, "城乡建设、环境保护")
    add("门头沟区2022年数字经济发展情况", _d(2022, 12, 9), "20-4", Genre.STATISTICS, "国民经济管理、国有资产监管")
    add("门头沟区2022年上半年科技型企业发展统计", _d(2022, 8, 12), "20-4", Genre.STATISTICS,
        "国民经济管理、国有资产监管")
    add(f"{KXJ}2022年公开招聘事业单位工作人员公告", _d(2022, 6, 2), "20-14", Genre.PERSONNEL, "劳动、人事、监察")
    add(f"{KXJ}2022年公开招聘事业单位工作人员拟聘用人员公示", _d(2022, 9, 23), "20-14", Genre.PERSONNEL,
        "劳动、人事、监察")
    add(f"{KXJ}2022年政府采购意向公开", _d(2022, 2, 28), "20-9", Genre.PROCUREMENT, "财政、金融、审计")
    add(f"{KXJ}关于调整政府信息公开工作机构联系电话的公告", _d(2022, 11, 30), "20-2", Genre.NOTICE, "综合政务")
    return items


def _items_recent(today: dt.date) -> list[dict]:
    items = []
    for year in (today.year - 2, today.year - 1):
        for title, month, category, genre, subject in (
            (f"{KXJ}{year}年部门预算", 2, "20-7", Genre.BUDGET, "财政、金融、审计"),
            (f"{KXJ}{year - 1}年部门决算", 8, "20-7", Genre.BUDGET, "财政、金融、审计"),
            (f"关于组织申报{year}年度门头沟区科技计划项目的通知", 3, "20-11", Genre.NOTICE, "科技、教育"),
            (f"{year}年第二季度行政执法“双公示”信息", 7, "20-6", Genre.ENFORCEMENT, "市场监管、安全生产监管"),
            (f"{KXJ}{year}年政务公开工作要点", 4, "20-15", Genre.DOCUMENT, "综合政务"),
            (f"门头沟区{year}年数字经济发展情况", 12, "20-4", Genre.STATISTICS, "国民经济管理、国有资产监管"),
        ):
            published = min(_d(year, month, 15), today - dt.timedelta(days=1))
            items.append({"title": title, "published_on": published, "category": category, "genre": genre,
                          "subject": subject, "body": _body(f"{title}。")})
    return items


def _drafts(today: dt.date) -> list[dict]:
    return [
        {"title": f"关于开展{today.year}年度科技创新券申领工作的通知", "category": "20-11", "genre": Genre.NOTICE,
         "formed_on": today - dt.timedelta(days=26), "submit": True,
         "body": _body("为支持中小企业开展科技创新活动，现启动科技创新券申领工作。")},
        {"title": f"{KXJ}{today.year}年第三季度行政执法“双公示”信息", "category": "20-6", "genre": Genre.ENFORCEMENT,
         "subject": "市场监管、安全生产监管", "formed_on": today - dt.timedelta(days=10), "submit": True,
         "body": _body("本季度共开展执法检查12次，未作出行政处罚决定。")},
        {"title": "门头沟区人工智能产业发展三年行动计划（征求意见稿）", "category": "20-3", "genre": Genre.PLAN,
         "formed_on": today - dt.timedelta(days=3), "submit": False,
         "body": _body("为加快人工智能产业发展，制定本行动计划。")},
    ]


def load(ctx) -> None:
    agency = ctx.agencies[AGENCY]
    handler, reviewer = ctx.users["kxj_handler"], ctx.users["kxj_reviewer"]
    existing = set(CatalogItem.objects.filter(agency=agency).values_list("title", flat=True))
    created = 0
    published = _items_2022() + _items_recent(ctx.today)
    by_title: dict[str, CatalogItem] = {i.title: i for i in CatalogItem.objects.filter(agency=agency)}
    for spec in sorted(published, key=lambda s: s["published_on"]):
        spec = dict(spec)
        if spec["title"] in existing:
            continue
        day = spec.pop("published_on")
        target = spec.pop("interprets_title", None)
        if target:
            spec["interprets"] = [by_title[target].pk]
        spec.setdefault("formed_on", spec.get("written_on") or day - dt.timedelta(days=3))
        item = services.create_draft(agency, spec, acting_user=handler)
        services.submit_for_review(item, acting_user=handler)
        services.approve_review(item, "经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私。", acting_user=reviewer)
        services.publish_item(item, acting_user=handler, published_on=day)
        by_title[item.title] = item
        created += 1
    for spec in _drafts(ctx.today):
        spec = dict(spec)
        submit = spec.pop("submit")
        if spec["title"] in existing:
            continue
        item = services.create_draft(agency, spec, acting_user=handler)
        if submit:
            services.submit_for_review(item, acting_user=handler)
        created += 1
    # 2022 table 二 figures as the seed report gives them (entered, so that the 20 「双公示」 inspection
    # notices are not mistaken for 处罚决定).
    for kind in FigureKind:
        if not YearlyFigure.objects.filter(agency=agency, year=2022, kind=kind).exists():
            services.set_yearly_figure(agency, 2022, kind, 0, "据执法、财务部门统计（演示数据）", acting_user=handler)
    n2022 = CatalogItem.objects.filter(agency=agency, published_on__year=2022, status="published").count()
    ctx.log(f"主动公开目录：新增 {created} 条；区科信局2022年已发布 {n2022} 条")
