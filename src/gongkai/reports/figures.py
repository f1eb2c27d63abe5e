"""Compute an agency's report tables from the system's own data, as of 31 December (issue 7).

- 表二 from the catalog (`catalog.reporting.table2_for`),
- 表三 and the section 六 fee facts from the cases (`cases.reporting.table3_for`, `fee_facts_for`),
- 表四 from the 复议/诉讼 records (`remedies.reporting.table4_for`),

all through the contracts of docs/ARCHITECTURE.md. The result is a `core.report.schema.Report` in the
2021 format (国办公开办函〔2021〕30号), every cell marked with where it came from. Also the drafts of
the narrative sections, quoting the computed figures so that text and tables agree (docs/law.md §2.10 X1–X3).
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.cases.reporting import fee_facts_for, table3_for
from gongkai.catalog.reporting import published_count, table2_for
from gongkai.core.report.schema import FORMAT_2021, Cell, Fact, Fees, Report
from gongkai.core.vocabulary import SECTIONS, TABLE2_2021, TABLE3_COLUMNS, RemedyKind
from gongkai.remedies.reporting import table4_for

SOURCE_CATALOG = "系统：主动公开目录"
SOURCE_CASES = "系统：依申请公开案件"
SOURCE_REMEDIES = "系统：复议诉讼记录"
SOURCE_FEES = "系统：收费通知"

ISSUED, REPEALED, IN_FORCE = TABLE2_2021[0].columns


def build_report(agency, year: int) -> Report:
    """The tables of `agency`'s report for `year` from the figure sources (no database writes)."""
    report = Report.blank(FORMAT_2021, year=year, agency=agency.name, title=report_title(agency, year))
    for row, columns in table2_for(agency, year).items():
        for column, value in columns.items():
            report.table2.setdefault(row, {})[column] = Cell(value, source=SOURCE_CATALOG)
    for key, values in table3_for(agency, year).items():
        report.table3[key] = [Cell(int(v), source=SOURCE_CASES) for v in values]
    for kind, values in table4_for(agency, year).items():
        report.table4[kind] = [Cell(int(v), source=SOURCE_REMEDIES) for v in values]
    notices, noticed, collected = fee_facts_for(agency, year)
    report.fees = Fees(
        Cell(int(notices), source=SOURCE_FEES), Cell(_yuan(noticed), source=SOURCE_FEES),
        Cell(_yuan(collected), source=SOURCE_FEES),
    )
    report.source = {"kind": "system", "agency_id": agency.pk}
    return report


def _yuan(value) -> int | Decimal:
    value = Decimal(str(value or 0))
    return int(value) if value == value.to_integral_value() else value


def report_title(agency, year: int) -> str:
    # docs/law.md §2.2: titles follow 「{机关全称}{YYYY}年政府信息公开工作年度报告」 (practice; Q2)
    return f"{agency.name}{year}年政府信息公开工作年度报告"


def published_items(agency, year: int) -> int | None:
    """「本年主动公开政府信息数」 for section 一, when the catalog offers it."""
    return published_count(agency, year)


# ---------------------------------------------------------------------------------------------
# Figures quoted by the narrative (X1–X3) and the drafts of sections 一 and 六
# ---------------------------------------------------------------------------------------------


def _t3(report: Report, row: str) -> int:
    return int(report.t3(row, TABLE3_COLUMNS.index("total")).number)


def _t4(report: Report, kind: str) -> int:
    return int(report.t4(kind, -1).number)


def _num(value) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def headline(report: Report, items: int | None = None) -> dict[str, int | Decimal | None]:
    t2 = report.table2
    return {
        "items_published": items,
        "regulations_issued": t2.get("规章", {}).get(ISSUED, Cell(0)).number,
        "normative_issued": t2.get("行政规范性文件", {}).get(ISSUED, Cell(0)).number,
        "normative_in_force": t2.get("行政规范性文件", {}).get(IN_FORCE, Cell(0)).number,
        "new_received": _t3(report, "R1"),
        "carried_in": _t3(report, "R2"),
        "answered": _t3(report, "R3g"),
        "carried_over": _t3(report, "R4"),
        "reviews": _t4(report, RemedyKind.REVIEW),
        "suits": _t4(report, RemedyKind.DIRECT_SUIT) + _t4(report, RemedyKind.SUIT_AFTER_REVIEW),
        "fee_notices": int(report.fees.notices.number),
        "fee_noticed": report.fees.noticed_total_yuan.number,
        "fee_collected": report.fees.collected_yuan.number,
    }


def draft_section1(agency, report: Report, items: int | None = None) -> str:
    """A starting text for 「一、总体情况」 that quotes the computed figures (staff rewrite the rest)."""
    h = headline(report, items)
    year = report.year
    name = agency.short_name or agency.name
    lines = [
        f"{year}年，{name}认真贯彻落实《中华人民共和国政府信息公开条例》，现将本年度政府信息公开工作情况报告如下。",
    ]
    proactive = f"（一）主动公开。{year}年"
    if h["items_published"] is not None:
        proactive += f"主动公开政府信息{h['items_published']}条，"
    proactive += (
        f"制发规章{_num(h['regulations_issued'])}件、行政规范性文件{_num(h['normative_issued'])}件，"
        f"现行有效行政规范性文件{_num(h['normative_in_force'])}件。"
    )
    lines.append(proactive)
    # Worded so the parser's narrative extractor reads each number as what it is (X1).
    lines.append(
        f"（二）依申请公开。{year}年本年新收政府信息公开申请{h['new_received']}件，"
        f"上年结转政府信息公开申请{h['carried_in']}件；办结政府信息公开申请{h['answered']}件，"
        f"结转下年度继续办理{h['carried_over']}件。"
    )
    if h["reviews"] or h["suits"]:
        lines.append(
            f"（三）复议诉讼。{year}年因政府信息公开工作被申请行政复议{h['reviews']}件，"
            f"被提起行政诉讼{h['suits']}件。"
        )
    else:
        lines.append(f"（三）复议诉讼。{year}年本机关没有发生与政府信息公开有关的行政复议案件、行政诉讼案件。")
    lines.append("（四）政府信息管理、平台建设、监督保障：（请填写）")
    return "\n".join(lines)


def draft_section6(report: Report) -> str:
    """「六、其他需要报告的事项」: the fee facts in the wording of practice (docs/law.md §2.7)."""
    h = headline(report)
    return (
        f"根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），{report.year}年度本机关收取信息处理费情况为："
        f"发出收费通知的件数为{h['fee_notices']}件，总金额为{_num(h['fee_noticed'])}元，"
        f"实际收取的总金额为{_num(h['fee_collected'])}元。"
    )


def with_sections(report: Report, section1: str, section5: str, section6: str) -> Report:
    """Attach the narrative sections (and the numbers they quote) to a report for validating/rendering.

    Sections 二–四 are the tables; their headings are kept so the document has all six 板块 (W4).
    """
    report.sections = {
        SECTIONS[0]: section1 or "",
        SECTIONS[1]: "",
        SECTIONS[2]: "",
        SECTIONS[3]: "",
        SECTIONS[4]: section5 or "",
        SECTIONS[5]: section6 or "",
    }
    report.facts = extract_facts(section1 or "")
    return report


def extract_facts(section1: str) -> dict[str, Fact]:
    """Numbers quoted in 「一、总体情况」, read by the parser's own extractor, so that the X1–X3 checks
    treat a system-generated report exactly like a published one."""
    from gongkai.core.report.parse.narrative import find_facts

    return dict(find_facts(section1, "一、总体情况"))
