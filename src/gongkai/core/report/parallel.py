"""`gongkai report parse|check DIR -j N`: many reports in N processes, streamed.

Memory stays bounded by N whatever the size of the corpus: the directory is walked lazily (once to
count, once to read), at most 2·N files are in flight, each result is written as soon as it arrives
(one JSON object per line with --json, else the text lines) and then dropped, and the --summary
table is written row by row. A worker process is replaced after MAX_TASKS_PER_CHILD files, so a
parser that leaks cannot grow without bound either.

Each file is read and checked on its own (with --previous, against that report); the pairing of one
agency's consecutive years (check without --previous) needs every report at once and is the
sequential mode's (no -j).
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import TextIO

MAX_TASKS_PER_CHILD = 500


def iter_files(paths: Sequence[str], suffixes: set[str], missing: list[tuple[str, str]]) -> Iterator[Path]:
    """Report files under `paths`, in a stable order, without holding the list (os.walk, sorted per folder)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for folder, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if Path(name).suffix.lower() in suffixes:
                        found = True
                        yield Path(folder) / name
            if not found:
                missing.append((str(path), f"目录中没有报告文件（{'、'.join(sorted(suffixes))}）"))
        elif path.exists():
            yield path
        else:
            missing.append((str(path), "文件不存在"))


# -- in the worker process -----------------------------------------------------------------------

_PREVIOUS = None
_KIND = None


def _init(previous_json: dict | None, kind: str | None) -> None:
    global _PREVIOUS, _KIND
    from gongkai.core.report.schema import Report

    _PREVIOUS = Report.from_json(previous_json) if previous_json else None
    _KIND = kind


def work(path: str, command: str, with_report: bool) -> dict:
    """Parse and check one file; returns what the parent writes (a JSON-able dict, small)."""
    from gongkai.core.report.cli import Item, load, summary_row
    from gongkai.core.report.validate import validate

    item = Item(Path(path))
    try:
        item.report = load(item.path)
    except Exception as exc:
        item.error = str(exc)
    if item.report is not None:
        item.findings = validate(item.report, _PREVIOUS if command == "check" else None, kind=_KIND)
    row = summary_row(item)
    out = {"row": row, "exit_code": item.verdict.exit_code}
    if item.report is None:
        out["json"] = {"file": path, "verdict": "unreadable", "error": item.error}
        out["text"] = [f"{path}：无法读取：{item.error}"]
        return out
    from gongkai.core.report.cli import SEVERITY, _headline

    lines = [_headline(item)]
    if command == "check":
        lines += [f"  [{SEVERITY[f.severity]}] {f.rule} {f.message}" for f in item.findings]
        out["json"] = {"file": path, "agency": item.report.agency, "year": item.report.year,
                       "verdict": item.verdict.value, "reading": item.report.reading(),
                       "findings": [f.to_json() for f in item.findings]}
    else:
        lines += [f"  更正：{line}" for line in item.report.notes] + [f"  缺少：{line}" for line in item.report.missing]
        out["json"] = item.report.to_json() if with_report else {"file": path, **row}
    out["text"] = lines
    return out


# -- in the parent -------------------------------------------------------------------------------


class SummaryWriter:
    """--summary OUT.csv|OUT.json, written row by row."""

    def __init__(self, target: str | None, fields: Sequence[str]):
        self.file = None
        if not target:
            return
        self.json = Path(target).suffix.lower() == ".json"
        self.file = open(target, "w", encoding="utf-8" if self.json else "utf-8-sig", newline="")  # noqa: SIM115
        self.first = True
        if self.json:
            self.file.write("[\n")
        else:
            self.csv = csv.DictWriter(self.file, fieldnames=fields)
            self.csv.writeheader()

    def add(self, row: dict) -> None:
        if self.file is None:
            return
        if self.json:
            self.file.write(("" if self.first else ",\n") + json.dumps(row, ensure_ascii=False))
            self.first = False
        else:
            self.csv.writerow(row)

    def close(self) -> None:
        if self.file is not None:
            if self.json:
                self.file.write("\n]\n")
            self.file.close()


def run(args, out: TextIO, *, suffixes: set[str], summary_fields: Sequence[str]) -> int:
    """The streaming, parallel form of `cmd_parse` / `cmd_check`; returns the exit status."""
    from gongkai.core.report.cli import EXIT_ERRORS, EXIT_OK, EXIT_UNDECIDABLE, EXIT_UNREADABLE, load

    jobs = max(1, int(args.jobs))
    as_json = bool(getattr(args, "json", False))
    previous_json = None
    if getattr(args, "previous", None):
        try:
            previous_json = load(Path(args.previous)).to_json()
        except Exception as exc:
            print(f"{args.previous}：无法读取上年报告：{exc}", file=sys.stderr)
            return EXIT_UNREADABLE

    missing: list[tuple[str, str]] = []
    total = sum(1 for _ in iter_files(args.files, suffixes, []))
    files = iter_files(args.files, suffixes, missing)
    summary = SummaryWriter(args.summary, summary_fields)
    codes: set[int] = set()
    counts = {"all": 0, "unreadable": 0, "errors": 0, "undecidable": 0}
    bar = None
    if (args.progress or sys.stderr.isatty()) and total > 1:
        from tqdm import tqdm

        bar = tqdm(total=total, desc="核对" if args.command == "check" else "解析", unit="份", file=sys.stderr,
                   dynamic_ncols=True)

    def emit(result: dict) -> None:
        codes.add(result["exit_code"])
        counts["all"] += 1
        counts["unreadable"] += result["exit_code"] == EXIT_UNREADABLE
        counts["errors"] += result["exit_code"] == EXIT_ERRORS
        counts["undecidable"] += result["exit_code"] == EXIT_UNDECIDABLE
        if as_json:
            out.write(json.dumps(result["json"], ensure_ascii=False) + "\n")
        else:
            out.write("\n".join(result["text"]) + "\n")
        out.flush()
        summary.add(result["row"])
        if bar is not None:
            bar.update(1)

    # forkserver: the workers start clean (no copy of the parent's threads, e.g. tqdm's monitor).
    context = multiprocessing.get_context("forkserver")
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init,
                                 initargs=(previous_json, args.kind),
                                 max_tasks_per_child=MAX_TASKS_PER_CHILD) as pool:
            pending: set[Future] = set()
            order: dict[Future, int] = {}  # submission order: results finished together print in it

            def emit_done(done: set[Future]) -> None:
                for future in sorted(done, key=order.pop):
                    emit(future.result())

            for number, path in enumerate(files):
                future = pool.submit(work, str(path), args.command, as_json)
                order[future] = number
                pending.add(future)
                if len(pending) >= 2 * jobs:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    emit_done(done)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                emit_done(done)
        for path, error in missing:
            emit({"exit_code": EXIT_UNREADABLE, "json": {"file": path, "verdict": "unreadable", "error": error},
                  "text": [f"{path}：无法读取：{error}"],
                  "row": {**dict.fromkeys(summary_fields, ""), "file": path, "status": "unreadable", "message": error}})
    finally:
        summary.close()
        if bar is not None:
            bar.close()
    if not as_json:
        print(f"共{counts['all']}份：无法读取{counts['unreadable']}份，有错误{counts['errors']}份，"
              f"无法判定{counts['undecidable']}份", file=out)
    for code in (EXIT_UNREADABLE, EXIT_ERRORS, EXIT_UNDECIDABLE):
        if code in codes:
            return code
    return EXIT_OK
