"""Reading accuracy per input shape, measured against the hand-read values (issue 18).

    .venv/bin/python bench/bench_shapes.py [--no-ocr]

For every shape, the complete shared samples (or documents derived from them at run time: default
`pdftotext`, MinerU-style markdown, one-line crawler text, a 2021 report with the 2019 表二, scans)
are parsed and each table cell compared with `tests/core/report/parse/samples/expected/*.json`:

- correct: read, and equal to the hand-read value (a blank/absent cell left blank or absent counts);
- wrong: read with another value (an invented value — must be 0);
- undecidable: printed but not decided (listed in `Report.undecided` with its reason/candidates);
- absent: not read and not listed (the reader says the document lacks it).

Scans are made by rasterising the sample PDFs (300 dpi, image-only) and read by OCR; the OCR
time per page is printed too (one process, tesseract limited to one thread).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
PARSE_TESTS = ROOT / "tests" / "core" / "report" / "parse"
sys.path.insert(0, str(PARSE_TESTS))

from rp_shapes import TABLE2_2019, mineru_markdown  # noqa: E402

from gongkai.core.report.parse import parse_bytes, parse_file, parse_text  # noqa: E402
from gongkai.core.report.schema import table3_rows  # noqa: E402
from gongkai.core.report.validate.engine import cell_at  # noqa: E402
from gongkai.core.vocabulary import R3F_2019, TABLE2_FEE_COLUMN, TABLE2_FEE_COLUMN_JSON, RemedyKind  # noqa: E402

SAMPLES = PARSE_TESTS / "samples"
EXPECTED = SAMPLES / "expected"


def expected_cells(exp: dict, tables=("table2", "table3", "table4")) -> dict[str, object]:
    """{cell path: hand-read value} of an expected/*.json."""
    out = {}
    fv = exp["format_version"]
    if "table2" in tables:
        for row, cols in exp["table2"].items():
            for col, value in cols.items():
                out[f"table2.{row}.{TABLE2_FEE_COLUMN if col == TABLE2_FEE_COLUMN_JSON else col}"] = value
    if "table3" in tables:
        keys = {r.label: r.key for r in table3_rows(fv)} | {R3F_2019.label: R3F_2019.key}
        from gongkai.core.vocabulary import TABLE3_COLUMNS

        for label, values in exp["table3"].items():
            for col, value in zip(TABLE3_COLUMNS, values, strict=True):
                out[f"table3.{keys[label]}.{col}"] = value
    if "table4" in tables:
        from gongkai.core.vocabulary import TABLE4_COLUMNS

        kinds = {k.label: k.value for k in RemedyKind}
        for label, values in exp["table4"].items():
            for col, value in zip(TABLE4_COLUMNS, values, strict=True):
                out[f"table4.{kinds[label]}.{col}"] = value
    return out


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) or hasattr(a, "is_finite"):
        try:
            return float(a) == float(b)
        except (TypeError, ValueError):
            return False
    return a == b


def score(report, exp: dict, tables=("table2", "table3", "table4")) -> dict[str, int]:
    undecided = report.undecided_paths()
    counts = {"cells": 0, "correct": 0, "wrong": 0, "undecidable": 0, "absent": 0}
    for path, value in expected_cells(exp, tables).items():
        counts["cells"] += 1
        cell = cell_at(report, path)
        if cell.found:
            counts["correct" if _same(cell.value, value) else "wrong"] += 1
        elif path in undecided:
            counts["undecidable"] += 1
        elif value is None:
            counts["correct"] += 1  # blank/absent in the document, and read as such
        else:
            counts["absent"] += 1
    return counts


def load(name: str) -> dict:
    return json.loads((EXPECTED / name).read_text(encoding="utf-8"))


def pdftotext_default(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def crawler_text(html_path: Path) -> str:
    raw = re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", "", html_path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", raw)))


def mixed(layout: Path) -> str:
    text = layout.read_text(encoding="utf-8")
    return text[: text.index("第二十条")] + TABLE2_2019 + text[text.index("三、收到和处理政府信息公开申请情况") :]


def shapes(ocr: bool):
    """(shape, document, parse thunk, expected, tables scored)."""
    s001, s003 = "001_huaian_szf_2024", "003_hongze_qzf_2023"
    yield "PDF 文字层", s001, lambda: parse_file(SAMPLES / f"{s001}.pdf"), load(f"{s001}_layout.json"), None
    yield "PDF 文字层", s003, lambda: parse_file(SAMPLES / f"{s003}.pdf"), load(f"{s003}_layout.json"), None
    for stem in (s001, s003):
        yield "pdftotext -layout", stem, (lambda s=stem: parse_file(SAMPLES / f"{s}_layout.txt")), \
            load(f"{stem}_layout.json"), None
    for stem in (s001, s003):
        yield "pdftotext 默认模式（派生）", stem, (lambda s=stem: parse_text(pdftotext_default(SAMPLES / f"{s}.pdf"))), \
            load(f"{stem}_layout.json"), None
    yield "网页 HTML", "012", lambda: parse_file(SAMPLES / "012_shanghai_szfbgt_2019.html"), \
        load("012_shanghai_szfbgt_2019.json"), None
    yield "管道符拆格文本", "seed", lambda: parse_file(SAMPLES / "000_eea4a711c55947f4.txt"), load("seed.json"), None
    yield "网页纯文本，数字连写（2021）", "026", lambda: parse_file(SAMPLES / "026_pingtan_qu_2021_pagetxt.txt"), \
        load("026_pingtan_qu_2021_pagetxt.json"), None
    yield "网页纯文本，数字连写（2019，派生）", "012", \
        lambda: parse_text(crawler_text(SAMPLES / "012_shanghai_szfbgt_2019.html")), load("012_shanghai_szfbgt_2019.json"), None
    yield "OCR 转 markdown（原样）", "034", lambda: parse_file(SAMPLES / "034_shuyang_xzf_2025_mdtxt.txt"), \
        load("034_shuyang_xzf_2025_mdtxt.json"), None
    for name in ("001_huaian_szf_2024_layout.json", "034_shuyang_xzf_2025_mdtxt.json", "seed.json"):
        exp = load(name)
        yield "OCR 转 markdown，分页拆表（派生）", name.split("_layout")[0].removesuffix(".json"), (lambda e=exp: parse_text(mineru_markdown(e))), exp, None
    yield "2021年报告配2019年表二（派生）", s001, lambda: parse_text(mixed(SAMPLES / f"{s001}_layout.txt")), \
        load(f"{s001}_layout.json"), ("table3", "table4")
    if ocr:
        from gongkai.core.report.parse import ocr as ocr_mod

        if not ocr_mod.available():
            print("（未安装 tesseract-ocr / tesseract-ocr-chi-sim，跳过扫描件）", file=sys.stderr)
            return
        for stem in (s001, s003):
            scan = ocr_mod.image_only_pdf((SAMPLES / f"{stem}.pdf").read_bytes())
            yield "扫描件 PDF（OCR，派生）", stem, (lambda d=scan, s=stem: parse_bytes(d, f"{s}_scan.pdf")), \
                load(f"{stem}_layout.json"), None


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-ocr", action="store_true", help="不测扫描件（OCR 每页数秒）")
    args = ap.parse_args()
    totals: dict[str, dict[str, int]] = {}
    ocr_pages = ocr_seconds = ocr_cpu = 0.0
    print(f"{'shape':<34}{'doc':<24}{'cells':>6}{'correct':>8}{'wrong':>6}{'undec.':>7}{'absent':>7}")
    for shape, doc, parse, exp, tables in shapes(not args.no_ocr):
        start = time.perf_counter()
        cpu = _cpu()
        report = parse()
        elapsed = time.perf_counter() - start
        cpu = _cpu() - cpu
        if report.source.get("kind") == "pdf-ocr":
            import pypdfium2

            ocr_seconds += elapsed
            ocr_cpu += cpu
            ocr_pages += len(pypdfium2.PdfDocument((SAMPLES / f"{doc}.pdf").read_bytes()))
        counts = score(report, exp, tables or ("table2", "table3", "table4"))
        row = totals.setdefault(shape, dict.fromkeys(counts, 0))
        for k, v in counts.items():
            row[k] += v
        print(f"{shape:<34}{doc:<24}{counts['cells']:>6}{counts['correct']:>8}{counts['wrong']:>6}"
              f"{counts['undecidable']:>7}{counts['absent']:>7}")
    print("\n| 输入形态 | 单元格 | 读对 | 读错 | 无法判定（列出候选/原因） | 未读到 | 准确率 |")
    print("|---|---|---|---|---|---|---|")
    for shape, c in totals.items():
        print(f"| {shape} | {c['cells']} | {c['correct']} | {c['wrong']} | {c['undecidable']} | {c['absent']} | "
              f"{100 * c['correct'] / c['cells']:.0f}% |")
    if ocr_pages:
        print(f"\nOCR：{ocr_pages:.0f}页，每页墙钟{ocr_seconds / ocr_pages:.1f}秒、CPU {ocr_cpu / ocr_pages:.1f}秒"
              "（单进程，tesseract 单线程，两遍识别；CPU 含 tesseract 子进程）")


if __name__ == "__main__":
    main()
