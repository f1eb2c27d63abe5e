"""Sum the annual reports of many agencies into one government-level report.

    from gongkai.core.report.aggregate import aggregate
    result = aggregate(reports, agency="某某区人民政府（全区汇总）", year=2024)
    result.report          # the summed Report (validated as a government report)
    result.contributions   # per agency: the cells it contributed and its own findings
    result.notes           # what could not be summed, in Chinese

Every input is validated first (its findings travel with its contribution). Reports of different
years or format versions cannot be summed (the tables differ: docs/law.md §2.9) and raise
`AggregationError` with a Chinese message. A cell that some input lacks or prints as text is
summed over the inputs that have a number, and the gap is listed in `notes` and lowers the summed
cell's confidence: nothing is invented, nothing silently dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.core.report.schema import FORMAT_2019, Cell, Fees, Finding, Report, table2_blocks, table3_rows
from gongkai.core.report.validate import validate
from gongkai.core.report.validate.engine import _is_number, merged_other_row, subrows_empty
from gongkai.core.vocabulary import G_OTHER, TABLE3_COLUMNS, TABLE4_COLUMNS, RemedyKind, normalise_label


class AggregationError(ValueError):
    """The reports cannot be summed (Chinese message)."""


@dataclass
class Contribution:
    agency: str | None
    year: int | None
    source: str | None  # the input file, when known
    cells: dict[str, int | Decimal] = field(default_factory=dict)  # non-zero values it added, by path
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def to_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "year": self.year,
            "source": self.source,
            "cells": {k: (float(v) if isinstance(v, Decimal) and v != int(v) else int(v)) for k, v in self.cells.items()},
            "findings": [f.to_json() for f in self.findings],
        }


@dataclass
class Aggregation:
    report: Report
    contributions: list[Contribution]
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = self.report.to_json()
        data["aggregation"] = {
            "contributions": [c.to_json() for c in self.contributions],
            "notes": list(self.notes),
        }
        return data


def _name(report: Report, index: int) -> str:
    return report.agency or (report.source or {}).get("file") or f"第{index + 1}份报告"


class _Sum:
    """A running sum for one output cell."""

    def __init__(self) -> None:
        self.total: int | Decimal = 0
        self.numbers = 0
        self.blanks = 0
        self.gaps: list[str] = []  # Chinese: who lacks it or printed text

    def add(self, cell: Cell | None, who: str) -> int | Decimal | None:
        if cell is None or not cell.found:
            self.gaps.append(f"{who}（缺失）")
            return None
        if cell.value is None:
            self.blanks += 1
            return None
        if not _is_number(cell.value):
            self.gaps.append(f"{who}（「{cell.value}」不是数字）")
            return None
        self.total += cell.value
        self.numbers += 1
        return cell.value

    def cell(self) -> Cell:
        if not self.numbers and not self.blanks:
            return Cell.missing()
        if not self.numbers:
            return Cell(None, source="汇总")
        return Cell(self.total, source="汇总", confidence=0.5 if self.gaps else 1.0)


def aggregate(
    reports: Sequence[Report],
    *,
    agency: str | None = None,
    year: int | None = None,
    title: str | None = None,
) -> Aggregation:
    """Sum `reports` (same year, same format) into one report; see the module docstring."""
    if not reports:
        raise AggregationError("没有可汇总的报告")
    names = [_name(r, i) for i, r in enumerate(reports)]
    years = {r.year for r in reports}
    if None in years:
        who = "、".join(n for n, r in zip(names, reports, strict=True) if r.year is None)
        raise AggregationError(f"以下报告没有年度，无法汇总：{who}")
    if year is not None and years != {year}:
        others = "、".join(f"{n}（{r.year}年）" for n, r in zip(names, reports, strict=True) if r.year != year)
        raise AggregationError(f"只能汇总{year}年度的报告，以下报告年度不符：{others}")
    if len(years) > 1:
        listing = "；".join(f"{y}年：" + "、".join(n for n, r in zip(names, reports, strict=True) if r.year == y)
                           for y in sorted(years))
        raise AggregationError(f"不能汇总不同年度的报告（{listing}）")
    versions = {r.format_version for r in reports}
    if len(versions) > 1:
        listing = "；".join(f"{v}年格式：" + "、".join(n for n, r in zip(names, reports, strict=True)
                                                   if r.format_version == v) for v in sorted(versions))
        raise AggregationError(f"不能汇总不同格式版本的报告，表格口径不同（{listing}）")
    seen: dict[str, str] = {}
    for name, report in zip(names, reports, strict=True):
        if report.agency:
            key = normalise_label(report.agency)
            if key in seen:
                raise AggregationError(f"机关「{report.agency}」的报告出现了两次，汇总会重复计算")
            seen[key] = name

    (the_year,) = years
    (fv,) = versions
    out = Report(format_version=fv, year=the_year, agency=agency or "汇总")
    out.title = title or f"{out.agency}{the_year}年政府信息公开工作年度报告"
    out.source = {"kind": "aggregate", "inputs": len(reports)}
    contributions = [
        Contribution(r.agency, r.year, (r.source or {}).get("file"), findings=validate(r)) for r in reports
    ]
    notes: list[str] = []

    def sum_cells(path: str, cells: list[Cell | None]) -> Cell:
        acc = _Sum()
        for cell, name, contribution in zip(cells, names, contributions, strict=True):
            value = acc.add(cell, name)
            if value:
                contribution.cells[path] = value
        if acc.gaps:
            notes.append(f"{path}：只汇总了有数字的报告，" + "、".join(acc.gaps))
        return acc.cell()

    for block in table2_blocks(fv):
        for row in block.rows:
            out.table2[row] = {
                col: sum_cells(f"table2.{row}.{col}", [r.table2.get(row, {}).get(col) for r in reports])
                for col in block.columns
            }

    # （六）其他处理: reports that print it as one row cannot be split into 1–3, so if any of them
    # has a non-zero value, the sum is printed the same way (one row, sub-rows blank).
    collapsed = [fv != FORMAT_2019 and merged_other_row(r) is not None and subrows_empty(r) for r in reports]
    merge_other = any(
        flag and any(c.number for c in r.table3_extra_rows[merged_other_row(r)] if isinstance(c, Cell))
        for flag, r in zip(collapsed, reports, strict=True)
    )

    def t3(report: Report, key: str, i: int) -> Cell | None:
        cells = report.table3.get(key) or []
        return cells[i] if i < len(cells) else None

    for row in table3_rows(fv):
        if merge_other and row.group == G_OTHER:
            out.table3[row.key] = [Cell(None, source="汇总") for _ in TABLE3_COLUMNS]
            continue
        out.table3[row.key] = [
            sum_cells(f"table3.{row.key}.{col}",
                      [Cell(0) if flag and row.group == G_OTHER else t3(r, row.key, i)
                       for flag, r in zip(collapsed, reports, strict=True)])
            for i, col in enumerate(TABLE3_COLUMNS)
        ]
    if merge_other:
        notes.append("部分机关把「（六）其他处理」作为一行填报，无法拆分为1至3项，汇总表按一行列出")
        merged: list[Cell] = []
        for i, col in enumerate(TABLE3_COLUMNS):
            cells = []
            for flag, r in zip(collapsed, reports, strict=True):
                if flag:
                    row_cells = r.table3_extra_rows[merged_other_row(r)]
                    cells.append(row_cells[i] if i < len(row_cells) else None)
                else:
                    parts = [t3(r, k, i) for k in ("R3f1", "R3f2", "R3f3")]
                    if all(p is not None and p.found and (p.value is None or _is_number(p.value)) for p in parts):
                        cells.append(Cell(sum(p.number for p in parts)))
                    else:
                        cells.append(Cell.missing())
            merged.append(sum_cells(f"table3_extra_rows.{G_OTHER}.{col}", cells))
        out.table3_extra_rows[G_OTHER] = merged

    for kind in RemedyKind:
        out.table4[kind.value] = [
            sum_cells(f"table4.{kind.value}.{col}",
                      [(r.table4.get(kind.value) or [None] * 5)[i] if i < len(r.table4.get(kind.value) or []) else None
                       for r in reports])
            for i, col in enumerate(TABLE4_COLUMNS)
        ]

    # Section 六: a figure the report does not state is unknown, not 0; sum the stated ones.
    fees = {}
    for key in Fees.KEYS:
        acc = _Sum()
        silent = []
        for report, name, contribution in zip(reports, names, contributions, strict=True):
            cell = getattr(report.fees, key)
            if not cell.found or cell.value is None:
                silent.append(name)
                continue
            value = acc.add(cell, name)
            if value:
                contribution.cells[f"fees.{key}"] = value
        fees[key] = Cell(acc.total, source="汇总", confidence=0.5 if silent else 1.0) if acc.numbers else Cell(None)
        if acc.numbers and silent:
            notes.append(f"fees.{key}：以下机关的报告未说明，未计入：" + "、".join(silent))
        if acc.gaps:
            notes.append(f"fees.{key}：" + "、".join(acc.gaps))
    out.fees = Fees(**fees)

    validate(out, kind="government")
    return Aggregation(out, contributions, notes)
