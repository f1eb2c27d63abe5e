"""The 2019 trial-format 表二 in one-line crawler page text (issue 18), derived from sample 012
(上海市人民政府办公厅 2019, HTML) by dropping every tag and every space: 「规章1313524」.

No relation of that format decides such a split, so the block is located and each ambiguous row is
listed with its candidates; the rows whose digits allow one reading only are read."""

from __future__ import annotations

import html
import re

from gongkai.core.report.parse import parse_text
from gongkai.core.report.validate import Verdict, validate, verdict

from .rp_helpers import SAMPLES


def crawler_text() -> str:
    raw = (SAMPLES / "012_shanghai_szfbgt_2019.html").read_text(encoding="utf-8")
    raw = re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", "", raw)
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", raw)))


def test_the_2019_table_two_is_located_and_each_ambiguity_listed():
    text = crawler_text()
    assert "规章1313524规范性文件6060368" in text
    report = parse_text(text)
    assert (report.format_version, report.year) == ("2019", 2019)
    rules = report.undecided["table2.规章"]
    assert (13, 13, 524) in rules.candidates and len(rules.candidates) > 1
    assert rules.columns == [f"table2.规章.{c}" for c in ("本年新制作数量", "本年新公开数量", "对外公开总数量")]
    assert (60, 60, 368) in report.undecided["table2.规范性文件"].candidates
    assert not any(c.found for c in report.table2["规章"].values())  # nothing picked
    # 「行政许可000」: three digits for three cells, one reading only
    assert [c.value for c in report.table2["行政许可"].values()] == [0, 0, 0]
    # 「政府集中采购6251000元」: printed, but where 6 ends and 251000元 begins is not printed
    assert (6, "251000元") in report.undecided["table2.政府集中采购"].candidates


def test_no_value_is_invented_and_the_verdict_is_undecidable():
    import json

    from .rp_helpers import plain

    exp = json.loads((SAMPLES / "expected" / "012_shanghai_szfbgt_2019.json").read_text(encoding="utf-8"))
    report = parse_text(crawler_text())
    for row, cols in exp["table2"].items():
        for col, value in cols.items():
            cell = report.table2.get(row, {}).get(col)
            if cell is not None and cell.found:
                assert plain(cell.value) == plain(value), (row, col)
    rows = {r: k for k, r in ((k, lab) for k, lab in _labels())}
    for label, values in exp["table3"].items():
        for i, cell in enumerate(report.table3[rows[label]]):
            if cell.found:
                assert plain(cell.value) == plain(values[i]), (label, i)
    validate(report)
    assert report.reading()["undecidable"] > 0
    # rows printed with every cell blank leave nothing in the text but their label: the document
    # prints blanks there (H6, an error of the document, as the issue defines it), not a reading limit
    h6 = {p.split(".")[1] for f in report.errors if f.rule == "H6" for p in f.cells}
    assert h6 == {"R3c2", "R3c3", "R3c4", "R3c7", "R3e3", "R3e4", "R3e5", "R3f"}
    assert {f.rule for f in report.errors} == {"H6"}
    assert verdict(report) is Verdict.INCONSISTENT


def _labels():
    from gongkai.core.report.schema import table3_rows

    return [(r.key, r.label) for r in table3_rows("2019")]
