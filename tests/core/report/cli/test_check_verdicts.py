"""`gongkai report check` has four outcomes (issue 18): 0 consistent, 1 the printed figures break a
rule, 2 unreadable, 3 readable but some printed cells undecidable (「无法判定」)."""

import io
import json
from pathlib import Path

from gongkai.core.report.cli import main
from gongkai.core.report.parse import parse_file
from gongkai.core.report.validate import Verdict, validate, verdict

PARSE_SAMPLES = Path(__file__).resolve().parent.parent / "parse" / "samples"
SEED = PARSE_SAMPLES / "000_eea4a711c55947f4.txt"
HONGZE = PARSE_SAMPLES / "003_hongze_qzf_2023_layout.txt"  # known error: 表四 totals printed wrong
PINGTAN = PARSE_SAMPLES / "026_pingtan_qu_2021_pagetxt.txt"  # 「行政规范性文件693665」: no relation splits it


def run(*argv) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(map(str, argv)), out=out), out.getvalue()


def test_a_consistent_report_exits_0():
    status, text = run("check", SEED)
    assert status == 0
    assert "——一致" in text


def test_printed_figures_that_break_a_rule_exit_1():
    status, text = run("check", HONGZE)
    assert status == 1
    assert "[错误] H4" in text and "——有错误" in text


def test_an_unreadable_input_exits_2(tmp_path):
    bad = tmp_path / "scan.bin.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    status, text = run("check", bad)
    assert status == 2 and "无法读取" in text


def test_undecidable_cells_exit_3_not_1():
    status, text = run("check", PINGTAN)
    assert status == 3
    assert "（另有3个印有但无法判定）" in text and "——无法判定" in text
    assert "[错误]" not in text  # the reader's limits are not the document's errors
    assert "共1份：无法读取0份，有错误0份，无法判定1份" in text


def test_a_batch_exits_with_the_worst_outcome(tmp_path):
    assert run("check", SEED, PINGTAN)[0] == 3
    assert run("check", SEED, PINGTAN, HONGZE)[0] == 1
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    assert run("check", SEED, PINGTAN, HONGZE, bad)[0] == 2


def test_json_output_names_the_verdict_and_lists_the_candidates():
    status, text = run("check", PINGTAN, "--json")
    assert status == 3
    (item,) = json.loads(text)
    assert item["verdict"] == "undecidable"
    assert item["reading"]["undecidable"] == 3 and item["reading"]["read"] == 197
    entry = item["undecided"]["table2.行政规范性文件"]
    assert entry["columns"] == [f"table2.行政规范性文件.{c}" for c in ("本年制发件数", "本年废止件数", "现行有效件数")]
    assert [69, 3, 665] in entry["candidates"]  # the true split is among them, not chosen


def test_summary_status_is_the_verdict(tmp_path):
    out = tmp_path / "summary.json"
    run("check", SEED, PINGTAN, HONGZE, "--summary", out)
    rows = {Path(r["file"]).name: r for r in json.loads(out.read_text(encoding="utf-8"))}
    assert rows[SEED.name]["status"] == "consistent"
    assert rows[PINGTAN.name]["status"] == "undecidable" and rows[PINGTAN.name]["cells_undecidable"] == 3
    assert rows[HONGZE.name]["status"] == "inconsistent"


def test_verdict_api():
    report = parse_file(PINGTAN)
    validate(report)
    assert verdict(report) is Verdict.UNDECIDABLE and verdict(report).label == "无法判定"
    assert verdict(None) is Verdict.UNREADABLE and Verdict.UNREADABLE.exit_code == 2
    # a document that lacks a row is the document's fault: H6 stays an error
    text = SEED.read_text(encoding="utf-8")
    cut = text[: text.index("四、结转下年度继续办理")]
    from gongkai.core.report.parse import parse_text

    short = parse_text(cut)
    validate(short)
    assert verdict(short) is Verdict.INCONSISTENT
    assert any(f.rule == "H6" and f.severity == "error" for f in short.findings)


def test_undecided_rows_survive_the_interchange_format():
    report = parse_file(PINGTAN)
    again = type(report).from_json(json.loads(json.dumps(report.to_json(provenance=False), ensure_ascii=False)))
    assert again.undecided.keys() == report.undecided.keys()
    assert again.undecided["table2.行政规范性文件"].candidates == report.undecided["table2.行政规范性文件"].candidates
    assert "undecided" not in report.values()


def test_parse_says_how_many_cells_were_read_and_why_the_rest_are_undecidable():
    status, text = run("parse", PINGTAN)
    assert status == 3
    assert "读到197/200个单元格（另有3个印有但无法判定）" in text
    assert "无法判定：表二「行政规范性文件」「本年制发件数」" in text and "数字连写「693665」有10种拆分方式（候选：" in text


# Every complete shared sample: the known-error ones (003: 表四 totals; 012: H2 totals) exit 1, the
# consistent ones 0, and 026 — consistent wherever it can be read, one 表二 split undecidable — 3.
SAMPLE_EXITS = {
    "000_eea4a711c55947f4.txt": 0,
    "001_huaian_szf_2024_layout.txt": 0,
    "001_huaian_szf_2024.pdf": 0,
    "003_hongze_qzf_2023_layout.txt": 1,
    "003_hongze_qzf_2023.pdf": 1,
    "012_shanghai_szfbgt_2019.html": 1,
    "026_pingtan_qu_2021_pagetxt.txt": 3,
    "034_shuyang_xzf_2025_mdtxt.txt": 0,
}


def test_every_complete_sample_gets_its_exit_status():
    got = {name: run("check", PARSE_SAMPLES / name)[0] for name in SAMPLE_EXITS}
    assert got == SAMPLE_EXITS
