"""Typed model of an annual report (年度报告) in the 2021 format (国办公开办函〔2021〕30号) and the
2019 trial format (国办公开办函〔2019〕60号); docs/law.md §2.

One `Report` is what a parser reads, what the generator computes from case data, what the
validator checks and what the renderers print. Every cell keeps where it came from:

- `Cell.value is None` with `found=True`  → the document prints the cell blank (0 for arithmetic).
- `found=False`                           → the cell is not in the document at all (missing).
- `found=False` and its row in `Report.undecided` → the document prints the cell, but the reader
  cannot decide its value (digits run together, blank cells dropped): the candidates are listed.

A cell is never invented: a parser that cannot read a value leaves it missing and says why in
`Report.missing`; when the document prints the value but the text does not decide it, the row's
candidate readings go to `Report.undecided` (the validator's verdict is then 「无法判定」, not an
error of the document).

The JSON interchange (`Report.to_json` / `Report.from_json`) uses the keys of
`shared/samples/expected/*.json`: `table2` {row label: {column label: value}}, `table3`
{official row label: [7 values]}, `table4` {"行政复议"|…: [5 values]}, `fees`,
`format_version`, `year`, `agency`, plus `provenance`, `missing` and `findings`, and (only when
there are any) `undecided` ({"table3.R2": {"reason", "columns", "candidates"}}: printed but not
decided) and `notes`: how the reader corrected what the document prints (「机关名称中的“沐阳”按
行政区划名称更正为“沭阳”（原文如此）」). `provenance["agency"]` keeps the agency name as printed
(`raw`) when it was corrected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from gongkai.core.vocabulary import (
    R3F_2019,
    TABLE2_2019,
    TABLE2_2021,
    TABLE2_FEE_COLUMN,
    TABLE2_FEE_COLUMN_JSON,
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    TABLE3_ROWS_2019,
    TABLE4_COLUMNS,
    RemedyKind,
    Row,
    Table2Block,
)

FORMAT_2021 = "2021"
FORMAT_2019 = "2019"
FORMAT_VERSIONS = (FORMAT_2021, FORMAT_2019)

Value = int | Decimal | str | None


@dataclass
class Cell:
    """One value of a table with its provenance."""

    value: Value = None
    found: bool = True
    source: str | None = None  # e.g. "第57行", "表3 第5行 第3列", "第2页"
    confidence: float = 1.0
    raw: str | None = None  # the text as printed, when it differs from the value

    @classmethod
    def missing(cls) -> Cell:
        return cls(None, False, None, 0.0)

    @property
    def number(self) -> int | Decimal:
        """The value for arithmetic: blank and missing count as 0, text as 0."""
        return self.value if isinstance(self.value, (int, Decimal)) else 0

    @property
    def is_blank(self) -> bool:
        return self.found and self.value is None


@dataclass
class Fees:
    """Section 六 fee facts under 国办函〔2020〕109号 (docs/law.md §2.7), amounts in 元."""

    notices: Cell = field(default_factory=Cell.missing)  # 发出收费通知的件数
    noticed_total_yuan: Cell = field(default_factory=Cell.missing)  # 总金额
    collected_yuan: Cell = field(default_factory=Cell.missing)  # 实际收取的总金额

    KEYS = ("notices", "noticed_total_yuan", "collected_yuan")


@dataclass
class Fact:
    """A number quoted in the narrative (for the X1–X3 text-vs-table checks)."""

    value: int | Decimal
    source: str | None = None
    quote: str | None = None


@dataclass
class Finding:
    """A validator result: rule id, severity, Chinese message, and the cells involved."""

    rule: str
    severity: str  # "error" | "warning"
    message: str
    cells: list[str] = field(default_factory=list)  # e.g. ["table3.R1.total", "table3.R4.total"]

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "message": self.message, "cells": self.cells}


def table2_blocks(format_version: str) -> tuple[Table2Block, ...]:
    return TABLE2_2019 if format_version == FORMAT_2019 else TABLE2_2021


def table3_rows(format_version: str) -> tuple[Row, ...]:
    return TABLE3_ROWS_2019 if format_version == FORMAT_2019 else TABLE3_ROWS


def _json_column(label: str) -> str:
    return TABLE2_FEE_COLUMN_JSON if label == TABLE2_FEE_COLUMN else label


def _official_column(label: str) -> str:
    return TABLE2_FEE_COLUMN if label == TABLE2_FEE_COLUMN_JSON else label


def _json_value(value: Value) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    return value


def _from_json_value(value: Any, where: str = "") -> Value:
    """A JSON value as a cell value; anything but a number, a string or null is refused."""
    if isinstance(value, bool):
        raise ValueError(f"{where}的值不能是布尔值：{value}")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{where}的值不是有限数：{value}")
        try:
            return Decimal(str(value))
        except InvalidOperation:  # pragma: no cover - float() always gives a valid str
            return None
    if value is None or isinstance(value, (int, str)):
        return value
    raise ValueError(f"{where}的值应为数字、文本或空：{value!r}")


def _row_from_json(values: Any, width: int, where: str) -> list[Cell]:
    if not isinstance(values, list) or len(values) != width:
        raise ValueError(f"{where}应有{width}列（{width}个值的列表），实有{len(values) if isinstance(values, list) else 0}列。")
    return [Cell(_from_json_value(v, where)) for v in values]


@dataclass
class Undecided:
    """A row (or a part of one) that the document prints but the reader cannot decide.

    `columns` are the cell paths concerned, in order; each candidate gives one value per column
    (None = blank). Every candidate fits what is printed and the 勾稽 relations the reader could
    apply; an empty list means the candidates are too many to list. Nothing here is a value: the
    cells stay missing until exactly one candidate is confirmed (e.g. by last year's report)."""

    reason: str  # Chinese
    columns: list[str]
    candidates: list[tuple] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "columns": list(self.columns),
            "candidates": [[_json_value(v) for v in c] for c in self.candidates],
        }

    @classmethod
    def from_json(cls, data: Any) -> Undecided:
        if not isinstance(data, dict) or not isinstance(data.get("columns"), list):
            raise ValueError("「undecided」的每一项应为 {reason, columns, candidates} 对象。")
        columns = [str(c) for c in data["columns"]]
        candidates = []
        for cand in data.get("candidates") or []:
            if not isinstance(cand, list) or len(cand) != len(columns):
                raise ValueError("「undecided」的候选值个数应与单元格个数相同。")
            candidates.append(tuple(_from_json_value(v, "候选值") for v in cand))
        return cls(str(data.get("reason") or ""), columns, candidates)


@dataclass
class Report:
    format_version: str = FORMAT_2021
    year: int | None = None
    agency: str | None = None
    title: str | None = None
    # table2[row label][column label]; labels of the report's own format version
    table2: dict[str, dict[str, Cell]] = field(default_factory=dict)
    # table3[row key] = 7 cells, columns in TABLE3_COLUMNS order
    table3: dict[str, list[Cell]] = field(default_factory=dict)
    # table4[RemedyKind value] = 5 cells, columns in TABLE4_COLUMNS order
    table4: dict[str, list[Cell]] = field(default_factory=dict)
    fees: Fees = field(default_factory=Fees)
    # Rows printed in the document that the format does not have (e.g. （六）其他处理 as one row
    # in a 2021-format report), keyed by their label as printed.
    table3_extra_rows: dict[str, list[Cell]] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)  # heading → text
    facts: dict[str, Fact] = field(default_factory=dict)  # narrative numbers (X1–X3)
    published_on: str | None = None  # ISO date, when the document states it (W6)
    missing: list[str] = field(default_factory=list)  # what the document lacks, in Chinese
    notes: list[str] = field(default_factory=list)  # corrections made while reading, in Chinese
    # where `agency` was read: source, confidence, and `raw` (as printed) when it was corrected
    agency_cell: Cell | None = None
    findings: list[Finding] = field(default_factory=list)
    # rows the document prints but the reader cannot decide, keyed by "table3.R2", "table2.规章",
    # "table4" …: their candidate readings (see `Undecided`)
    undecided: dict[str, Undecided] = field(default_factory=dict)
    source: dict[str, Any] = field(default_factory=dict)  # {"file":…, "kind": "text|html|pdf|docx"}

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def blank(cls, format_version: str = FORMAT_2021, **kw: Any) -> Report:
        """A report with every cell of the format present and 0 (what a generator starts from)."""
        report = cls(format_version=format_version, **kw)
        for block in table2_blocks(format_version):
            for row in block.rows:
                report.table2[row] = {col: Cell(0) for col in block.columns}
        for row in table3_rows(format_version):
            report.table3[row.key] = [Cell(0) for _ in TABLE3_COLUMNS]
        for kind in RemedyKind:
            report.table4[kind.value] = [Cell(0) for _ in TABLE4_COLUMNS]
        report.fees = Fees(Cell(0), Cell(0), Cell(0))
        return report

    # -- access ---------------------------------------------------------------------------------

    def t3(self, row: str, col: int | str) -> Cell:
        index = col if isinstance(col, int) else TABLE3_COLUMNS.index(col)
        cells = self.table3.get(row)
        return cells[index] if cells and 0 <= index < len(cells) else Cell.missing()

    def t4(self, kind: str, col: int | str) -> Cell:
        index = col if isinstance(col, int) else TABLE4_COLUMNS.index(col)
        cells = self.table4.get(kind)
        return cells[index] if cells and 0 <= index < len(cells) else Cell.missing()

    def cells(self):
        """Yield (path, cell) for every expected cell of the format, missing ones included."""
        for block in table2_blocks(self.format_version):
            for row in block.rows:
                for col in block.columns:
                    yield f"table2.{row}.{col}", self.table2.get(row, {}).get(col, Cell.missing())
        for row in table3_rows(self.format_version):
            for i, col in enumerate(TABLE3_COLUMNS):
                yield f"table3.{row.key}.{col}", self.t3(row.key, i)
        for kind in RemedyKind:
            for i, col in enumerate(TABLE4_COLUMNS):
                yield f"table4.{kind.value}.{col}", self.t4(kind.value, i)

    def undecided_paths(self) -> set[str]:
        """Cell paths that the document prints but the reader could not decide (still missing)."""
        out: set[str] = set()
        for entry in self.undecided.values():
            out.update(entry.columns)
        return out

    def reading(self) -> dict[str, Any]:
        """How much of the tables was read: expected, read, undecidable, absent, and why.

        `undecidable` cells are printed but not decided (candidates in `undecided`); `absent`
        cells are not in the document (a row or a table not printed, the document cut short)."""
        undecided = self.undecided_paths()
        expected = read = unsure = 0
        for path, cell in self.cells():
            expected += 1
            if cell.found:
                read += 1
            elif path in undecided:
                unsure += 1
        return {
            "expected": expected,
            "read": read,
            "undecidable": unsure,
            "absent": expected - read - unsure,
            "why_undecidable": [f"{key}：{u.reason}" for key, u in self.undecided.items()],
        }

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    # -- JSON interchange ---------------------------------------------------------------------

    def to_json(self, provenance: bool = True) -> dict[str, Any]:
        rows = table3_rows(self.format_version)
        data: dict[str, Any] = {
            "format_version": self.format_version,
            "year": self.year,
            "agency": self.agency,
            "table2": {
                row: {_json_column(col): _json_value(cell.value) for col, cell in cols.items() if cell.found}
                for row, cols in self.table2.items()
            },
            "table3": {
                r.label: [_json_value(c.value) for c in self.table3[r.key]] for r in rows if r.key in self.table3
            },
            "table4": {
                RemedyKind(k).label: [_json_value(c.value) for c in cells] for k, cells in self.table4.items()
            },
            "fees": {k: _json_value(getattr(self.fees, k).value) for k in Fees.KEYS},
        }
        if self.table3_extra_rows:
            data["table3_extra_rows"] = {
                label: [_json_value(c.value) for c in cells] for label, cells in self.table3_extra_rows.items()
            }
        if self.title:
            data["title"] = self.title
        if self.published_on:
            data["published_on"] = self.published_on
        data["missing"] = list(self.missing)
        if self.undecided:
            data["undecided"] = {key: u.to_json() for key, u in self.undecided.items()}
        if self.notes:
            data["notes"] = list(self.notes)
        data["findings"] = [f.to_json() for f in self.findings]
        if provenance:
            data["source"] = self.source
            data["provenance"] = {
                path: {"source": cell.source, "confidence": cell.confidence, **({"raw": cell.raw} if cell.raw else {})}
                for path, cell in self.cells()
                if cell.found
            }
            if self.agency_cell is not None:
                cell = self.agency_cell
                data["provenance"]["agency"] = {
                    "source": cell.source, "confidence": cell.confidence, **({"raw": cell.raw} if cell.raw else {})
                }
            data["facts"] = {k: {"value": _json_value(f.value), "source": f.source} for k, f in self.facts.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        """Read the interchange format (also the samples' expected/*.json).

        Raises ValueError with a Chinese message for anything that is not the interchange shape
        (unknown labels, rows of the wrong width, non-finite numbers).
        """
        if not isinstance(data, dict):
            raise ValueError("报告 JSON 的顶层应为对象。")
        fv = str(data.get("format_version") or FORMAT_2021)
        if fv not in FORMAT_VERSIONS:
            raise ValueError(f"不支持的格式版本：{fv}（应为 2021 或 2019）。")
        year = data.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            raise ValueError(f"年度应为整数：{year!r}")
        report = cls(format_version=fv, year=year, agency=data.get("agency"), title=data.get("title"))
        for row, cols in (data.get("table2") or {}).items():
            if not isinstance(cols, dict):
                raise ValueError(f"表二「{row}」应为 {{列标签: 值}} 对象。")
            report.table2[row] = {
                _official_column(c): Cell(_from_json_value(v, f"表二「{row}」「{c}」")) for c, v in cols.items()
            }
        by_label = {r.label: r.key for r in table3_rows(fv)}
        by_label.setdefault(R3F_2019.label, R3F_2019.key)
        for label, values in (data.get("table3") or {}).items():
            key = by_label.get(label)
            if key is None:
                raise ValueError(f"表三行标签无法识别：{label}")
            report.table3[key] = _row_from_json(values, len(TABLE3_COLUMNS), f"表三「{label}」")
        kinds = {k.label: k.value for k in RemedyKind}
        for label, values in (data.get("table4") or {}).items():
            if label not in kinds:
                raise ValueError(f"表四行标签无法识别：{label}（应为 行政复议、未经复议直接起诉 或 复议后起诉）")
            report.table4[kinds[label]] = _row_from_json(values, len(TABLE4_COLUMNS), f"表四「{label}」")
        for label, values in (data.get("table3_extra_rows") or {}).items():
            report.table3_extra_rows[label] = _row_from_json(values, len(TABLE3_COLUMNS), f"表三「{label}」")
        fees = data.get("fees") or {}
        report.fees = Fees(
            *(Cell(_from_json_value(fees.get(k), f"费用「{k}」")) if k in fees else Cell.missing() for k in Fees.KEYS)
        )
        report.missing = list(data.get("missing") or [])
        undecided = data.get("undecided") or {}
        if not isinstance(undecided, dict):
            raise ValueError("「undecided」应为 {行: {reason, columns, candidates}} 对象。")
        report.undecided = {str(k): Undecided.from_json(v) for k, v in undecided.items()}
        notes = data.get("notes") or []
        if not isinstance(notes, list):
            raise ValueError("「notes」应为文字说明的列表。")
        report.notes = [str(n) for n in notes]
        report.published_on = data.get("published_on")
        for f in data.get("findings") or []:
            report.findings.append(Finding(f["rule"], f["severity"], f["message"], list(f.get("cells") or [])))
        return report

    def values(self) -> dict[str, Any]:
        """Just the values, in the samples' shape (for comparing reports)."""
        data = self.to_json(provenance=False)
        for key in ("missing", "notes", "findings", "title", "published_on", "undecided"):
            data.pop(key, None)
        return data
