"""Shape a stored report's tables and findings for the templates (staff pages and the public page).

Cells named by a finding (`Finding.cells`, e.g. "table3.R1.total") are flagged, so warnings are shown
with the cells involved.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.core.report.schema import Report, table2_blocks, table3_rows
from gongkai.core.report.validate.engine import describe
from gongkai.core.vocabulary import (
    G_RESULTS,
    TABLE3_COLUMN_LABELS,
    TABLE3_COLUMNS,
    TABLE4_COLUMN_LABELS,
    TABLE4_COLUMNS,
    RemedyKind,
)

FEE_LABELS = {
    "notices": "发出收费通知的件数（件）",
    "noticed_total_yuan": "收费通知总金额（元）",
    "collected_yuan": "实际收取的总金额（元）",
}


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _flags(findings: list[dict]) -> dict[str, str]:
    flags: dict[str, str] = {}
    for f in findings or []:
        for path in f.get("cells") or []:
            if path.startswith("previous."):
                continue
            if flags.get(path) != "error":
                flags[path] = f.get("severity", "warning")
    return flags


def tables_of(report: Report, findings: list[dict] | None = None) -> dict:
    flags = _flags(findings or [])

    def cell(path, c):
        return {"value": _show(c.value) if c.found else "—", "flag": flags.get(path, ""), "path": path,
                "missing": not c.found}

    table2 = []
    for block in table2_blocks(report.format_version):
        rows = []
        for row in block.rows:
            cells = report.table2.get(row, {})
            rows.append({"label": row, "cells": [
                cell(f"table2.{row}.{col}", cells.get(col) or _missing()) for col in block.columns
            ]})
        table2.append({"caption": block.caption, "columns": block.columns, "rows": rows})
    table3 = []
    group = None
    for row in table3_rows(report.format_version):
        headings = [G_RESULTS] if row.key == "R3a" else []
        if row.group and row.group != group and row.group != G_RESULTS:
            headings.append(row.group)  # （三）不予公开 etc. span their sub-rows and hold no data
        group = row.group
        table3.append({
            "key": row.key, "label": row.label, "headings": headings, "indent": bool(row.group),
            "sub": bool(row.group and row.group != G_RESULTS),
            "cells": [cell(f"table3.{row.key}.{col}", report.t3(row.key, i)) for i, col in enumerate(TABLE3_COLUMNS)],
        })
    table4 = [
        {"label": kind.label, "cells": [cell(f"table4.{kind.value}.{col}", report.t4(kind.value, i))
                                        for i, col in enumerate(TABLE4_COLUMNS)]}
        for kind in RemedyKind
    ]
    # The 30号 layout (docs/law.md §2.6): one data row of 15 cells, 行政复议 then the two kinds
    # of 行政诉讼, each 结果维持/结果纠正/其他结果/尚未审结/总计.
    table4_row = [c for row in table4 for c in row["cells"]]
    fees = [
        {"label": label, **cell(f"fees.{key}", getattr(report.fees, key))} for key, label in FEE_LABELS.items()
    ]
    return {
        "table2": table2, "table3": table3, "table3_columns": TABLE3_COLUMN_LABELS, "table4": table4,
        "table4_row": table4_row, "table4_suits": [k.label for k in RemedyKind if k != RemedyKind.REVIEW],
        "table4_columns": TABLE4_COLUMN_LABELS, "fees": fees, "format_version": report.format_version,
    }


def _missing():
    from gongkai.core.report.schema import Cell

    return Cell.missing()


def for_display(obj) -> dict:
    from .services import as_report

    return tables_of(as_report(obj), obj.findings)


def describe_cell(path: str) -> str:
    try:
        return describe(path)
    except Exception:
        return path


def findings_for_display(findings: list[dict]) -> list[dict]:
    out = []
    for f in findings or []:
        out.append({**f, "cell_labels": [describe_cell(p) for p in f.get("cells") or []]})
    out.sort(key=lambda f: (f.get("severity") != "error", f.get("rule", "")))
    return out


def compare(item) -> list[dict]:
    """This year against last year for an audited report: the carry-over (Y1) and the main totals."""
    if not item.data or item.previous_label == "":
        return []
    from .batch import find_previous

    previous, _label, _ = find_previous(item) if item.previous_id is None else (
        Report.from_json(item.previous.data), "", item.previous
    )
    if previous is None:
        return []
    current = Report.from_json(item.data)
    total = TABLE3_COLUMNS.index("total")
    rows = [
        ("上年结转（本年） / 结转下年度（上年）", current.t3("R2", total).value, previous.t3("R4", total).value, True),
        ("本年新收申请", current.t3("R1", total).value, previous.t3("R1", total).value, False),
        ("办理结果总计", current.t3("R3g", total).value, previous.t3("R3g", total).value, False),
        ("行政复议总计", current.t4("review", -1).value, previous.t4("review", -1).value, False),
    ]
    return [
        {"label": label, "current": _show(a), "previous": _show(b), "must_match": must,
         "differs": must and (a or 0) != (b or 0)}
        for label, a, b, must in rows
    ]
