"""Each text flattening seen on real sites, on small synthetic inputs (not only the samples)."""

from __future__ import annotations

import random

import pytest

from gongkai.core.report.parse import ParseError, parse_text
from gongkai.core.vocabulary import RemedyKind

from .rp_builders import STYLES, layout, random_values


def _check(report, values):
    for key, row in values["t3"].items():
        assert [c.value for c in report.table3[key]] == row, key
    for row, cols in values["t2"].items():
        for col, v in cols.items():
            assert report.table2[row][col].value == v, (row, col)
    for kind in RemedyKind:
        assert [c.value for c in report.table4[kind.value]] == values["t4"][kind.value]
    assert not report.missing


@pytest.mark.parametrize("style", STYLES)
def test_it_reads_every_flattening(style):
    rng = random.Random(style)
    values = random_values(rng, big=True)
    report = parse_text(layout(values, style))
    _check(report, values)
    assert (report.year, report.agency, report.format_version) == (2023, "北京市门头沟区测试局", "2021")
    assert (
        report.fees.notices.value,
        report.fees.noticed_total_yuan.value,
        report.fees.collected_yuan.value,
    ) == (2, 300, 200)


def test_markdown_one_table_per_group_with_bogus_headers():
    text = """# 某某县人民政府2024年政府信息公开工作年度报告
## 三、收到和处理政府信息公开申请情况
### 一、本年新收政府信息公开申请数量
| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |
|---|---|---|---|---|---|---|---|
| 本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |

| 项目 | 本年新收件数 | 上年结转件数 | 予以公开 | 部分公开 | 不予公开 | 结转下年度 | 总计 |
|---|---|---|---|---|---|---|---|
| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
### 行政复议
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
|---|---|---|---|---|
| 1 | 0 | 0 | 0 | 1 |
"""
    r = parse_text(text)
    assert [c.value for c in r.table3["R1"]] == [5, 1, 0, 0, 0, 0, 6]
    assert [c.value for c in r.table3["R2"]] == [1, 0, 0, 0, 0, 0, 1]
    assert r.agency == "某某县人民政府"


def test_dropped_blank_cells_are_reported_not_placed():
    text = "一、总体情况\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 |\n7 |\n7 |\n||||||\n"
    r = parse_text(text)
    assert not any(c.found for c in r.table3["R1"])
    assert any("只找到2个数值（7、7）" in m for m in r.missing)


def test_trailing_white_space_cells_in_a_row_are_blank():
    r = parse_text(
        "一、总体情况\n二、主动公开政府信息情况\n| 一、本年新收政府信息公开申请数量 | 5 | | | | | | |\n"
    )
    assert [c.value for c in r.table3["R1"]] == [5, None, None, None, None, None, None]


def test_traditional_characters_nbsp_and_typos():
    text = (
        "一、總體情況\n二、主動公開政府信息情況\n第二十條\u00a0第(一)項 |\n信息內容 | 本年制發件數 | 本年廢止件數 | 現行有效件數 |\n"
        "規章 | 1 | 0 | 2 |\n行政規範性文件 | 3 | 1 | 9 |\n"
        "三、收到和處理政府信息公開申請情況\n"
        "一、本年新收政府信息公開\u00a0申請數量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
        "2.其他法律行政止公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"  # the typo seen in a real report
        '3.危及"三安全一稳定" | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n'  # straight quotes
        "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n"
    )
    r = parse_text(text)
    assert [c.value for c in r.table2["行政规范性文件"].values()] == [3, 1, 9]
    assert [c.value for c in r.table3["R1"]] == [2, 0, 0, 0, 0, 0, 2]
    assert r.table3["R3c2"][0].value == 1 and r.table3["R3c2"][0].confidence < 1
    assert [c.value for c in r.table3["R3c3"]] == [0] * 7
    assert r.table3["R3f1"][6].value == 4


def test_page_numbers_and_multi_line_labels_inside_a_layout_table():
    text = """测试市人民政府
     2024 年政府信息公开工作年度报告
   一、总体情况
   三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
一、本年新收政府信息公开申请数量         3    0    0    0     0     0    3
      （二）部分公开（区分处理的，只计这一情
                                447         7        0        0        0    0   454
      形，不计其他情形）

                                          -4-
             1.属于国家秘密            2          0        0        0        0    0    2
"""
    r = parse_text(text)
    assert (r.year, r.agency) == (2024, "测试市人民政府")
    assert [c.value for c in r.table3["R3b"]] == [447, 7, 0, 0, 0, 0, 454]
    assert [c.value for c in r.table3["R3c1"]] == [2, 0, 0, 0, 0, 0, 2]
    assert r.table3["R3c1"][0].source == "第12行"


def test_truncated_document_lists_exactly_what_is_missing():
    text = "一、总体情况\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | 3 | 0 | 0 |"
    r = parse_text(text)
    assert [c.value if c.found else None for c in r.table3["R1"]] == [3, 0, 0, None, None, None, None]
    assert "表三 一、本年新收政府信息公开申请数量：文档在此处截断，第4列（社会公益组织）缺失" in r.missing
    assert "表三 二、上年结转政府信息公开申请数量：未找到该行，全部7列缺失" in r.missing
    assert r.missing[0].startswith("文档不完整：在表三中途结束")


@pytest.mark.parametrize(
    "text",
    [
        "今天天气很好，我们去公园散步。",
        "1 2 3 4 5 6 7 8 9",
        "| a | b |\n| 1 | 2 |\n" * 4,
        "\x00\x01\x02",
        "   \n\t ",
    ],
)
def test_non_report_text_gets_a_chinese_parse_error(text):
    with pytest.raises(ParseError) as info:
        parse_text(text)
    assert not info.value.internal
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(info.value))


def test_pre_2019_tables_are_refused():
    text = "2010年政府信息公开工作年度报告\n申请总数 | 12 |\n当面申请数 | 3 |\n网上申请数 | 9 |\n同意公开答复数 | 10 |\n"
    with pytest.raises(ParseError, match="不支持2019年以前"):
        parse_text(text)


def test_format_version_is_detected_from_the_labels():
    r19 = parse_text(
        "二、主动公开政府信息情况\n第二十条第(一)项 |\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n规章 | 1 | 1 | 5 |\n"
    )
    assert r19.format_version == "2019" and r19.table2["规章"]["对外公开总数量"].value == 5
    r21 = parse_text(
        "二、主动公开政府信息情况\n第二十条第(一)项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 1 | 1 | 5 |\n"
    )
    assert r21.format_version == "2021" and r21.table2["规章"]["现行有效件数"].value == 5


def test_negative_change_in_free_text():
    text = (
        "二、主动公开政府信息情况\n第二十条第（五）项\n信息内容   上一年项目数量   本年增/减   处理决定数量\n"
        "行政许可     20     -17     3\n其他对外管理服务事项    5    −2    0\n"
    )
    r = parse_text(text)
    assert [c.value for c in r.table2["行政许可"].values()] == [20, -17, 3]
    assert r.table2["其他对外管理服务事项"]["本年增/减"].value == -2
