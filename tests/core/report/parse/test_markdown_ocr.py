"""Markdown from PDF-to-markdown OCR converters (MinerU style), derived from the samples' values
(issue 18): one table per page with `## 表三（续）` between, a row label on its own line with its
values in the next table row, merged header rows, empty trailing cells, wrapped labels."""

from __future__ import annotations

import pytest

from gongkai.core.report.parse import parse_text
from gongkai.core.report.validate import Verdict, validate, verdict

from .rp_helpers import expected, plain
from .rp_shapes import mineru_markdown

SAMPLES_2021 = ["001_huaian_szf_2024_layout.json", "034_shuyang_xzf_2025_mdtxt.json", "seed.json"]


@pytest.mark.parametrize("name", SAMPLES_2021)
def test_every_printed_value_is_read(name):
    exp = expected(name)
    text = mineru_markdown(exp)
    assert "## 表三（续）" in text and "\n（七）总计\n" in text  # the shape, as converters print it
    report = parse_text(text)
    got = plain(report.values())
    assert got["table3"] == plain(exp["table3"])
    assert got["table4"] == plain(exp["table4"])
    for row, cols in exp["table2"].items():
        assert list(got["table2"][row].values()) == plain(list(cols.values())), row
    assert report.reading()["read"] == 200 and not report.undecided


def test_a_merged_header_row_with_empty_cells_is_not_read_as_blank_values():
    exp = expected("001_huaian_szf_2024_layout.json")
    report = parse_text(mineru_markdown(exp))
    # 「| 行政复议 |  |  |  |  | 行政诉讼 |」 printed above the 15 numbers: its empty cells are not data
    assert [c.value for c in report.table4["review"]] == [72, 64, 178, 37, 351]
    validate(report)
    assert verdict(report) is Verdict.CONSISTENT


def test_more_numbers_than_table_four_has_cells_are_not_cut_to_fit():
    exp = expected("001_huaian_szf_2024_layout.json")
    text = mineru_markdown(exp).replace("| 72 | 64 |", "| 9 | 72 | 64 |")
    report = parse_text(text)
    assert not any(c.found for cells in report.table4.values() for c in cells)
    assert "多于表四的15个单元格" in report.undecided["table4"].reason
