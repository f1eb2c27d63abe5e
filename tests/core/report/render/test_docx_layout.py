"""The Word rendering: official layout with merged cells and East Asian fonts on every run."""

import io

import docx
from docx.oxml.ns import qn

from gongkai.core.report.render import render_docx
from gongkai.core.report.render.layout import show
from gongkai.core.vocabulary import SECTIONS, TABLE3_NOTE

from .helpers import sample


def grid(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_tables_have_the_official_merges_and_values():
    report = sample("001_huaian_szf_2024_layout")
    document = docx.Document(io.BytesIO(render_docx(report)))
    t2, t3, t4 = document.tables
    g3 = grid(t3)
    assert g3[0][:3] == [TABLE3_NOTE] * 3 and g3[2][0] == TABLE3_NOTE  # 3 × 3 merged note
    assert g3[0][3:] == ["申请人情况"] * 7
    assert [row[0] for row in g3[5:27]] == ["三、本年度办理结果"] * 22
    assert [row[1] for row in g3[7:15]] == ["（三）不予公开"] * 8
    assert g3[3][3:] == [show(c) for c in report.table3["R1"]]
    assert g3[27][:3] == ["四、结转下年度继续办理"] * 3
    # A merged cell is one <w:tc>: the 表三 note spans 3 columns (gridSpan) and 3 rows (vMerge).
    first = t3.rows[0]._tr.tc_lst[0]
    assert first.tcPr.gridSpan.val == 3
    assert grid(t4)[3] == [show(c) for k in ("review", "direct_suit", "suit_after_review") for c in report.table4[k]]
    assert grid(t2)[13][:2] == ["行政事业性收费", "96171.6"]


def test_every_run_sets_the_east_asian_font():
    document = docx.Document(io.BytesIO(render_docx(sample("seed"))))
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [r for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs for r in p.runs]
    assert runs
    for run in runs:
        fonts = run._element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) and fonts.get(qn("w:eastAsia")) == fonts.get(qn("w:ascii"))
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_headings_and_fee_sentence():
    document = docx.Document(io.BytesIO(render_docx(sample("seed"))))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "北京市门头沟区科学技术和信息化局2022年政府信息公开工作年度报告"
    assert [t for t in texts if t in SECTIONS] == list(SECTIONS)
    assert any("发出收费通知的件数为0件" in t for t in texts)
