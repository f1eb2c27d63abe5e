"""A 2021-format report that prints the 2019 trial-format 表二 (agencies mixed them in 2021): its
表三 keeps the 2021 rows, (六) 1–3 included (issue 18). Derived from sample 001 (淮安 2024), with
the 表二 of sample 012 (上海 2019) put in its place."""

from __future__ import annotations

from gongkai.core.report.parse import parse_text
from gongkai.core.report.validate import validate

from .rp_helpers import SAMPLES, expected, plain
from .rp_shapes import TABLE2_2019


def mixed_document() -> str:
    text = (SAMPLES / "001_huaian_szf_2024_layout.txt").read_text(encoding="utf-8")
    start = text.index("第二十条")
    end = text.index("三、收到和处理政府信息公开申请情况")
    return text[:start] + TABLE2_2019 + text[end:]


def test_table_three_keeps_its_2021_rows_including_six_one_to_three():
    exp = expected("001_huaian_szf_2024_layout.json")
    report = parse_text(mixed_document())
    assert report.format_version == "2021"
    assert "表二却是2019年试行格式" in report.source["format_evidence"]
    got = plain(report.values())
    assert got["table3"] == plain(exp["table3"])  # （六）1–3 not lost
    assert got["table4"] == plain(exp["table4"])


def test_the_2019_table_two_is_read_under_its_own_labels_and_the_2021_cells_are_absent():
    report = parse_text(mixed_document())
    assert [c.value for c in report.table2["规章"].values() if c.found] == [13, 13, 524]
    assert report.table2["政府集中采购"]["采购总金额"].value == "251000元"
    assert not any(c.found for c in report.table2["行政规范性文件"].values())
    assert any(m.startswith("表二：文档印的是2019年试行格式的表二") for m in report.missing)
    validate(report)
    h6 = [f for f in report.errors if f.rule == "H6"]
    assert len(h6) == 1 and h6[0].message.startswith("表二缺少10个单元格")  # the document's own deviation
