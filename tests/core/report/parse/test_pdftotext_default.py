"""`pdftotext` in its default (non-layout) mode, made at test time from the sample PDFs (issue 18).

That mode prints every table cell on its own line, and a label wrapped over several lines may come
long after its numbers. The parser reads a table only where the order is confirmed (anchors and
the 勾稽 relations); every other cell is undecidable, never guessed."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from gongkai.core.report.parse import parse_text
from gongkai.core.report.validate import Verdict, validate, verdict

from .rp_helpers import SAMPLES, expected, plain

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")


def default_mode(stem: str) -> str:
    pdf = SAMPLES / f"{stem}.pdf"
    return subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def invented(report, exp: dict) -> list[str]:
    """Cells read with a value other than the hand-read one (must always be empty)."""
    got = plain(report.values())
    wrong = []
    for row, cols in exp["table2"].items():
        for col, value in cols.items():
            cell = got["table2"].get(row, {})
            key = col.replace("(", "（").replace(")", "）").replace(":", "：")
            ours = report.table2.get(row, {}).get(key)
            if ours is not None and ours.found and plain(cell.get(col)) != plain(value):
                wrong.append(f"table2.{row}.{col}")
    rows = {label: key for key, label in ((k, lab) for k, lab in _labels(report))}
    for label, values in exp["table3"].items():
        cells = report.table3.get(rows[label], [])
        wrong += [f"{label}[{i}]" for i, c in enumerate(cells) if c.found and plain(c.value) != plain(values[i])]
    kinds = {"行政复议": "review", "未经复议直接起诉": "direct_suit", "复议后起诉": "suit_after_review"}
    for label, values in exp["table4"].items():
        cells = report.table4[kinds[label]]
        wrong += [f"{label}[{i}]" for i, c in enumerate(cells) if c.found and plain(c.value) != plain(values[i])]
    return wrong


def _labels(report):
    from gongkai.core.report.schema import table3_rows

    return [(r.key, r.label) for r in table3_rows(report.format_version)]


def test_001_default_mode_reads_tables_two_and_three_exactly():
    exp = expected("001_huaian_szf_2024_layout.json")
    report = parse_text(default_mode("001_huaian_szf_2024"))
    assert report.source["layout"] == "cell-per-line"
    got = plain(report.values())
    assert got["table3"] == plain(exp["table3"])  # the order confirmed by anchors and H1–H3
    for row, cols in exp["table2"].items():
        assert [got["table2"][row][c] for c in cols] == list(cols.values())
    assert invented(report, exp) == []


def test_001_default_mode_leaves_table_four_undecidable():
    report = parse_text(default_mode("001_huaian_szf_2024"))
    assert not any(c.found for cells in report.table4.values() for c in cells)
    entry = report.undecided["table4"]
    # the numbers are printed in drawing order: 72 64 178 37 | 12 1 1 6 | 351 | …
    assert "72、64、178、37、12、1、1、6、351" in entry.reason
    validate(report)
    assert verdict(report) is Verdict.UNDECIDABLE
    assert not report.errors  # the reader's limits are not the document's errors
    assert report.reading() | {"why_undecidable": None} == {
        "expected": 200, "read": 185, "undecidable": 15, "absent": 0, "why_undecidable": None
    }


def test_003_default_mode_reads_what_the_order_confirms_and_nothing_else():
    exp = expected("003_hongze_qzf_2023_layout.json")
    report = parse_text(default_mode("003_hongze_qzf_2023"))
    assert invented(report, exp) == []
    got = plain(report.values())
    for row, cols in exp["table2"].items():  # 「550 行政许可」: a one-cell block, number before label
        assert [got["table2"][row][c] for c in cols] == list(cols.values())
    # rows whose seven numbers follow their label, add up, and end at the next label
    assert [c.value for c in report.table3["R2"]] == [0] * 7
    assert [c.value for c in report.table3["R3a"]] == [0] * 7
    # (二)'s label is followed by the numbers of many rows, partly column by column: undecidable
    assert "table3.R3b" in report.undecided and not any(c.found for c in report.table3["R3b"])
    validate(report)
    assert verdict(report) is Verdict.UNDECIDABLE
    reading = report.reading()
    assert reading["read"] + reading["undecidable"] + reading["absent"] == reading["expected"]
    assert reading["absent"] == 0
