"""Robustness: any `Report`, however malformed (what a parser of the wild might produce), is
validated, rendered and aggregated without an exception other than the documented ones.

Reports are built from a seed with `random.Random` (fast: ~1 ms each) so that long runs are
cheap; hypothesis supplies and reports the seeds. Default run: a few hundred reports. The long
fuzz run (also documented in bench/bench_report.py):

    GONGKAI_FUZZ_EXAMPLES=100000 .venv/bin/pytest -q -s -m slow tests/core/report/validate/test_robustness.py
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from fuzzing import examples
from gongkai.core.report.aggregate import AggregationError, aggregate
from gongkai.core.report.render import render_docx, render_html, render_json, render_xlsx
from gongkai.core.report.schema import Cell, Fact, Fees, Report
from gongkai.core.report.validate import validate
from gongkai.core.vocabulary import TABLE3_ROWS

FUZZ = int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "0"))

# Digits, units, brackets, control and XML-illegal characters, full-width forms, the formula sign.
ALPHABET = "0123456789-+.,=元件万（）()、一二三四五六七总计其他处理第条 \t\n\x00\x0b\x1f\ufffe\u3000０１／"
ROW_KEYS = [r.key for r in TABLE3_ROWS] + ["R3f", "", "R9"]
T2_ROWS = ["规章", "行政规范性文件", "规范性文件", "行政许可", "政府集中采购", "行政事业性收费", "?"]
T2_COLS = ["本年制发件数", "现行有效件数", "本年废止件数", "本年收费金额（单位：万元）", "本年增/减", "采购总金额", "?"]
KINDS = ["review", "direct_suit", "suit_after_review"]
SECTION_HEADS = ["一、总体情况", "二、主动公开", "五、存在问题及改进情况", "六、其他需要报告的事项", "四、复议", "（一）x"]
FACT_KEYS = ["new_received", "handled", "all_upheld", "regulations", "data_year", "unable", "remedy_cases", "zzz"]


def _text(rng: random.Random, n: int = 8) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, n)))


def _value(rng: random.Random, finite: bool):
    kind = rng.randrange(8)
    if kind == 0:
        return None
    if kind in (1, 2):
        return rng.randint(0, 5000)
    if kind == 3:
        return rng.randint(-(10**20), 10**20)
    if kind == 4:
        return Decimal(rng.randint(-(10**9), 10**9)).scaleb(-rng.randint(0, 8))
    if kind == 5:
        return _text(rng)
    if kind == 6:
        return rng.choice([True, False])
    return Decimal(rng.choice(["NaN", "Infinity", "-Infinity"])) if not finite else 0


def _cell(rng: random.Random, finite: bool) -> Cell:
    if rng.random() < 0.1:
        return Cell.missing()
    return Cell(_value(rng, finite), found=rng.random() < 0.9, confidence=rng.random())


def _row(rng: random.Random, n: int, finite: bool, exact: bool) -> list[Cell]:
    return [_cell(rng, finite) for _ in range(n if exact else rng.randint(0, n + 2))]


def random_report(seed: int, *, finite: bool = False, exact_shape: bool = False) -> Report:
    """A malformed-on-purpose report. `finite`/`exact_shape` keep within what Report.to_json
    (schema.py) can print: it fails on non-finite decimals and short rows (reported)."""
    rng = random.Random(seed)
    report = Report(
        format_version=rng.choice(["2021", "2019", "1999", ""]),
        year=rng.choice([None, 2019, 2024, 0, -5, 9999, 10**6]),
        agency=rng.choice([None, "", "淮安市人民政府", "某某局", "=HYPERLINK(1)", _text(rng, 20)]),
        title=rng.choice([None, _text(rng, 40), "某局2023年政府信息公开工作年度报告"]),
        published_on=rng.choice([None, "2020-01-31", "2031-13-40", _text(rng, 12)]),
    )
    for _ in range(rng.randint(0, 6)):
        report.table2[rng.choice(T2_ROWS)] = {rng.choice(T2_COLS): _cell(rng, finite) for _ in range(rng.randint(0, 4))}
    for _ in range(rng.randint(0, 27)):
        report.table3[rng.choice(ROW_KEYS)] = _row(rng, 7, finite, exact_shape)
    for kind in rng.sample(KINDS, rng.randint(0, 3)):
        report.table4[kind] = _row(rng, 5, finite, exact_shape)
    for _ in range(rng.randint(0, 2)):
        label = rng.choice(["（六）其他处理", "（六）其他", "1.x", "小计"])
        report.table3_extra_rows[label] = _row(rng, 7, finite, exact_shape)
    report.fees = Fees(_cell(rng, finite), _cell(rng, finite), _cell(rng, finite))
    for _ in range(rng.randint(0, 4)):
        report.facts[rng.choice(FACT_KEYS)] = Fact(rng.choice([0, 1, 7, -3, 10**7, Decimal("2.5")]))
    for _ in range(rng.randint(0, 6)):
        report.sections[rng.choice(SECTION_HEADS + [_text(rng)])] = _text(rng, 60)
    return report


seeds = st.integers(min_value=0, max_value=2**63)
SETTINGS = {"deadline": None, "database": None, "suppress_health_check": list(HealthCheck),
            "phases": (Phase.explicit, Phase.generate)}


@settings(max_examples=examples(400), **SETTINGS)
@given(seed=seeds, previous_seed=st.one_of(st.none(), seeds))
def test_validate_and_html_never_raise(seed, previous_seed):
    previous = random_report(previous_seed) if previous_seed is not None else None
    report = random_report(seed)
    findings = validate(report, previous)
    assert all(f.severity in ("error", "warning") and f.rule for f in findings)
    render_html(report)


@settings(max_examples=examples(200), **SETTINGS)
@given(seed=seeds)
def test_json_never_raises_on_printable_values(seed):
    report = random_report(seed, finite=True, exact_shape=True)
    validate(report)
    json.loads(render_json(report))


@settings(max_examples=examples(10), **SETTINGS)
@given(seed=seeds)
def test_office_renderers_never_raise(seed):
    report = random_report(seed)
    render_docx(report)
    load_workbook(io.BytesIO(render_xlsx(report)))


@settings(max_examples=examples(150), **SETTINGS)
@given(seeds=st.lists(seeds, max_size=4))
def test_aggregate_raises_only_its_own_error(seeds):
    try:
        aggregate([random_report(s) for s in seeds])
    except AggregationError as exc:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))


def test_a_formula_like_text_stays_text_in_excel():
    report = Report.blank(year=2024, agency="=HYPERLINK(\"http://x\")")
    ws = load_workbook(io.BytesIO(render_xlsx(report))).active
    assert ws["A1"].data_type == "s"


def test_non_finite_decimals_are_type_errors_not_crashes():
    report = Report.blank(year=2024, agency="某局")
    report.table3["R1"][0] = Cell(Decimal("NaN"))
    report.table4["review"][4] = Cell(Decimal("Infinity"))
    rules = {f.rule for f in validate(report) if f.severity == "error"}
    assert "H5" in rules


@pytest.mark.slow
@pytest.mark.skipif(not FUZZ, reason="long fuzz run: set GONGKAI_FUZZ_EXAMPLES (e.g. 100000)")
def test_long_fuzz_run():
    """Seeds 0..N−1 (reproducible): validate with a previous report, HTML, and JSON."""
    for seed in range(FUZZ):
        if seed and seed % 10_000 == 0:
            print(f"fuzz: {seed} reports", flush=True)  # visible with pytest -s
        report = random_report(seed)
        validate(report, random_report(seed + FUZZ) if seed % 2 else None)
        render_html(report)
        printable = random_report(seed, finite=True, exact_shape=True)
        validate(printable)
        render_json(printable)
        if seed % 100 == 0:
            with contextlib.suppress(AggregationError):
                aggregate([random_report(seed + i) for i in range(3)])
