"""The rule engine: a registry of declarative rules and the context they read a report through.

A rule is data (id, severity, Chinese title and message template, the source it rests on) plus a
check. Most 勾稽 rules are lists of equations `Σ lhs == Σ rhs` over cell paths, evaluated here by
one function, so a rule reads like docs/law.md §2.10.

Cell paths (used as evidence in `Finding.cells`):

    table2.<row label>.<column label>          table2.规章.本年制发件数
    table3.<row key>.<column key>              table3.R1.total, table3.R3c1.natural_person
    table3_extra_rows.<label>.<column key>     table3_extra_rows.（六）其他处理.total
    table4.<remedy kind>.<column key>          table4.review.total
    fees.<key>                                 fees.collected_yuan
    facts.<key>                                facts.new_received
    previous.<any of the above>                previous.table3.R4.total (last year's report)

Blank cells count as 0 (W1 reports them). A blank *total* cell is reported once, by the rule that
defines it (H2/H3/H4); every other sum uses the sum of its parts instead, so one blank 总计 does not
cascade into bogus H1/H3/Y1 errors. Missing cells are never guessed: an equation that needs one is
skipped and listed by H6.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.core.report.schema import FORMAT_2019, Cell, Finding, Report, table2_blocks, table3_rows
from gongkai.core.vocabulary import (
    G_OTHER,
    R3F_2019,
    TABLE3_COLUMN_LABELS,
    TABLE3_COLUMNS,
    TABLE3_ROW,
    TABLE4_COLUMN_LABELS,
    TABLE4_COLUMNS,
    RemedyKind,
    normalise_label,
)

ERROR = "error"
WARNING = "warning"

Number = int | Decimal


@dataclass(frozen=True)
class Rule:
    """One validator rule of docs/law.md §2.10."""

    id: str
    severity: str  # the rule's severity; a finding may be milder (e.g. Y1 across agencies)
    title: str  # Chinese, for the UI's rule list
    basis: str  # where the rule comes from
    check: Callable[[Context], Iterable[Finding]] | None = None
    skipped: str | None = None  # why the rule is not checked (P8)

    def to_json(self) -> dict[str, str | None]:
        return {
            "id": self.id,
            "severity": self.severity,
            "title": self.title,
            "basis": self.basis,
            "skipped": self.skipped,
        }


RULES: dict[str, Rule] = {}


def rule(id: str, severity: str, title: str, basis: str, *, skipped: str | None = None):
    """Register the decorated check function as rule `id`."""

    def register(check: Callable[[Context], Iterable[Finding]] | None) -> Callable | None:
        RULES[id] = Rule(id, severity, title, basis, check, skipped)
        return check

    return register


# ---------------------------------------------------------------------------------------------
# Labels for messages
# ---------------------------------------------------------------------------------------------

T3_COL_LABEL = dict(zip(TABLE3_COLUMNS, TABLE3_COLUMN_LABELS, strict=True))
T4_COL_LABEL = dict(zip(TABLE4_COLUMNS, TABLE4_COLUMN_LABELS, strict=True))
T4_KIND_LABEL = {k.value: k.label for k in RemedyKind}
ROW_LABEL = {r.key: r.label for r in TABLE3_ROW.values()} | {R3F_2019.key: R3F_2019.label}


def describe(path: str) -> str:
    """A cell path in Chinese, e.g. 表三「一、本年新收政府信息公开申请数量」「总计」."""
    prefix = ""
    if path.startswith("previous."):
        prefix, path = "上年", path[len("previous.") :]
    parts = split_path(path)
    table = parts[0]
    if table == "table3" and len(parts) == 3:
        return f"{prefix}表三「{ROW_LABEL.get(parts[1], parts[1])}」「{T3_COL_LABEL.get(parts[2], parts[2])}」"
    if table == "table3_extra_rows" and len(parts) == 3:
        return f"{prefix}表三「{parts[1]}」「{T3_COL_LABEL.get(parts[2], parts[2])}」"
    if table == "table4" and len(parts) == 3:
        return f"{prefix}表四「{T4_KIND_LABEL.get(parts[1], parts[1])}」「{T4_COL_LABEL.get(parts[2], parts[2])}」"
    if table == "table2" and len(parts) == 3:
        return f"{prefix}表二「{parts[1]}」「{parts[2]}」"
    if table == "fees":
        return prefix + {"notices": "发出收费通知的件数", "noticed_total_yuan": "收费通知总金额（元）",
                         "collected_yuan": "实际收取的总金额（元）"}.get(parts[1], path)
    return prefix + path


def fmt(value: Number | None) -> str:
    if value is None:
        return "空白"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


# ---------------------------------------------------------------------------------------------
# Context: how rules read a report
# ---------------------------------------------------------------------------------------------


@dataclass
class Unchecked:
    rule: str
    what: str  # Chinese, e.g. 「自然人」列
    cells: list[str]
    reason: str  # 缺失 | 非数字


@dataclass
class Context:
    report: Report
    previous: Report | None = None
    kind: str | None = None  # "department" | "government" | None (inferred from the agency name)
    unchecked: list[Unchecked] = field(default_factory=list)
    _cells: dict[str, Cell] = field(default_factory=dict, repr=False)  # rules read cells many times

    # -- raw access ---------------------------------------------------------------------------

    def cell(self, path: str) -> Cell:
        cell = self._cells.get(path)
        if cell is None:
            cell = self._cells[path] = self._lookup(path)
        return cell

    def _lookup(self, path: str) -> Cell:
        report = self.report
        if path.startswith("previous."):
            if self.previous is None:
                return Cell.missing()
            report, path = self.previous, path[len("previous.") :]
        return cell_at(report, path)

    def is_number(self, path: str) -> bool:
        cell = self.cell(path)
        return cell.found and (cell.value is None or _is_number(cell.value))

    def raw(self, path: str) -> Number:
        """The printed value, blank = 0."""
        cell = self.cell(path)
        return cell.value if cell.found and _is_number(cell.value) else 0

    def value(self, path: str) -> Number:
        """The value for sums other than the one that defines the cell: a blank total is replaced
        by the sum of its parts (the blank itself is reported by H2/H3/H4 and W1)."""
        cell = self.cell(path)
        if cell.found and cell.value is None:
            parts = total_parts(self, path)
            if parts and all(self.is_number(p) for p in parts):
                return sum((self.raw(p) for p in parts), 0)
        return self.raw(path)

    # -- the shape of the report --------------------------------------------------------------

    @property
    def fv(self) -> str:
        return self.report.format_version

    def t3_keys(self) -> list[str]:
        return [r.key for r in table3_rows(self.fv)]

    def other_handling_rows(self) -> list[str]:
        """Row paths that make up （六）其他处理 (H3, X1): its sub-rows 1–3 in the 2021 format, the
        single row in the 2019 format, or the printed single row when a 2021-format report
        collapses （六） into one row (e.g. 洪泽区 2023) and leaves the sub-rows blank."""
        report = self.report
        if report.format_version == FORMAT_2019:
            return ["table3.R3f"]
        label = merged_other_row(report)
        if label is not None and subrows_empty(report):
            return [f"table3_extra_rows.{label}"]
        return ["table3.R3f1", "table3.R3f2", "table3.R3f3"]

    def result_rows(self) -> list[str]:
        """Row paths whose sum is （七）总计 (H3)."""
        keys = [k for k in self.t3_keys() if k.startswith("R3") and k != "R3g" and not k.startswith("R3f")]
        return [f"table3.{k}" for k in keys] + self.other_handling_rows()

    # -- equations ----------------------------------------------------------------------------

    def equation(
        self, rule_id: str, what: str, lhs: list[str], rhs: list[str], *, effective: Iterable[str] = ()
    ) -> tuple[Number, Number] | None:
        """Evaluate Σ lhs and Σ rhs, or record why it cannot be checked and return None.

        Cells in `effective` use `value()` (blank total → sum of its parts); the rest use the
        printed value. A rule that *defines* a total passes the other cells as effective."""
        cells = lhs + rhs
        missing = [p for p in cells if not self.cell(p).found]
        if missing:
            self.unchecked.append(Unchecked(rule_id, what, missing, "缺失"))
            return None
        text = [p for p in cells if not self.is_number(p)]
        if text:
            self.unchecked.append(Unchecked(rule_id, what, text, "非数字"))
            return None
        eff = set(effective)

        def get(p: str) -> Number:
            return self.value(p) if p in eff else self.raw(p)

        return sum((get(p) for p in lhs), 0), sum((get(p) for p in rhs), 0)


def split_path(path: str) -> tuple[str, ...]:
    """(table, row, column) or (table, key). Row labels may contain dots (「1.属于国家秘密」), so
    the column is what follows the last dot."""
    table, _, rest = path.partition(".")
    if table in ("fees", "facts") or "." not in rest:
        return (table, rest)
    row, _, col = rest.rpartition(".")
    return (table, row, col)


def _is_number(value: object) -> bool:
    """An int or a finite Decimal (NaN/Infinity from a bad conversion are not numbers)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, Decimal):
        return value.is_finite()
    return isinstance(value, int)


def _index(columns: tuple[str, ...], col: str) -> int | None:
    try:
        return columns.index(col)
    except ValueError:
        return None


def cell_at(report: Report, path: str) -> Cell:
    """The cell at `path` (module docstring) or a missing cell; never raises."""
    parts = split_path(path)
    try:
        table = parts[0]
        if table == "table2":
            return report.table2.get(parts[1], {}).get(parts[2], Cell.missing())
        if table in ("table3", "table3_extra_rows", "table4"):
            rows = getattr(report, table)
            cols = TABLE4_COLUMNS if table == "table4" else TABLE3_COLUMNS
            row_key = parts[1]
            if table == "table3" and row_key == "R3f" and row_key not in rows and report.format_version != FORMAT_2019:
                return Cell.missing()
            cells = rows.get(row_key)
            i = _index(cols, parts[2])
            if not cells or i is None or i >= len(cells) or not isinstance(cells[i], Cell):
                return Cell.missing()
            return cells[i]
        if table == "fees":
            cell = getattr(report.fees, parts[1])
            return cell if isinstance(cell, Cell) else Cell.missing()
        if table == "facts":
            fact = report.facts.get(parts[1])
            return Cell(fact.value, source=fact.source) if fact is not None else Cell.missing()
    except (IndexError, AttributeError, TypeError):
        pass
    return Cell.missing()


def expected_paths(report: Report) -> Iterator[str]:
    """Every cell path the report's format has (like `Report.cells`, but safe on malformed rows)."""
    for block in table2_blocks(report.format_version):
        for row in block.rows:
            for col in block.columns:
                yield f"table2.{row}.{col}"
    for row in table3_rows(report.format_version):
        for col in TABLE3_COLUMNS:
            yield f"table3.{row.key}.{col}"
    for kind in RemedyKind:
        for col in TABLE4_COLUMNS:
            yield f"table4.{kind.value}.{col}"


def merged_other_row(report: Report) -> str | None:
    """The label of a printed single （六）其他处理 row in `table3_extra_rows`, if any."""
    target = normalise_label(G_OTHER)
    for label in report.table3_extra_rows:
        norm = normalise_label(label)
        if norm == target or norm in (normalise_label("（六）其他"), normalise_label(R3F_2019.label)):
            return label
    return None


def subrows_empty(report: Report) -> bool:
    """True when rows 三(六)1–3 are absent or printed with no value at all."""
    for key in ("R3f1", "R3f2", "R3f3"):
        for cell in report.table3.get(key) or []:
            if isinstance(cell, Cell) and cell.found and cell.value is not None:
                return False
    return True


def total_parts(ctx: Context, path: str) -> list[str]:
    """The cells a total cell is the sum of (for `Context.value`)."""
    prefix = ""
    bare = path
    if path.startswith("previous."):
        prefix, bare = "previous.", path[len("previous.") :]
    parts = split_path(bare)
    if len(parts) != 3:
        return []
    table, row, col = parts
    if table in ("table3", "table3_extra_rows"):
        if col == "total":
            return [f"{prefix}{table}.{row}.{c}" for c in TABLE3_COLUMNS[:-1]]
        if table == "table3" and row == "R3g" and not prefix:
            return [f"{p}.{col}" for p in ctx.result_rows()]
    if table == "table4" and col == "total":
        return [f"{prefix}table4.{row}.{c}" for c in TABLE4_COLUMNS[:-1]]
    return []


# ---------------------------------------------------------------------------------------------
# Agency kind (W3, W6)
# ---------------------------------------------------------------------------------------------

_TOWNSHIP = re.compile(r"(乡|镇|民族乡)人民政府$|街道办事处$|街道$")
_GOVERNMENT = re.compile(r"(人民政府|政府)$|(管委会|管理委员会|实验区|新区)$")
_AGGREGATE = re.compile(r"汇总|全区|全市|全县|全省")


def infer_kind(agency: str | None) -> str | None:
    """"government", "township", "department", or None when there is no agency name.

    第四十九条 gives departments (县级以上人民政府部门) 1月31日 and governments 3月31日; a
    report summed over a whole area (「全区汇总」) is a government's report."""
    if not agency:
        return None
    name = re.sub(r"[（(][^）)]*[）)]$", "", agency.strip())
    if _AGGREGATE.search(agency):
        return "government"
    if _TOWNSHIP.search(name):
        return "township"
    if _GOVERNMENT.search(name):
        return "government"
    return "department"


# ---------------------------------------------------------------------------------------------
# Running the rules
# ---------------------------------------------------------------------------------------------


def run(ctx: Context, ids: Iterable[str] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    selected = list(ids) if ids is not None else list(RULES)
    # H6 lists what the other rules could not check, so it runs last.
    selected.sort(key=lambda i: i == "H6")
    for rule_id in selected:
        r = RULES[rule_id]
        if r.check is None:
            continue
        findings.extend(r.check(ctx))
    order = {rid: n for n, rid in enumerate(RULES)}
    findings.sort(key=lambda f: order.get(f.rule, len(order)))
    return findings


def finding(rule_id: str, message: str, cells: Iterable[str], severity: str | None = None) -> Finding:
    return Finding(rule_id, severity or RULES[rule_id].severity, message, list(cells))


def iter_t3_cells(ctx: Context) -> Iterator[tuple[str, Cell]]:
    for key in ctx.t3_keys():
        for col in TABLE3_COLUMNS:
            path = f"table3.{key}.{col}"
            yield path, ctx.cell(path)
