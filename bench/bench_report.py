"""Benchmark of the report engine's output side: PDF render time, other renderers, validation.

    .venv/bin/python bench/bench_report.py [--repeat N]

Prints, for the sample reports (tests/core/report/validate/samples/*.json):
- PDF render time per report (target ≤ 1 s; the first render includes WeasyPrint's start-up),
- HTML / DOCX / XLSX / JSON renders per second,
- validations per second (all rules, with and without a previous year),
- aggregation of 200 reports,
- peak memory (max RSS) of a fresh process that renders one notice PDF and one annual-report PDF
  (target ≤ 150 MB for the notice, issue 16), and the fonts each PDF embeds (only the shipped faces).
Parse throughput (text/HTML/PDF inputs) is measured by bench/bench_parse.py.

The long robustness fuzz run of the validator and renderers (100 000 malformed reports) is a
pytest run, not a benchmark:

    GONGKAI_FUZZ_EXAMPLES=100000 .venv/bin/pytest -q -s -m slow tests/core/report/validate/test_robustness.py
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gongkai.core.report.aggregate import aggregate  # noqa: E402
from gongkai.core.report.render import render  # noqa: E402
from gongkai.core.report.schema import Report  # noqa: E402
from gongkai.core.report.validate import validate  # noqa: E402

SAMPLES = ROOT / "tests" / "core" / "report" / "validate" / "samples"


def load_samples() -> list[Report]:
    return [Report.from_json(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(SAMPLES.glob("*.json"))]


def per_second(fn, items, min_seconds: float = 1.0) -> float:
    count, start = 0, time.perf_counter()
    while True:
        for item in items:
            fn(item)
        count += len(items)
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return count / elapsed


# Run in a fresh interpreter so that its max RSS is the render's alone (imports included, as in a
# worker that renders its first PDF); prints "<max RSS in KB> <fonts embedded>".
PEAK_PROBE = """
import io, json, resource, sys
sys.path.insert(0, sys.argv[1])
kind = sys.argv[2]
if kind == "notice":
    from gongkai.core.notice import Notice, notice_pdf
    body = "本机关于2026年3月1日收到您提出的政府信息公开申请。经审查，现答复如下：您申请获取的信息属于公开范围。"
    pdf = notice_pdf(Notice(title="政府信息公开申请答复书", number="门科信公开〔2026〕第12号",
                            agency_name="北京市门头沟区科学技术和信息化局", paragraphs=["张三：", *[body] * 8],
                            date_text="2026年3月8日"))
else:
    from gongkai.core.report.render import render_pdf
    from gongkai.core.report.schema import Report
    pdf = render_pdf(Report.from_json(json.loads(open(sys.argv[3], encoding="utf-8").read())))
import pdfplumber
from pdfminer.pdftypes import resolve1
fonts = set()
with pdfplumber.open(io.BytesIO(pdf)) as doc:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # before pdfplumber reads the result
    for page in doc.pages:
        for ref in resolve1(resolve1(page.page_obj.resources).get("Font", {})).values():
            fonts.add(resolve1(ref)["BaseFont"].name.split("+", 1)[-1])
print(peak, ",".join(sorted(fonts)))
"""


def pdf_peak(kind: str) -> tuple[float, str]:
    """(max RSS in MB of a fresh process rendering one PDF of `kind`, fonts the PDF embeds)."""
    sample = str(SAMPLES / "001_huaian_szf_2024_layout.json")
    done = subprocess.run([sys.executable, "-c", PEAK_PROBE, str(ROOT / "src"), kind, sample],
                          capture_output=True, text=True, check=True)
    kb, fonts = done.stdout.split()
    return int(kb) / 1024, fonts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="PDF renders per sample (default 3)")
    args = parser.parse_args(argv)
    reports = load_samples()

    print(f"样本报告 {len(reports)} 份（{SAMPLES.relative_to(ROOT)}）")
    start = time.perf_counter()
    render(reports[0], "pdf")
    print(f"PDF 首次渲染（含 WeasyPrint 启动）: {time.perf_counter() - start:.2f} s")
    times, cpu = [], []
    for report in reports:
        for _ in range(args.repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            render(report, "pdf")
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    verdict = "达标" if statistics.median(times) <= 1.0 else "未达标"
    print(f"PDF 渲染（墙钟）: 中位数 {statistics.median(times):.2f} s, 最慢 {max(times):.2f} s "
          f"（{len(times)} 次，目标 ≤ 1 s：{verdict}）")
    # CPU time is what one core spends; on a shared machine the wall clock also counts waiting.
    print(f"PDF 渲染（CPU）: 中位数 {statistics.median(cpu):.2f} s, 最慢 {max(cpu):.2f} s")

    for fmt in ("html", "docx", "xlsx", "json"):
        rate = per_second(lambda r, fmt=fmt: render(r, fmt), reports)
        print(f"{fmt.upper():5} 渲染: {rate:8.1f} 份/秒")

    rate = per_second(validate, reports)
    print(f"核对（全部规则）: {rate:8.1f} 份/秒")
    pairs = list(zip(reports, reports[1:] + reports[:1], strict=True))
    rate = per_second(lambda pair: validate(pair[0], pair[1]), pairs)
    print(f"核对（含上年报告）: {rate:8.1f} 份/秒")

    many = []
    for i in range(200):
        report = Report.from_json(reports[i % len(reports)].to_json())
        report.year, report.agency, report.format_version = 2024, f"第{i}号机关", report.format_version
        if report.format_version == "2021":
            many.append(report)
    start = time.perf_counter()
    result = aggregate(many, agency="汇总")
    print(f"汇总 {len(many)} 份报告: {time.perf_counter() - start:.2f} s（含逐份核对），汇总表错误 {len(result.report.errors)} 个")

    for kind, label in (("notice", "告知书"), ("report", "年度报告")):
        peak, fonts = pdf_peak(kind)
        target = f"（目标 ≤ 150 MB：{'达标' if peak <= 150 else '未达标'}）" if kind == "notice" else ""
        print(f"{label} PDF 峰值内存（新进程，含导入）: {peak:.0f} MB{target}；嵌入字体: {fonts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
