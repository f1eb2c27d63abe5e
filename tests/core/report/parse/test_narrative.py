"""Title (year, agency), section 六 fee facts and the numbers quoted in section 一."""

from __future__ import annotations

import pytest

from gongkai.core.report.parse import parse_text
from gongkai.core.report.parse.narrative import find_fees, find_title, qualify_agency


@pytest.mark.parametrize(
    ("lines", "year", "agency"),
    [
        (
            ["北京市门头沟区科学技术和信息化局2022年政府信息公开工作年度报告"],
            2022,
            "北京市门头沟区科学技术和信息化局",
        ),
        (["2019年上海市人民政府办公厅政府信息公开工作年度报告"], 2019, "上海市人民政府办公厅"),
        (["            淮安市人民政府", "     2024 年政府信息公开工作年度报告"], 2024, "淮安市人民政府"),
        (["# 某县人民政府 2025 年 政府信息公开工作年度报告"], 2025, "某县人民政府"),
        (["标题: 平潭综合实验区2021年度政府信息公开工作年度报告"], 2021, "平潭综合实验区"),
        (["盐边县新九镇人民政府", "关于2021年度政府信息公开工作的年度报告"], 2021, "盐边县新九镇人民政府"),
    ],
)
def test_title_variants(lines, year, agency):
    _title, y, a = find_title(["当前位置：首页 > 政务公开", *lines, "一、总体情况"])
    assert (y, a) == (year, agency)


def test_agency_is_qualified_only_from_the_text_itself():
    text = "本报告由淮安市洪泽区人民政府办公室根据条例编制。如有疑问请与淮安市洪泽区人民政府办公室联系。"
    assert qualify_agency("洪泽区人民政府", text) == "淮安市洪泽区人民政府"
    assert qualify_agency("洪泽区人民政府", "本报告由区政府办公室编制。") == "洪泽区人民政府"
    assert qualify_agency("淮安市人民政府", "本报告由淮安市人民政府办公室编制。") == "淮安市人民政府"
    # a bare region as title is the consolidated report of the whole region
    assert qualify_agency("平潭综合实验区", "") == "平潭综合实验区（全区汇总）"
    assert qualify_agency("上海市", "") == "上海市（全市汇总）"


@pytest.mark.parametrize(
    ("text", "notices", "noticed", "collected"),
    [
        ("发出收费通知的件数为0件，总金额为0元，实际收取的总金额为0元。", 0, 0, 0),
        ("2024年，全年收取政府信息公开信息处理费 3940 元。", None, None, 3940),
        ("2025年有1件政府信息公开申请案件收取信息处理费380元。", None, None, 380),
        ("2025年全市实际收取信息处理费共计400元。", None, None, 400),
        ("2021年，无收取信息处理费情况。", None, None, 0),
        ("发出收费通知3件，总金额为0.12万元，实际收取的总金额为600元。", 3, 1200, 600),
        ("无。", None, None, None),
    ],
)
def test_fee_facts(text, notices, noticed, collected):
    fees = find_fees(text, text, "六")
    got = tuple(
        c.value if c.found else None for c in (fees.notices, fees.noticed_total_yuan, fees.collected_yuan)
    )
    assert got == (notices, noticed, collected)


def test_section_one_numbers_become_facts():
    text = (
        "测试市人民政府2024年政府信息公开工作年度报告\n一、总体情况\n"
        "2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复）。"
        "政府信息公开行政复议 351 件，政府信息公开行政诉讼 46 件。全年主动公开各类政府信息 5500 余条，公开规章 1 件。\n"
        "二、主动公开政府信息情况\n六、其他需要报告的事项\n无。\n"
    )
    r = parse_text(text)
    facts = {k: f.value for k, f in r.facts.items()}
    assert facts == {
        "new_received": 3119,
        "handled": 3050,
        "carried_over": 34,
        "carried_forward": 103,
        "review_cases": 351,
        "litigation_cases": 46,
        "published_items": 5500,
        "regulations": 1,
    }
    assert r.facts["new_received"].source == "一、总体情况" and "3119" in r.facts["new_received"].quote
    assert list(r.sections) == ["一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项"]


def test_agency_keeps_full_width_brackets():
    _t, year, agency = find_title(["平潭综合实验区（全区汇总）2021年政府信息公开工作年度报告"])
    assert (year, agency) == (2021, "平潭综合实验区（全区汇总）")
    assert qualify_agency(agency, "") == "平潭综合实验区（全区汇总）"


def test_narrative_claims_for_the_x_rules():
    text = (
        "上海市人民政府办公厅2019年政府信息公开工作年度报告\n本年度报告中所列数据统计期限从2019年1月1日到12月31日止。\n"
        "一、总体情况\n予以公开及部分公开258件，占33.9%。信息公开类行政复议7件，诉讼9件，均获维持。\n二、主动公开政府信息情况\n"
    )
    r = parse_text(text)
    assert r.facts["disclosed_or_partial"].value == 258
    assert r.facts["all_upheld"].value == 1 and "均获维持" in r.facts["all_upheld"].quote
    assert r.facts["data_year"].value == 2019
    assert (r.facts["review_cases"].value, r.facts["litigation_cases"].value) == (7, 9)
