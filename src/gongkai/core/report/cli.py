"""`gongkai report …`: parse, check, render and aggregate annual reports from the command line.

    gongkai report parse FILE… [--json] [-j N]
    gongkai report check FILE… [--previous FILE] [--kind department|government] [--json] [-j N]
                                              (without --previous, one agency's several years in
                                              the batch are checked against each other)
    gongkai report render FILE --to html|docx|pdf|xlsx|json -o OUT
    gongkai report aggregate FILE… -o OUT [--agency 名称] [--year N] [--to FORMAT]
    gongkai report rules                      list the validator rules
    gongkai report schema                     print the JSON Schema of the interchange format

Directories are walked for report files. `-j N` reads in N processes and streams each result as it
comes (JSON Lines with --json), in memory bounded by N (core/report/parallel.py). Batches show a progress bar on stderr (when stderr is a
terminal, or with --progress). `--summary out.csv|out.json` writes one row per report: file,
agency, year, format, cells found, errors, warnings.

Exit status (`gongkai.core.report.validate.Verdict.exit_code`): 0 consistent, 1 the printed figures
break a rule (or the document lacks cells), 2 unreadable input (or bad usage), 3 readable but some
printed cells undecidable and none of the decided ones breaks a rule. A batch exits with the worst:
2, then 1, then 3.
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from gongkai.core.report.schema import Finding, Report

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_UNDECIDABLE = 0, 1, 2, 3
REPORT_SUFFIXES = {
    ".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xhtml", ".shtml", ".pdf", ".docx", ".xlsx", ".json",
}
SEVERITY = {"error": "错误", "warning": "提示"}


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, which asks `shutil.get_terminal_size` for the width: shutil
    imports the bz2/lzma/zlib modules, a noticeable part of the start-up, and argparse makes a
    formatter for every argument it adds. The same width, from the environment or the terminal."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        if width is None:
            try:
                columns = int(os.environ["COLUMNS"])
            except (KeyError, ValueError):
                columns = 0
            if columns <= 0:
                try:
                    columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
                except (AttributeError, ValueError, OSError):
                    columns = 0
            width = (columns or 80) - 2
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese error messages (exit status 2, like unreadable input)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    _MESSAGES = {
        "the following arguments are required": "缺少参数",
        "invalid choice": "无效的选项",
        "unrecognized arguments": "无法识别的参数",
        "expected one argument": "需要一个参数值",
        "argument": "参数",
        "invalid int value": "不是整数",
    }

    def error(self, message: str) -> None:  # pragma: no cover - exercised through main()
        for en, zh in self._MESSAGES.items():
            message = message.replace(en, zh)
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"错误：{message}\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gongkai report", description="政府信息公开工作年度报告：解析、核对、生成、汇总")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    def batch(p: argparse.ArgumentParser) -> None:
        p.add_argument("files", nargs="+", metavar="FILE", help="报告文件或目录（目录会递归查找）")
        p.add_argument("--summary", metavar="OUT", help="汇总表：OUT.csv 或 OUT.json，每份报告一行")
        p.add_argument("--progress", action="store_true", help="显示进度条（终端中默认显示）")
        p.add_argument("--kind", choices=("department", "government"), help="机关类型（默认按名称判断）")

    def jobs(p: argparse.ArgumentParser) -> None:
        p.add_argument("-j", "--jobs", type=int, metavar="N",
                       help="用N个进程并行处理，结果逐份输出（--json 时每行一个JSON对象），内存占用与报告总数无关")

    p = sub.add_parser("parse", help="解析报告，输出读到的数据")
    batch(p)
    jobs(p)
    p.add_argument("--json", action="store_true", help="输出JSON交换格式")

    p = sub.add_parser("check", help="按勾稽规则核对报告")
    batch(p)
    p.add_argument("--previous", metavar="FILE",
                   help="上年报告（跨年核对Y1–Y3）；不指定时，同一机关相邻年度的报告互相核对")
    jobs(p)
    p.add_argument("--json", action="store_true", help="以JSON输出核对结果")

    p = sub.add_parser("render", help="生成 HTML / Word / PDF / Excel / JSON")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", required=True, choices=("html", "docx", "pdf", "xlsx", "json"), help="输出格式")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="输出文件")
    p.add_argument("--kind", choices=("department", "government"), help=argparse.SUPPRESS)

    p = sub.add_parser("aggregate", help="把多个机关的报告汇总为本级政府报告")
    batch(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="输出文件（格式按扩展名，或用 --to）")
    p.add_argument("--to", choices=("html", "docx", "pdf", "xlsx", "json"), help="输出格式")
    p.add_argument("--agency", help="汇总报告的机关名称（如「某某区人民政府」）")
    p.add_argument("--year", type=int, help="只汇总这一年度")

    sub.add_parser("rules", help="列出核对规则")
    sub.add_parser("schema", help="输出JSON交换格式的JSON Schema")
    return parser


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


@dataclass
class Item:
    """One input file and what became of it."""

    path: Path
    report: Report | None = None
    error: str | None = None  # Chinese: why it could not be read
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def verdict(self):
        from gongkai.core.report.validate import verdict

        return verdict(self.report, self.findings)


def expand(paths: Sequence[str]) -> tuple[list[Path], list[Item]]:
    """Files to read (directories walked, sorted) and items for paths that do not exist."""
    files: list[Path] = []
    bad: list[Item] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
            if not found:
                bad.append(Item(path, error=f"目录中没有报告文件（{'、'.join(sorted(REPORT_SUFFIXES))}）"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            bad.append(Item(path, error="文件不存在"))
    return files, bad


def load(path: Path) -> Report:
    """Read one report; raises ParseError (Chinese) for anything unreadable."""
    from gongkai.core.report.parse import ParseError, parse_file

    try:
        report = parse_file(path)
    except ParseError:
        raise
    except Exception as exc:  # the parser promises ParseError only; never show a traceback anyway
        raise ParseError(f"读取失败（{type(exc).__name__}：{exc}）") from exc
    report.source.setdefault("file", str(path))
    return report


def _progress(items: Sequence, enabled: bool, desc: str) -> Iterator:
    if not enabled or len(items) < 2:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, unit="份", file=sys.stderr, dynamic_ncols=True)


def _read_all(args, desc: str) -> list[Item]:
    files, items = expand(args.files)
    show = args.progress or sys.stderr.isatty()
    for path in _progress(files, show, desc):
        item = Item(path)
        try:
            item.report = load(path)
        except Exception as exc:
            item.error = str(exc)
        items.append(item)
    return items


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def cells_found(report: Report) -> tuple[int, int]:
    from gongkai.core.report.validate.engine import cell_at, expected_paths

    paths = list(expected_paths(report))
    return sum(1 for p in paths if cell_at(report, p).found), len(paths)


SUMMARY_FIELDS = ("file", "agency", "year", "format", "cells_found", "cells_expected", "cells_undecidable", "errors",
                  "warnings", "status", "message")


def summary_row(item: Item) -> dict:
    if item.report is None:
        return {"file": str(item.path), "agency": "", "year": "", "format": "", "cells_found": 0, "cells_expected": 0,
                "cells_undecidable": 0, "errors": "", "warnings": "", "status": "unreadable", "message": item.error}
    reading = item.report.reading()
    return {"file": str(item.path), "agency": item.report.agency or "", "year": item.report.year or "",
            "format": item.report.format_version, "cells_found": reading["read"],
            "cells_expected": reading["expected"], "cells_undecidable": reading["undecidable"],
            "errors": item.errors, "warnings": item.warnings, "status": item.verdict.value,
            "message": "；".join(item.report.missing[:3])}


def write_summary(target: str, items: Sequence[Item]) -> None:
    import csv
    import json

    rows = [summary_row(i) for i in items]
    path = Path(target)
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    from gongkai.core.cells import csv_cell

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SUMMARY_FIELDS)
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)  # names from files: no formulas
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")  # BOM: Excel opens Chinese CSV correctly


def _status(items: Sequence[Item]) -> int:
    codes = {i.verdict.exit_code for i in items}
    for code in (EXIT_UNREADABLE, EXIT_ERRORS, EXIT_UNDECIDABLE):
        if code in codes:
            return code
    return EXIT_OK


def _headline(item: Item) -> str:
    r = item.report
    reading = r.reading()
    unsure = f"（另有{reading['undecidable']}个印有但无法判定）" if reading["undecidable"] else ""
    return (f"{item.path}：{r.agency or '（机关不详）'} {r.year or '（年度不详）'}年 {r.format_version}年格式，"
            f"读到{reading['read']}/{reading['expected']}个单元格{unsure}，错误{item.errors}个，提示{item.warnings}个"
            f"——{item.verdict.label}")


def undecided_lines(report: Report) -> list[str]:
    """One line per undecided row: which cells, why, and (up to three of) the candidates."""
    from gongkai.core.report.validate.engine import describe

    lines = []
    for entry in report.undecided.values():
        cells = "、".join(describe(p) for p in entry.columns[:2]) + ("等" if len(entry.columns) > 2 else "")
        shown = "；".join("|".join("空白" if v is None else str(v) for v in c) for c in entry.candidates[:3])
        more = f"（候选：{shown}{'等' if len(entry.candidates) > 3 else ''}）" if shown else ""
        lines.append(f"{cells}（{len(entry.columns)}格）：{entry.reason}{more}")
    return lines


def _print_unreadable(item: Item, out: TextIO) -> None:
    print(f"{item.path}：无法读取：{item.error}", file=out)


# ---------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------


def _validate_items(items: Sequence[Item], previous: Report | None, kind: str | None) -> None:
    from gongkai.core.report.validate import validate

    for item in items:
        if item.report is not None:
            item.findings = validate(item.report, previous, kind=kind)


def _parallel(args, out: TextIO) -> int:
    from gongkai.core.report.parallel import run

    return run(args, out, suffixes=REPORT_SUFFIXES, summary_fields=SUMMARY_FIELDS)


def cmd_parse(args, out: TextIO) -> int:
    if args.jobs:
        return _parallel(args, out)
    items = _read_all(args, "解析")
    _validate_items(items, None, args.kind)
    if args.json:
        data = [i.report.to_json() if i.report else {"file": str(i.path), "error": i.error} for i in items]
        import json

        json.dump(data if len(data) != 1 else data[0], out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        for item in items:
            if item.report is None:
                _print_unreadable(item, out)
                continue
            print(_headline(item), file=out)
            for line in item.report.notes:
                print(f"  更正：{line}", file=out)
            for line in item.report.missing:
                print(f"  缺少：{line}", file=out)
            for line in undecided_lines(item.report):
                print(f"  无法判定：{line}", file=out)
    if args.summary:
        write_summary(args.summary, items)
    return _status(items)


def cmd_check(args, out: TextIO) -> int:
    if args.jobs:
        return _parallel(args, out)
    previous = None
    if args.previous:
        try:
            previous = load(Path(args.previous))
        except Exception as exc:
            print(f"{args.previous}：无法读取上年报告：{exc}", file=sys.stderr)
            return EXIT_UNREADABLE
    items = _read_all(args, "核对")
    if previous is None:
        # several years of one agency in the batch: each is checked against its year N−1 (Y1–Y3)
        from gongkai.core.report.validate.crossyear import check_history

        readable = [i for i in items if i.report is not None]
        for item, found in zip(readable, check_history([i.report for i in readable], kind=args.kind), strict=True):
            item.findings = found
    else:
        _validate_items(items, previous, args.kind)
    if args.json:
        data = [
            {"file": str(i.path), "agency": i.report.agency, "year": i.report.year, "verdict": i.verdict.value,
             "reading": i.report.reading(), "undecided": {k: u.to_json() for k, u in i.report.undecided.items()},
             "findings": [f.to_json() for f in i.findings]}
            if i.report else {"file": str(i.path), "verdict": "unreadable", "error": i.error}
            for i in items
        ]
        import json

        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        for item in items:
            if item.report is None:
                _print_unreadable(item, out)
                continue
            print(_headline(item), file=out)
            for f in item.findings:
                print(f"  [{SEVERITY[f.severity]}] {f.rule} {f.message}", file=out)
        readable = [i for i in items if i.report]
        print(f"共{len(items)}份：无法读取{len(items) - len(readable)}份，"
              f"有错误{sum(1 for i in readable if i.errors)}份，"
              f"无法判定{sum(1 for i in readable if i.verdict.exit_code == EXIT_UNDECIDABLE)}份", file=out)
    if args.summary:
        write_summary(args.summary, items)
    return _status(items)


def _os_error(exc: OSError) -> str:
    """An OS error in Chinese (the system's strerror is English)."""
    known = {errno.ENOENT: "目录不存在", errno.EACCES: "没有写入权限", errno.EISDIR: "这是一个目录",
             errno.ENOSPC: "磁盘空间不足", errno.EROFS: "文件系统只读"}
    return known.get(exc.errno, f"{exc.strerror or exc}")


def _write_output(report_or_data, fmt: str, target: str) -> None:
    from gongkai.core.report.render import render

    data = render(report_or_data, fmt)
    path = Path(target)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def _format_for(target: str, explicit: str | None) -> str | None:
    if explicit:
        return explicit
    suffix = Path(target).suffix.lower().lstrip(".")
    return {"htm": "html"}.get(suffix, suffix) if suffix in ("html", "htm", "docx", "pdf", "xlsx", "json") else None


def cmd_render(args, out: TextIO) -> int:
    from gongkai.core.report.validate import validate

    path = Path(args.file)
    try:
        report = load(path)
    except Exception as exc:
        print(f"{path}：无法读取：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    findings = validate(report, kind=args.kind)
    try:
        _write_output(report, args.to, args.output)
    except OSError as exc:
        print(f"无法写入{args.output}：{_os_error(exc)}", file=sys.stderr)
        return EXIT_UNREADABLE
    errors = sum(1 for f in findings if f.severity == "error")
    print(f"已生成{args.output}（{args.to}）；核对：错误{errors}个，提示{len(findings) - errors}个", file=out)
    return EXIT_ERRORS if errors else EXIT_OK


def cmd_aggregate(args, out: TextIO) -> int:
    from gongkai.core.report.aggregate import AggregationError, aggregate

    fmt = _format_for(args.output, args.to)
    if fmt is None:
        print(f"无法从输出文件名判断格式：{args.output}（请用 --to 指定 html、docx、pdf、xlsx 或 json）", file=sys.stderr)
        return EXIT_UNREADABLE
    items = _read_all(args, "汇总")
    unreadable = [i for i in items if i.report is None]
    for item in unreadable:
        _print_unreadable(item, sys.stderr)
    if unreadable:
        print("有报告无法读取，未汇总（汇总须包含全部机关）", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        result = aggregate([i.report for i in items], agency=args.agency, year=args.year)
    except AggregationError as exc:
        print(f"无法汇总：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    for item, contribution in zip(items, result.contributions, strict=True):
        item.findings = contribution.findings
    try:
        if fmt == "json":
            import json

            Path(args.output).write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n",
                                         encoding="utf-8")
        else:
            _write_output(result.report, fmt, args.output)
    except OSError as exc:
        print(f"无法写入{args.output}：{_os_error(exc)}", file=sys.stderr)
        return EXIT_UNREADABLE
    report = result.report
    print(f"已汇总{len(items)}份报告 → {args.output}（{report.agency} {report.year}年）", file=out)
    for item, c in zip(items, result.contributions, strict=True):
        print(f"  {c.agency or item.path}：贡献{len(c.cells)}个非零单元格，错误{len(c.errors)}个", file=out)
    for note in result.notes:
        print(f"  注意：{note}", file=out)
    for f in report.findings:
        print(f"  [汇总表{SEVERITY[f.severity]}] {f.rule} {f.message}", file=out)
    if args.summary:
        write_summary(args.summary, items)
    bad_inputs = any(c.errors for c in result.contributions)
    return EXIT_ERRORS if bad_inputs or report.errors else EXIT_OK


def cmd_rules(args, out: TextIO) -> int:
    from gongkai.core.report.validate import RULES

    for rule in RULES.values():
        state = f"（未核对：{rule.skipped}）" if rule.skipped else ""
        print(f"{rule.id}\t{SEVERITY[rule.severity]}\t{rule.title}{state}\t依据：{rule.basis}", file=out)
    return EXIT_OK


def cmd_schema(args, out: TextIO) -> int:
    import json

    from gongkai.core.report import json_schema

    json.dump(json_schema(), out, ensure_ascii=False, indent=1)
    out.write("\n")
    return EXIT_OK


COMMANDS = {"parse": cmd_parse, "check": cmd_check, "render": cmd_render, "aggregate": cmd_aggregate,
            "rules": cmd_rules, "schema": cmd_schema}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run `gongkai report …`; returns the exit status (never raises on bad input)."""
    parser = _build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    if not args.command:
        parser.print_help(out or sys.stdout)
        return EXIT_UNREADABLE
    try:
        return COMMANDS[args.command](args, out or sys.stdout)
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except Exception as exc:  # last resort: a user never sees a traceback (the bug is still named)
        print(f"内部错误（{type(exc).__name__}：{exc}），请把输入文件和这条信息报告给维护者", file=sys.stderr)
        return EXIT_UNREADABLE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
