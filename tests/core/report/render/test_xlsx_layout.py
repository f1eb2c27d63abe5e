"""The Excel rendering: official layout as merged ranges, numbers as numbers; and reading back."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from gongkai.core.report.render import render_xlsx, xlsx_to_html
from gongkai.core.report.render.layout import show
from gongkai.core.vocabulary import TABLE3_NOTE

from .helpers import html_grids, sample


def test_numbers_are_numbers_and_spans_are_merged_ranges():
    report = sample("026_pingtan_qu_2021_pagetxt")
    ws = load_workbook(io.BytesIO(render_xlsx(report))).active
    values = {cell.value: cell for row in ws.iter_rows() for cell in row if cell.value is not None}
    note = values[TABLE3_NOTE]
    ranges = {str(r) for r in ws.merged_cells.ranges}
    assert f"A{note.row}:C{note.row + 2}" in ranges
    results = values["三、本年度办理结果"]
    assert f"A{results.row}:A{results.row + 21}" in ranges
    fee = values[24252.311082]
    assert isinstance(fee.value, float) and ws.cell(fee.row, 1).value == "行政事业性收费"
    new_row = values["一、本年新收政府信息公开申请数量"].row
    assert [ws.cell(new_row, c).value for c in range(4, 11)] == [64, 0, 0, 2, 0, 4, 70]


def test_blank_cells_stay_empty_and_text_cells_stay_text():
    report = sample("012_shanghai_szfbgt_2019")
    grids = html_grids(xlsx_to_html(render_xlsx(report)))
    t3 = grids[1]
    new = next(r for r in t3 if r[0] == "一、本年新收政府信息公开申请数量")
    assert new[3:] == ["821", "35", "", "", "2", "1", "859"]
    t2 = grids[0]
    assert next(r for r in t2 if r[0] == "政府集中采购")[:3] == ["政府集中采购", "6", "251000元"]


@pytest.mark.parametrize("name", ["001_huaian_szf_2024_layout", "034_shuyang_xzf_2025_mdtxt"])
def test_xlsx_to_html_gives_back_the_html_tables(name):
    from gongkai.core.report.render import render_html

    report = sample(name)
    assert html_grids(xlsx_to_html(render_xlsx(report))) == html_grids(render_html(report))


def test_xlsx_to_html_refuses_non_workbooks_in_chinese():
    with pytest.raises(ValueError, match="不是有效的Excel"):
        xlsx_to_html(b"PK\x03\x04 not really a zip")


def test_decimal_fee_precision_survives():
    report = sample("026_pingtan_qu_2021_pagetxt")
    t2 = html_grids(xlsx_to_html(render_xlsx(report)))[0]
    assert next(r for r in t2 if r[0] == "行政事业性收费")[1] == show(report.table2["行政事业性收费"]["本年收费金额（单位：万元）"])
    assert Decimal(next(r for r in t2 if r[0] == "行政事业性收费")[1]) == Decimal("24252.311082")
