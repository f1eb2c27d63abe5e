"""Formula injection: no exported cell starts a live formula."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from gongkai.core.cells import csv_row, xlsx_row

RISKY = ['=HYPERLINK("http://evil.example/","点击")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", RISKY)
def test_csv_cells_get_an_apostrophe(value):
    assert csv_row([value]) == ["'" + value]


def test_ordinary_values_are_untouched():
    assert csv_row(["张三", 5, None, "2024-01-01", "a=b"]) == ["张三", 5, None, "2024-01-01", "a=b"]


@pytest.mark.parametrize("write_only", [True, False])
def test_xlsx_cells_are_strings_never_formulas(write_only):
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("s") if write_only else wb.active
    ws.append(xlsx_row(ws, [*RISKY, 7]))
    buf = io.BytesIO()
    wb.save(buf)
    cells = list(load_workbook(io.BytesIO(buf.getvalue())).worksheets[0].iter_rows(values_only=False))[0]
    assert [c.value for c in cells] == [*RISKY, 7]
    assert all(c.data_type == "s" for c in cells[:-1]) and cells[-1].data_type == "n"
