"""Helpers for the validator tests: sample reports and in-place edits by cell path."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from gongkai.core.report.schema import Cell, Fact, Report
from gongkai.core.report.validate.engine import cell_at

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> Report:
    return Report.from_json(json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8")))


def clean() -> Report:
    """沭阳县 2025: a clean, non-trivial 2021-format report."""
    return sample("034_shuyang_xzf_2025_mdtxt")


def put(report: Report, path: str, value) -> None:
    """Set the value at `path` (an existing cell); `missing` removes it from the document."""
    cell = cell_at(report, path)
    assert cell.found, f"no cell at {path}"
    if value == "missing":
        cell.found, cell.value = False, None
    else:
        cell.value = Decimal(str(value)) if isinstance(value, float) else value


def fact(report: Report, key: str, value) -> None:
    report.facts[key] = Fact(value, source="第一部分")


def rules_of(findings, severity: str | None = None) -> list[str]:
    return [f.rule for f in findings if severity is None or f.severity == severity]


def set_fee(report: Report, key: str, value) -> None:
    setattr(report.fees, key, Cell(value))
