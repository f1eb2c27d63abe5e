"""`gongkai report parse|check DIR -j N`: many reports in N processes, streamed.

Memory stays bounded by N whatever the size of the corpus: the directory is walked lazily (once to
count, once to read), at most 2·N files are in flight, each result is written as soon as it arrives
(one JSON object per line with --json, else the text lines) and then dropped, and the --summary
table is written row by row. A worker process is replaced after MAX_TASKS_PER_CHILD files, so a
parser that leaks cannot grow without bound either.

`parse`, and `check --previous FILE`, read and check each file on its own (against that report).
`check` without --previous pairs one agency's consecutive years as the sequential mode does
(`crossyear.check_history`), in two passes: the workers read every file, keep the parsed report in a
temporary file (a few KB each, on disk, deleted at the end) and send back only its (agency, year);
the parent pairs those keys (`crossyear.history_groups`: an agency's chain of years is one group,
every other file a group of its own) and the workers check group by group, streaming the results.
The parent then holds one small key per file, not the reports. The findings are the sequential
mode's; the output lists each group's files together (a group in the order of its first file).

Results are written in submission order whatever the number of processes, so `-j 1` and `-j 8`
print the same lines.
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import pickle
import sys
import tempfile
from collections import deque
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
    from gongkai.core.report.cli import Item, load
    from gongkai.core.report.validate import validate

    item = Item(Path(path))
    try:
        item.report = load(item.path)
    except Exception as exc:
        item.error = str(exc)
    if item.report is not None:
        item.findings = validate(item.report, _PREVIOUS if command == "check" else None, kind=_KIND)
    return _output(item, command, with_report)


def _output(item, command: str, with_report: bool) -> dict:
    from gongkai.core.report.cli import SEVERITY, _headline, summary_row

    path = str(item.path)
    row = summary_row(item)
    out = {"row": row, "exit_code": item.verdict.exit_code}
    if item.report is None:
        out["json"] = {"file": path, "verdict": "unreadable", "error": item.error}
        out["text"] = [f"{path}：无法读取：{item.error}"]
        return out
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


def read_for_history(path: str, spill: str) -> dict:
    """Pass 1 of `check` without --previous: parse one file, keep the report in `spill` (pickle),
    return only its pairing key (or the reason it is unreadable)."""
    from gongkai.core.report.cli import load
    from gongkai.core.report.validate.crossyear import year_key

    try:
        report = load(Path(path))
    except Exception as exc:
        return {"key": None, "error": str(exc)}
    with open(spill, "wb") as f:
        pickle.dump(report, f, protocol=pickle.HIGHEST_PROTOCOL)
    return {"key": year_key(report), "error": None}


def check_group(members: list[tuple[str, str, str | None]]) -> list[dict]:
    """Pass 2: check one group [(path, spill file, read error)] with `check_history` (an agency's
    consecutive years against each other); one output per member, in the group's order."""
    from gongkai.core.report.cli import Item
    from gongkai.core.report.validate.crossyear import check_history

    items = []
    for path, spill, error in members:
        item = Item(Path(path), error=error)
        if error is None:
            with open(spill, "rb") as f:
                item.report = pickle.load(f)  # noqa: S301 - written by pass 1 of this very run
            os.unlink(spill)
        items.append(item)
    readable = [i for i in items if i.report is not None]
    for item, found in zip(readable, check_history([i.report for i in readable], kind=_KIND), strict=True):
        item.findings = found
    return [_output(item, "check", False) for item in items]


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


def _in_order(pool: ProcessPoolExecutor, calls, jobs: int) -> Iterator:
    """Submit `calls` ((fn, args) pairs) keeping at most 2·N in flight; yield the results in
    submission order (a slow file holds back at most 2·N results)."""
    queue: deque[Future] = deque()

    def ready() -> Iterator:
        while queue and queue[0].done():
            yield queue.popleft().result()

    for fn, call_args in calls:
        queue.append(pool.submit(fn, *call_args))
        while len(queue) >= 2 * jobs:
            if not queue[0].done():
                wait({f for f in queue if not f.done()}, return_when=FIRST_COMPLETED)
            yield from ready()
    while queue:
        queue[0].result()
        yield from ready()


def _run_history(pool: ProcessPoolExecutor, files: Iterator[Path], spill: str, jobs: int, emit, bar) -> None:
    """`check` without --previous: read everything (pass 1), pair the keys, check group by group."""
    from gongkai.core.report.validate.crossyear import history_groups

    paths: list[str] = []
    keys: list = []
    errors: list[str | None] = []

    def calls():
        for number, path in enumerate(files):
            paths.append(str(path))
            yield read_for_history, (str(path), os.path.join(spill, f"{number}.pickle"))

    if bar is not None:
        bar.set_description("读取")
    for result in _in_order(pool, calls(), jobs):
        keys.append(tuple(result["key"]) if result["key"] else None)
        errors.append(result["error"])
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.reset()
        bar.set_description("核对")
    groups = ((check_group, ([(paths[i], os.path.join(spill, f"{i}.pickle"), errors[i]) for i in group],))
              for group in history_groups(keys))
    for outputs in _in_order(pool, groups, jobs):
        for result in outputs:
            emit(result)


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

    def emit_missing() -> None:
        for path, error in missing:
            emit({"exit_code": EXIT_UNREADABLE, "json": {"file": path, "verdict": "unreadable", "error": error},
                  "text": [f"{path}：无法读取：{error}"],
                  "row": {**dict.fromkeys(summary_fields, ""), "file": path, "status": "unreadable", "message": error}})

    # forkserver: the workers start clean (no copy of the parent's threads, e.g. tqdm's monitor).
    context = multiprocessing.get_context("forkserver")
    history = args.command == "check" and previous_json is None
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init,
                                 initargs=(previous_json, args.kind),
                                 max_tasks_per_child=MAX_TASKS_PER_CHILD) as pool:
            if history:
                with tempfile.TemporaryDirectory(prefix="gongkai-check-") as spill:
                    _run_history(pool, files, spill, jobs, emit, bar)
            else:
                calls = ((work, (str(path), args.command, as_json)) for path in files)
                for result in _in_order(pool, calls, jobs):
                    emit(result)
        emit_missing()
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
