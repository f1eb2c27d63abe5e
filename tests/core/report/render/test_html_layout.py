"""The HTML rendering prints the official layout (docs/law.md §2.4–§2.6) with exact spans."""

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from gongkai.core.report.render import render_html
from gongkai.core.report.render.layout import show
from gongkai.core.report.schema import Report, table3_rows
from gongkai.core.vocabulary import SECTIONS, TABLE3_COLUMN_LABELS, TABLE3_NOTE

from .helpers import SAMPLE_NAMES, html_grids, sample


def spans(html: str, text: str) -> tuple[int, int]:
    for td in HTMLParser(html).css("td, th"):
        if td.text(strip=True) == text:
            return int(td.attributes.get("rowspan") or 1), int(td.attributes.get("colspan") or 1)
    raise AssertionError(f"no cell {text}")


def test_table3_header_and_group_spans_are_the_official_ones():
    html = render_html(sample("034_shuyang_xzf_2025_mdtxt"))
    assert spans(html, TABLE3_NOTE) == (3, 3)
    assert spans(html, "申请人情况") == (1, 7)
    assert spans(html, "自然人") == (2, 1)
    assert spans(html, "法人或其他组织") == (1, 5)
    assert spans(html, "三、本年度办理结果") == (22, 1)  # （一）（二）, 8 + 3 + 5 + 3 sub-rows, （七）
    assert spans(html, "（三）不予公开") == (8, 1)
    assert spans(html, "（四）无法提供") == (3, 1)
    assert spans(html, "（五）不予处理") == (5, 1)
    assert spans(html, "（六）其他处理") == (3, 1)
    assert spans(html, "一、本年新收政府信息公开申请数量") == (1, 3)
    assert spans(html, "（一）予以公开") == (1, 2)
    assert spans(html, "行政复议") == (1, 5)
    assert spans(html, "行政诉讼") == (1, 10)


def test_2019_format_prints_other_handling_as_one_row_and_its_own_table2():
    html = render_html(sample("012_shanghai_szfbgt_2019"))
    assert spans(html, "三、本年度办理结果") == (20, 1)
    assert spans(html, "（六）其他处理") == (1, 2)
    assert "第二十条第（九）项" in html and "251000元" in html


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_value_sits_in_its_row_and_column(name):
    report = sample(name)
    grids = html_grids(render_html(report))
    assert len(grids) == 3
    t3 = grids[1]
    assert t3[2][3:10] == ["自然人", *TABLE3_COLUMN_LABELS[1:]]
    labels = [row[2] for row in t3[3:]]
    for row in table3_rows(report.format_version):
        if row.key in ("R3f1", "R3f2", "R3f3") and name.startswith("003"):
            continue  # printed as the single （六） row, as the source did
        line = t3[3 + labels.index(row.label)]
        assert line[3:] == [show(c) for c in report.table3[row.key]], row.label
    t4 = grids[2]
    assert t4[3] == [show(c) for kind in ("review", "direct_suit", "suit_after_review") for c in report.table4[kind]]
    header, table2 = None, {}
    for line in grids[0]:
        if line[0] == "信息内容":
            header = line
        elif header is not None and line[0] in report.table2:
            table2[line[0]] = {col: line[i] for i, col in enumerate(header) if i and col}
    assert table2 == {row: {col: show(c) for col, c in cols.items()} for row, cols in report.table2.items()}


def test_blank_prints_empty_and_zero_prints_zero():
    report = sample("012_shanghai_szfbgt_2019")
    t3 = html_grids(render_html(report))[1]
    new = next(r for r in t3 if r[0] == "一、本年新收政府信息公开申请数量")
    assert new[3:] == ["821", "35", "", "", "2", "1", "859"]


def test_all_six_sections_and_the_title_are_printed_in_order():
    report = sample("seed")
    html = render_html(report)
    doc = HTMLParser(html)
    assert doc.css_first("h1").text() == "北京市门头沟区科学技术和信息化局2022年政府信息公开工作年度报告"
    assert [h.text() for h in doc.css("h2")] == list(SECTIONS)
    six = doc.css("section")[5].text()
    assert "发出收费通知的件数为0件，总金额为0元，实际收取的总金额为0元" in six


def test_narrative_sections_are_kept_and_escaped():
    report = Report.blank(year=2024, agency="某某区<测试>局")
    report.sections = {"一、总体情况": "第一段。\n第二段<b>不是标签</b>。", "五、存在的主要问题及改进情况": "问题一。"}
    html = render_html(report)
    assert "<p>第二段&lt;b&gt;不是标签&lt;/b&gt;。</p>" in html
    assert "某某区&lt;测试&gt;局" in html and "<p>问题一。</p>" in html


def test_printable_css_is_inline_and_a4():
    html = render_html(sample("seed"))
    assert "@page { size: A4" in html and "<script" not in html and "thead { display: table-header-group" in html
