"""The annual report as printed: GB/T 9704 page, and the DOCX prints like the PDF through LibreOffice.

The DOCX's table grids must agree with its cell widths — LibreOffice lays tables out by the grid and
collapsed 表三's label columns when python-docx declared ten equal columns (issue 12).
"""

import io

import docx
import pytest
from docx.oxml.ns import qn

from gongkai.core import gbt9704
from gongkai.core.report.render import render_docx, render_pdf
from printcheck import check_print, libreoffice_pdf, page_texts

from .helpers import sample

pytestmark = pytest.mark.slow


def test_docx_page_is_a4_with_the_gbt9704_margins():
    document = docx.Document(io.BytesIO(render_docx(sample("seed"))))
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    assert (section.top_margin.mm, section.bottom_margin.mm) == pytest.approx((37, 35), abs=0.1)
    assert (section.left_margin.mm, section.right_margin.mm) == pytest.approx((28, 26), abs=0.1)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert int(grid.get(qn("w:linePitch"))) == round(gbt9704.LINE_PITCH_PT * 20)  # 22 lines in 225 mm


def test_every_table_grid_agrees_with_its_cell_widths():
    document = docx.Document(io.BytesIO(render_docx(sample("001_huaian_szf_2024_layout"))))
    assert len(document.tables) == 3
    for table in document.tables:
        tbl = table._tbl
        cols = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(cols) - gbt9704.twips(gbt9704.TEXT_WIDTH_MM)) <= len(cols)  # the 版心, 156 mm
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        for tr in tbl.tr_lst:
            c = 0
            for tc in tr.tc_lst:
                assert int(tc.tcPr.tcW.get(qn("w:w"))) == sum(cols[c:c + tc.grid_span])
                c += tc.grid_span
            assert c == len(cols)
    t3 = [int(c.get(qn("w:w"))) for c in document.tables[1]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert t3[2] > 3 * t3[3]  # the label column is wide, not one of ten equal columns


@pytest.fixture(scope="module")
def huaian():
    return sample("001_huaian_szf_2024_layout")


def test_the_docx_through_libreoffice_is_a4_and_no_column_collapses(huaian, tmp_path):
    pdf = libreoffice_pdf(render_docx(huaian), tmp_path, "report")
    pages = check_print(pdf, max_pages=4)
    text = "".join("".join(p) for p in page_texts(pdf))
    assert "4.保护第三方合法权益" in text and "淮安市人民政府2024年政府信息公开工作年度报告" in text
    # The DOCX and the PDF come from one layout: the same number of pages, give or take one.
    assert abs(pages - check_print(render_pdf(huaian))) <= 1


def test_the_pdf_passes_the_same_print_checks(huaian):
    assert check_print(render_pdf(huaian), max_pages=4) >= 2
