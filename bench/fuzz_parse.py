"""Fuzz the report parsers: random and damaged inputs must raise nothing but ParseError.

    .venv/bin/python bench/fuzz_parse.py                 # 100 000 inputs (about 10 minutes)
    .venv/bin/python bench/fuzz_parse.py -n 5000 --seed 7

Inputs, in equal parts: random bytes; random text made of report fragments (labels, numbers,
pipes, markup); real sample reports (tests/core/report/parse/samples) truncated, spliced, with bytes
flipped or lines shuffled; and the same damage applied to the binary samples (PDF, and DOCX/XLSX
made on the fly) for one input in a hundred. Every input goes through `parse_bytes` (with a
random file name) or `parse_text`.

Prints the counts: parsed, ParseError (expected), internal ParseError (a parser bug caught by
the guard) and any other exception (a contract breach). Exit status 1 if the last two are not 0.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "core" / "report" / "parse"))

from gongkai.core.report.parse import ParseError, parse_bytes, parse_text  # noqa: E402

SAMPLES = ROOT / "tests" / "core" / "report" / "parse" / "samples"
NAMES = [None, "r.txt", "r.md", "r.html", "r.htm", "r.pdf", "r.docx", "r.xlsx", "r.json", "r"]


def fragments() -> list[str]:
    from rp_builders import FRAGMENTS

    return FRAGMENTS


def damaged(rng: random.Random, data: bytes) -> bytes:
    how = rng.randrange(5)
    if how == 0 and data:  # truncate
        return data[: rng.randrange(len(data))]
    if how == 1 and data:  # flip bytes
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if how == 2 and data:  # splice a piece elsewhere
        a, b = sorted(rng.randrange(len(data)) for _ in range(2))
        at = rng.randrange(len(data))
        return data[:at] + data[a:b] + data[at:]
    if how == 3:  # shuffle lines
        lines = data.split(b"\n")
        rng.shuffle(lines)
        return b"\n".join(lines)
    return data[::-1] if rng.random() < 0.5 else data.upper()


def office_samples() -> list[tuple[bytes, str]]:
    import io

    import docx
    import openpyxl

    d = docx.Document()
    d.add_paragraph("测试局2023年政府信息公开工作年度报告")
    t = d.add_table(rows=2, cols=8)
    t.cell(0, 0).text = "一、本年新收政府信息公开申请数量"
    for i in range(7):
        t.cell(0, i + 1).text = str(i)
    buf = io.BytesIO()
    d.save(buf)
    wb = openpyxl.Workbook()
    wb.active.append(["一、本年新收政府信息公开申请数量", 1, 0, 0, 0, 0, 0, 1])
    buf2 = io.BytesIO()
    wb.save(buf2)
    return [(buf.getvalue(), "r.docx"), (buf2.getvalue(), "r.xlsx")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    texts = [(p.read_bytes(), p.name) for p in sorted(SAMPLES.iterdir()) if p.suffix in (".txt", ".html")]
    binaries = [
        (p.read_bytes(), p.name) for p in sorted(SAMPLES.iterdir()) if p.suffix == ".pdf"
    ] + office_samples()
    frags = fragments()
    counts = {"parsed": 0, "ParseError": 0, "internal": 0, "other": 0}
    examples: list[str] = []
    start = time.perf_counter()
    for i in range(args.n):
        kind = i % 4
        try:
            if kind == 0:
                parse_bytes(rng.randbytes(rng.randrange(0, 600)), rng.choice(NAMES))
            elif kind == 1:
                text = "".join(rng.choice(frags) for _ in range(rng.randrange(0, 80)))
                parse_text(text)
            elif kind == 2 or rng.random() >= 0.01:
                data, name = rng.choice(texts)
                parse_bytes(damaged(rng, data), rng.choice([name, *NAMES]))
            else:
                data, name = rng.choice(binaries)
                parse_bytes(damaged(rng, data), name)
            counts["parsed"] += 1
        except ParseError as exc:
            if exc.internal:
                counts["internal"] += 1
                if len(examples) < 5:
                    examples.append(f"#{i}: {exc} ← {exc.__cause__!r}")
            else:
                counts["ParseError"] += 1
        except Exception:  # noqa: BLE001 - counting contract breaches is the point
            counts["other"] += 1
            if len(examples) < 5:
                examples.append(f"#{i}: {traceback.format_exc(limit=3)}")
        if (i + 1) % 10_000 == 0:
            print(f"  {i + 1} inputs, {time.perf_counter() - start:.0f} s", flush=True)
    elapsed = time.perf_counter() - start
    print(f"{args.n} inputs in {elapsed:.0f} s ({args.n / elapsed:.0f}/s), seed {args.seed}")
    for key, value in counts.items():
        print(f"  {key:<11} {value}")
    for example in examples:
        print(example)
    return 1 if counts["internal"] or counts["other"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
