"""Render → parse gives back the same values, for every output format of the renderers."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.report.parse import parse_bytes, parse_file
from gongkai.core.report.schema import Cell, Report
from gongkai.core.vocabulary import TABLE2_FEE_COLUMN

from .rp_builders import random_values
from .rp_helpers import SAMPLES

render = pytest.importorskip("gongkai.core.report.render").render


def _report(seed: int) -> Report:
    rng = random.Random(seed)
    values = random_values(rng, big=True)
    report = Report.blank(
        year=2023, agency="测试市测试局", title="测试市测试局2023年政府信息公开工作年度报告"
    )
    for row, cols in values["t2"].items():
        for col, v in cols.items():
            report.table2[row][col] = Cell(Decimal(v) / 100 if col == TABLE2_FEE_COLUMN else v)
    for key, row in values["t3"].items():
        report.table3[key] = [Cell(v) for v in row]
    for kind, row in values["t4"].items():
        report.table4[kind] = [Cell(v) for v in row]
    report.fees.notices, report.fees.noticed_total_yuan, report.fees.collected_yuan = (
        Cell(2),
        Cell(300),
        Cell(200),
    )
    return report


def _round_trip(report: Report, fmt: str) -> Report:
    out = render(report, fmt)
    return parse_bytes(out.encode("utf-8") if isinstance(out, str) else out, f"report.{fmt}")


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(["html", "docx", "xlsx", "json"]))
def test_random_reports_round_trip(seed, fmt):
    report = _report(seed)
    assert _round_trip(report, fmt).values() == report.values()


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx", "json", "pdf"])
def test_2019_report_with_blank_cells_round_trips(fmt):
    report = parse_file(SAMPLES / "012_shanghai_szfbgt_2019.html")
    assert _round_trip(report, fmt).values() == report.values()


def test_pdf_round_trip_of_a_random_report():
    report = _report(7)
    assert _round_trip(report, "pdf").values() == report.values()
