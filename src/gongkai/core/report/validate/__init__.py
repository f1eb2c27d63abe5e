"""The annual-report validator (law.md §2.10): H1–H6, Y1–Y3, P1–P8, X1–X3, W1–W6.

    from gongkai.core.report.validate import validate, RULES
    findings = validate(report, previous=last_years_report, kind="department")

`RULES` maps each rule id to a `Rule` (severity, Chinese title, basis; P8 carries `skipped`) so a
UI can list them. `FACT_KEYS` lists the narrative facts (`Report.facts`) the X rules read.
"""

from __future__ import annotations

from collections.abc import Iterable

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
    findings = run(Context(report, previous, kind), rules)
    report.findings = findings
    return findings


__all__ = ["ERROR", "FACT_KEYS", "KINDS", "RULES", "WARNING", "Rule", "infer_kind", "validate"]
