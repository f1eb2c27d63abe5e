"""`gongkai report …`: commands, directory walking, summaries and exit status (0/1/2)."""

import csv
import io
import json
import subprocess
import sys

from docx import Document

from gongkai.core.report.cli import main

from .conftest import sample


def run(*argv) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(map(str, argv)), out=out), out.getvalue()


def test_parse_walks_directories_and_prints_what_it_read(reports_dir):
    status, text = run("parse", reports_dir)
    assert status == 0
    lines = text.strip().splitlines()
    assert len(lines) == 2  # notes.log is not a report file
    assert "北京市门头沟区科学技术和信息化局 2022年 2021年格式，读到200/200个单元格，错误0个" in text


def test_parse_json_gives_the_interchange_format(reports_dir):
    status, text = run("parse", reports_dir / "seed.html", "--json")
    assert status == 0
    data = json.loads(text)
    assert data["agency"] == "北京市门头沟区科学技术和信息化局" and data["year"] == 2022
    assert data["table2"]["行政规范性文件"] == {"本年制发件数": 4, "本年废止件数": 0, "现行有效件数": 4}
    assert data["fees"] == sample("seed").to_json()["fees"]
    import jsonschema

    from gongkai.core.report import json_schema

    jsonschema.validate(data, json_schema())  # provenance and facts from the parser included


def test_check_reports_findings_and_exits_1_on_errors(hongze_html, reports_dir):
    status, text = run("check", hongze_html, reports_dir)
    assert status == 1
    assert "[错误] H4 表四「行政复议」总计为0" in text
    assert "共3份：无法读取0份，有错误1份" in text


def test_check_clean_reports_exits_0(reports_dir):
    assert run("check", reports_dir)[0] == 0


def test_check_with_previous_year(tmp_path):
    from gongkai.core.report.render import render_html

    last, this = sample("034_shuyang_xzf_2025_mdtxt"), sample("034_shuyang_xzf_2025_mdtxt")
    last.year = 2024
    (tmp_path / "2024.html").write_text(render_html(last), encoding="utf-8")
    (tmp_path / "2025.html").write_text(render_html(this), encoding="utf-8")
    status, text = run("check", tmp_path / "2025.html", "--previous", tmp_path / "2024.html")
    # last year's 结转 31 ≠ this year's 上年结转 36: Y1 is an error for the same agency
    assert status == 1 and "[错误] Y1" in text and "本年「上年结转」为36，但上年「结转下年度继续办理」为31" in text


def test_unreadable_input_exits_2_with_a_chinese_message(tmp_path, reports_dir):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4 truncated \x00\x01\x02")
    status, text = run("check", junk, reports_dir, tmp_path / "nope.txt")
    assert status == 2
    assert "junk.pdf：无法读取：" in text and "nope.txt：无法读取：文件不存在" in text
    assert "Traceback" not in text


def test_summary_csv_and_json_have_one_row_per_report(tmp_path, reports_dir, hongze_html):
    target = tmp_path / "summary.csv"
    run("check", reports_dir, hongze_html, "--summary", target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [r["agency"] for r in rows] == ["北京市门头沟区科学技术和信息化局", "沭阳县人民政府", "淮安市洪泽区人民政府"]
    assert rows[2]["errors"] == "2" and rows[2]["format"] == "2021" and rows[0]["cells_found"] == "200"
    run("parse", reports_dir, "--summary", tmp_path / "summary.json")
    data = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert [r["year"] for r in data] == [2022, 2025] and set(data[0]) >= {"file", "warnings", "cells_found"}


def test_render_writes_each_format(tmp_path, reports_dir):
    for fmt in ("html", "docx", "xlsx", "json"):
        out = tmp_path / f"out.{fmt}"
        status, text = run("render", reports_dir / "seed.html", "--to", fmt, "-o", out)
        assert status == 0 and out.stat().st_size > 1000, fmt
    assert Document(str(tmp_path / "out.docx")).paragraphs[0].text.endswith("2022年政府信息公开工作年度报告")
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["year"] == 2022


def test_render_rejects_an_unknown_format_with_exit_2(tmp_path, reports_dir, capsys):
    status, _ = run("render", reports_dir / "seed.html", "--to", "odt", "-o", tmp_path / "x")
    assert status == 2
    assert "错误：" in capsys.readouterr().err


def test_aggregate_sums_and_lists_contributions(tmp_path, reports_dir):
    from gongkai.core.report.render import render_html

    a, b = sample("034_shuyang_xzf_2025_mdtxt"), sample("034_shuyang_xzf_2025_mdtxt")
    b.agency = "宿迁市宿城区人民政府"
    (tmp_path / "a.html").write_text(render_html(a), encoding="utf-8")
    (tmp_path / "b.html").write_text(render_html(b), encoding="utf-8")
    out = tmp_path / "sum.json"
    status, text = run("aggregate", tmp_path / "a.html", tmp_path / "b.html", "-o", out, "--agency", "宿迁市（汇总）")
    assert status == 0, text
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["agency"] == "宿迁市（汇总）" and data["table3"]["一、本年新收政府信息公开申请数量"][6] == 1426
    assert [c["agency"] for c in data["aggregation"]["contributions"]] == ["沭阳县人民政府", "宿迁市宿城区人民政府"]
    assert "沭阳县人民政府：贡献" in text


def test_aggregate_refuses_mixed_years_with_exit_2(tmp_path, reports_dir, capsys):
    status, _ = run("aggregate", reports_dir, "-o", tmp_path / "sum.json")
    assert status == 2
    assert "不能汇总不同年度的报告" in capsys.readouterr().err


def test_rules_and_schema_commands():
    status, text = run("rules")
    assert status == 0 and text.count("\n") == 26 and "P8\t提示" in text and "未核对" in text
    status, text = run("schema")
    assert json.loads(text)["$schema"].endswith("2020-12/schema")


def test_no_command_prints_help_and_exits_2():
    status, text = run()
    assert status == 2 and "parse" in text


def test_the_gongkai_command_is_wired_and_reports_the_exit_status(hongze_html):
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "report", "check", str(hongze_html)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert "淮安市洪泽区人民政府" in result.stdout and not result.stderr.strip()


def test_progress_bar_goes_to_stderr_only_when_asked(reports_dir, capsys):
    status, text = run("parse", reports_dir, "--progress")
    err = capsys.readouterr().err
    assert status == 0 and "解析" in err and "2/2" in err
    assert "解析:" not in text


def test_an_unwritable_output_is_a_chinese_error(reports_dir, tmp_path, capsys):
    status, _ = run("render", reports_dir / "seed.html", "--to", "html", "-o", tmp_path / "no" / "such" / "dir.html")
    err = capsys.readouterr().err
    assert status == 2
    assert "无法写入" in err and "目录不存在" in err


def test_json_interchange_files_are_inputs_too(tmp_path):
    from gongkai.core.report.render import render_json

    path = tmp_path / "hongze.json"
    path.write_text(render_json(sample("003_hongze_qzf_2023_layout")), encoding="utf-8")
    status, text = run("check", path)
    assert status == 1 and text.count("[错误] H4") == 2


def test_parse_prints_the_corrections_it_made():
    from pathlib import Path

    path = Path(__file__).parents[1] / "parse" / "samples" / "034_shuyang_xzf_2025_mdtxt.txt"
    status, text = run("parse", path)
    assert "沭阳县人民政府 2025年" in text
    assert "  更正：机关名称中的“沐阳”按行政区划名称更正为“沭阳”（原文如此）" in text.splitlines()
