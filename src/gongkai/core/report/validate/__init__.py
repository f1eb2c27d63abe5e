"""The annual-report validator (docs/law.md §2.10): H1–H6, Y1–Y3, P1–P8, X1–X3, W1–W6.

    from gongkai.core.report.validate import validate, RULES
    findings = validate(report, previous=last_years_report, kind="department")

    verdict(report)            # Verdict.CONSISTENT | INCONSISTENT | UNDECIDABLE (UNREADABLE: no report)
    verdict(report).exit_code  # 0 | 1 | 3 (2 for UNREADABLE), as `gongkai report check`

With `previous` (the same agency's report of the year before), an undecided row that exactly one
candidate makes satisfy Y1 is decided first (`crossyear.resolve_with_previous`, provenance
「依据上年报告确定」); `crossyear.check_history(reports)` pairs a batch by agency and year.

`RULES` maps each rule id to a `Rule` (severity, Chinese title, basis; P8 carries `skipped`) so a
UI can list them. `FACT_KEYS` lists the narrative facts (`Report.facts`) the X rules read.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from gongkai.core.report.schema import Finding, Report
from gongkai.core.report.validate import rules as _rules  # noqa: F401  (registers the rules)
from gongkai.core.report.validate.engine import ERROR, RULES, WARNING, Context, Rule, infer_kind, run
from gongkai.core.report.validate.rules import FACT_KEYS

KINDS = ("department", "government")


def validate(
    report: Report,
    previous: Report | None = None,
    *,
    kind: str | None = None,
    rules: Iterable[str] | None = None,
) -> list[Finding]:
    """Check `report` (and, with `previous`, the cross-year rules); set and return its findings.

    `kind` ("department" | "government") picks the 第四十九条 deadline and the W3 threshold; by
    default it is inferred from the agency name. `rules` limits the run to some rule ids."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"机关类型应为 department 或 government，而不是「{kind}」")
    if rules is not None:
        unknown = [r for r in rules if r not in RULES]
        if unknown:
            raise ValueError(f"没有这些规则：{'、'.join(unknown)}")
    if previous is not None:
        # Y1 may decide a printed but undecided row (exactly one candidate fits): crossyear.py
        from gongkai.core.report.validate.crossyear import resolve_with_previous

        resolve_with_previous(report, previous)
    findings = run(Context(report, previous, kind), rules)
    report.findings = findings
    return findings


class Verdict(StrEnum):
    """The outcome of checking one document: three states of a readable report, and unreadable.

    - CONSISTENT: every rule holds on the figures read (and nothing printed is undecided);
    - INCONSISTENT: the printed figures break a hard rule, or the document itself lacks a row or
      a cell (H6) — the document's fault;
    - UNDECIDABLE (「无法判定」): some printed cells could not be decided by the reader (their
      candidates are in `Report.undecided`), and none of the decided ones breaks a rule;
    - UNREADABLE: no report could be read from the input at all (ParseError).
    """

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    UNREADABLE = "unreadable"
    UNDECIDABLE = "undecidable"

    @property
    def label(self) -> str:
        return {"consistent": "一致", "inconsistent": "有错误", "unreadable": "无法读取", "undecidable": "无法判定"}[
            self.value
        ]

    @property
    def exit_code(self) -> int:
        """`gongkai report check`: 0 consistent, 1 errors, 2 unreadable, 3 undecidable."""
        return {"consistent": 0, "inconsistent": 1, "unreadable": 2, "undecidable": 3}[self.value]


def verdict(report: Report | None, findings: Iterable[Finding] | None = None) -> Verdict:
    """The verdict on `report` from its findings (default: `report.findings`, as set by
    `validate`); None (nothing could be read) is UNREADABLE."""
    if report is None:
        return Verdict.UNREADABLE
    items = report.findings if findings is None else list(findings)
    if any(f.severity == ERROR for f in items):
        return Verdict.INCONSISTENT
    if report.undecided_paths():
        return Verdict.UNDECIDABLE
    return Verdict.CONSISTENT


__all__ = [
    "Verdict",
    "verdict","ERROR", "FACT_KEYS", "KINDS", "RULES", "WARNING", "Rule", "infer_kind", "validate"]
