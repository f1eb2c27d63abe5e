"""The validator rules of docs/law.md §2.10, one registered function each, in the spec's order.

Hard rules (H*, and Y1 for the same agency) are errors; plausibility (P*), narrative (X*) and
formatting (W*) rules are warnings. Each rule cites its source next to it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from gongkai.core.report.schema import FORMAT_2019, FORMAT_2021, Cell, Finding, table2_blocks
from gongkai.core.report.validate.engine import (
    ERROR,
    ROW_LABEL,
    T3_COL_LABEL,
    T4_COL_LABEL,
    T4_KIND_LABEL,
    WARNING,
    Context,
    _is_number,
    cell_at,
    describe,
    expected_paths,
    finding,
    fmt,
    infer_kind,
    merged_other_row,
    rule,
    subrows_empty,
)
from gongkai.core.vocabulary import (
    SECTIONS,
    TABLE2_FEE_COLUMN,
    TABLE3_COLUMNS,
    TABLE4_COLUMNS,
    RemedyKind,
    normalise_label,
)

T3_PARTS = TABLE3_COLUMNS[:-1]
T4_PARTS = TABLE4_COLUMNS[:-1]


# =============================================================================================
# H: the official 勾稽 rule and the structural sums (hard)
# =============================================================================================


@rule(
    "H1",
    ERROR,
    "表三每一列：第一项加第二项之和等于第三项加第四项之和",
    "表三表头注「本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和」（国办公开办函〔2021〕30号）",
)
def h1(ctx: Context) -> Iterator[Finding]:
    for col in TABLE3_COLUMNS:
        lhs = [f"table3.R1.{col}", f"table3.R2.{col}"]
        rhs = [f"table3.R3g.{col}", f"table3.R4.{col}"]
        label = T3_COL_LABEL[col]
        result = ctx.equation("H1", f"「{label}」列", lhs, rhs, effective=lhs + rhs)
        if result and result[0] != result[1]:
            r1, r2, r3, r4 = (ctx.value(p) for p in lhs + rhs)
            yield finding(
                "H1",
                f"表三「{label}」列勾稽关系不成立：本年新收{fmt(r1)}＋上年结转{fmt(r2)}＝{fmt(result[0])}，"
                f"而办理结果总计{fmt(r3)}＋结转下年度{fmt(r4)}＝{fmt(result[1])}，相差{fmt(abs(result[0] - result[1]))}",
                lhs + rhs,
            )


@rule("H2", ERROR, "表三每一行：总计等于各类申请人之和", "总计的定义（docs/law.md §2.10 H2）")
def h2(ctx: Context) -> Iterator[Finding]:
    collapsed = ctx.other_handling_rows()[0].startswith("table3_extra_rows.")
    rows = [(f"table3.{k}", ROW_LABEL.get(k, k)) for k in ctx.t3_keys()
            if not (collapsed and k in ("R3f1", "R3f2", "R3f3"))]  # not printed: the single row stands
    rows += [(f"table3_extra_rows.{label}", label) for label in ctx.report.table3_extra_rows]
    for base, label in rows:
        total = f"{base}.total"
        parts = [f"{base}.{c}" for c in T3_PARTS]
        result = ctx.equation("H2", f"「{label}」行", [total], parts, effective=parts)
        if result and result[0] != result[1]:
            if ctx.cell(total).is_blank:
                text = f"表三「{label}」行的总计栏空白，但各类申请人之和为{fmt(result[1])}"
            else:
                text = f"表三「{label}」行的总计为{fmt(result[0])}，但各类申请人之和为{fmt(result[1])}"
            yield finding("H2", text, [total, *parts])


@rule(
    "H3",
    ERROR,
    "表三每一列：（七）总计等于（一）至（六）各项之和",
    "（二）部分公开「只计这一情形，不计其他情形」，各情形互斥（docs/law.md §2.10 H3）",
)
def h3(ctx: Context) -> Iterator[Finding]:
    rows = ctx.result_rows()
    for col in TABLE3_COLUMNS:
        lhs = [f"table3.R3g.{col}"]
        rhs = [f"{r}.{col}" for r in rows]
        # The （七）总计 row's own 总计 cell is H2's to report; here it counts as the sum of its parts.
        effective = rhs + (lhs if col == "total" else [])
        label = T3_COL_LABEL[col]
        result = ctx.equation("H3", f"「{label}」列", lhs, rhs, effective=effective)
        if result and result[0] != result[1]:
            printed = "空白" if ctx.cell(lhs[0]).is_blank and col != "total" else fmt(result[0])
            yield finding(
                "H3",
                f"表三「{label}」列：（七）总计为{printed}，但（一）至（六）各项之和为{fmt(result[1])}",
                lhs + rhs,
            )


@rule("H4", ERROR, "表四：各总计等于结果维持、结果纠正、其他结果、尚未审结之和", "总计的定义（docs/law.md §2.10 H4）")
def h4(ctx: Context) -> Iterator[Finding]:
    for kind in RemedyKind:
        total = f"table4.{kind.value}.total"
        parts = [f"table4.{kind.value}.{c}" for c in T4_PARTS]
        result = ctx.equation("H4", f"「{kind.label}」", [total], parts)
        if result and result[0] != result[1]:
            printed = "空白" if ctx.cell(total).is_blank else fmt(result[0])
            values = "＋".join(fmt(ctx.raw(p)) for p in parts)
            yield finding(
                "H4",
                f"表四「{kind.label}」总计为{printed}，但结果维持、结果纠正、其他结果、尚未审结之和为"
                f"{values}＝{fmt(result[1])}",
                [total, *parts],
            )


AMOUNT_COLUMNS = (TABLE2_FEE_COLUMN, "采购总金额")  # decimals allowed (万元 / 元)
SIGNED_COLUMNS = ("本年增/减",)  # 2019 trial format: a change, may be negative


@rule(
    "H5",
    ERROR,
    "数据类型：表三、表四和表二件数为非负整数，表二收费金额为非负数（万元）",
    "docs/law.md §2.3、§2.10 H5",
)
def h5(ctx: Context) -> Iterator[Finding]:
    bad: list[tuple[str, str]] = []
    for path, cell, col in _table2_cells(ctx):
        if not cell.found or cell.value is None or isinstance(cell.value, str):
            continue  # strings in 表二 are W2's (e.g. 「251000元」)
        problem = _number_problem(cell.value, integer=col not in AMOUNT_COLUMNS, signed=col in SIGNED_COLUMNS)
        if problem:
            bad.append((path, problem))
    for path, cell in _count_cells(ctx):
        if not cell.found or cell.value is None:
            continue
        if isinstance(cell.value, str):
            bad.append((path, f"不是数字（「{cell.value}」）"))
            continue
        problem = _number_problem(cell.value, integer=True, signed=False)
        if problem:
            bad.append((path, problem))
    for key, integer in (("notices", True), ("noticed_total_yuan", False), ("collected_yuan", False)):
        path = f"fees.{key}"
        cell = ctx.cell(path)
        if cell.found and cell.value is not None:
            problem = (
                f"不是数字（「{cell.value}」）"
                if isinstance(cell.value, str)
                else _number_problem(cell.value, integer=integer, signed=False)
            )
            if problem:
                bad.append((path, problem))
    for path, problem in bad:
        yield finding("H5", f"{describe(path)}{problem}", [path])


def _number_problem(value: object, *, integer: bool, signed: bool) -> str | None:
    if not _is_number(value):
        return f"不是数字（{value!r}）"
    if not signed and value < 0:
        return f"为负数（{fmt(value)}）"
    if integer and value != int(value):
        return f"不是整数（{fmt(value)}）"
    return None


@rule(
    "H6",
    ERROR,
    "完整性：格式规定的单元格都应填报（空白按0计并提示）；文档印有但无法判定的单元格不算错误，结论为「无法判定」",
    "docs/law.md §2.10 H6",
)
def h6(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    collapsed = report.format_version == FORMAT_2021 and merged_other_row(report) is not None and subrows_empty(report)
    missing: dict[str, list[str]] = {"表二": [], "表三": [], "表四": []}
    undecided = report.undecided_paths()
    unsure: list[str] = []
    for path in expected_paths(report):
        if cell_at(report, path).found:
            continue
        if path in undecided:
            unsure.append(path)  # printed, but the reader cannot decide it: not the document's fault
            continue
        if collapsed and path.split(".")[1] in ("R3f1", "R3f2", "R3f3"):
            continue  # reported below as one format deviation, not as 21 missing cells
        missing[{"table2": "表二", "table3": "表三", "table4": "表四"}[path.split(".", 1)[0]]].append(path)
    for table, paths in missing.items():
        if paths:
            shown = "、".join(describe(p) for p in paths[:5]) + ("等" if len(paths) > 5 else "")
            yield finding("H6", f"{table}缺少{len(paths)}个单元格：{shown}", paths)
    if collapsed:
        label = merged_other_row(report)
        printed = "" if normalise_label(label) == normalise_label("（六）其他处理") else f"（印为「{label}」）"
        yield finding(
            "H6",
            f"表三将「（六）其他处理」作为一行填报{printed}，未按2021年格式分列1至3项；"
            "勾稽核对使用该行数值",
            [f"table3_extra_rows.{label}.total"] + [f"table3.{k}.total" for k in ("R3f1", "R3f2", "R3f3")],
            severity=WARNING,
        )
    if unsure:
        shown = "、".join(describe(p) for p in unsure[:5]) + ("等" if len(unsure) > 5 else "")
        yield finding(
            "H6",
            f"{len(unsure)}个单元格文档中印有但无法判定（数字连写或空白被省略，候选值见「undecided」）：{shown}",
            unsure,
            severity=WARNING,
        )
    if ctx.unchecked:
        yield _unchecked_finding(ctx)


def _unchecked_finding(ctx: Context) -> Finding:
    """One H6 note listing the sums that could not be checked, grouped by rule."""
    by_rule: dict[str, list] = {}
    cells: list[str] = []
    for u in ctx.unchecked:
        by_rule.setdefault(u.rule, []).append(u)
        cells.extend(c for c in u.cells if c not in cells)
    parts = []
    for rule_id, items in by_rule.items():
        reasons = "、".join(sorted({u.reason for u in items}))
        if len(items) <= 3:
            parts.append(f"{rule_id}：" + "、".join(u.what for u in items) + f"（{reasons}）")
        else:
            parts.append(f"{rule_id}：{len(items)}项（{reasons}）")
    return finding(
        "H6",
        f"{len(ctx.unchecked)}项勾稽关系因单元格缺失或非数字未能核对：" + "；".join(parts),
        cells,
        severity=WARNING,
    )


def _table2_cells(ctx: Context) -> Iterator[tuple[str, Cell, str]]:
    seen = set()
    for block in table2_blocks(ctx.fv):
        for row in block.rows:
            for col in block.columns:
                seen.add((row, col))
                yield f"table2.{row}.{col}", ctx.cell(f"table2.{row}.{col}"), col
    for row, cols in ctx.report.table2.items():
        for col, cell in cols.items():
            if (row, col) not in seen and isinstance(cell, Cell):
                yield f"table2.{row}.{col}", cell, col


def _count_cells(ctx: Context) -> Iterator[tuple[str, Cell]]:
    for key in ctx.t3_keys():
        for col in TABLE3_COLUMNS:
            yield f"table3.{key}.{col}", ctx.cell(f"table3.{key}.{col}")
    for label in ctx.report.table3_extra_rows:
        for col in TABLE3_COLUMNS:
            yield f"table3_extra_rows.{label}.{col}", ctx.cell(f"table3_extra_rows.{label}.{col}")
    for kind in RemedyKind:
        for col in TABLE4_COLUMNS:
            yield f"table4.{kind.value}.{col}", ctx.cell(f"table4.{kind.value}.{col}")


# =============================================================================================
# Y: cross-year
# =============================================================================================


def _same_agency(a: str | None, b: str | None) -> bool:
    return bool(a and b) and normalise_label(a) == normalise_label(b)


def _previous_ok(ctx: Context, rule_id: str) -> tuple[bool, list[Finding]]:
    """Whether the previous report is last year's; a finding when it is not."""
    prev, cur = ctx.previous, ctx.report
    if prev is None:
        return False, []
    if prev.year is not None and cur.year is not None and prev.year != cur.year - 1:
        return False, [
            finding(
                rule_id,
                f"对比的上年报告年份为{prev.year}年，不是{cur.year - 1}年，未做跨年核对",
                [],
                severity=WARNING,
            )
        ]
    return True, []


@rule(
    "Y1",
    ERROR,
    "跨年：本年「上年结转」等于上年「结转下年度继续办理」（同一机关为错误，机关不同仅提示）",
    "docs/law.md §2.10 Y1",
)
def y1(ctx: Context) -> Iterator[Finding]:
    ok, notes = _previous_ok(ctx, "Y1")
    yield from notes
    if not ok:
        return
    same = _same_agency(ctx.report.agency, ctx.previous.agency)
    # Mergers and renames break the identity, so a different agency name only warns (docs/law.md Y1).
    severity = ERROR if same else WARNING
    suffix = "" if same else f"（两份报告的机关名称不同：「{ctx.previous.agency}」与「{ctx.report.agency}」，仅作提示）"
    for col in TABLE3_COLUMNS:
        lhs, rhs = [f"table3.R2.{col}"], [f"previous.table3.R4.{col}"]
        label = T3_COL_LABEL[col]
        result = ctx.equation("Y1", f"「{label}」列", lhs, rhs, effective=lhs + rhs)
        if result and result[0] != result[1]:
            yield finding(
                "Y1",
                f"表三「{label}」列：本年「上年结转」为{fmt(result[0])}，但上年「结转下年度继续办理」为{fmt(result[1])}{suffix}",
                lhs + rhs,
                severity=severity,
            )


TABLE2_DOCS = ("规章", "行政规范性文件")


def _both_2021(ctx: Context) -> bool:
    return ctx.report.format_version == FORMAT_2021 and ctx.previous.format_version == FORMAT_2021


@rule(
    "Y2",
    WARNING,
    "跨年：表二现行有效件数≈上年现行有效件数＋本年制发件数－本年废止件数",
    "docs/law.md §2.10 Y2（制发可能含修改，故只作提示）",
)
def y2(ctx: Context) -> Iterator[Finding]:
    ok, notes = _previous_ok(ctx, "Y2")
    yield from notes
    if not ok or not _both_2021(ctx):
        return  # Y3: not comparable across the format change
    for row in TABLE2_DOCS:
        cur, issued, repealed = (f"table2.{row}.{c}" for c in ("现行有效件数", "本年制发件数", "本年废止件数"))
        prev = f"previous.table2.{row}.现行有效件数"
        result = ctx.equation("Y2", f"「{row}」", [cur, repealed], [prev, issued])
        if result and result[0] != result[1]:
            expected = ctx.raw(prev) + ctx.raw(issued) - ctx.raw(repealed)
            yield finding(
                "Y2",
                f"表二「{row}」现行有效件数为{fmt(ctx.raw(cur))}，而上年现行有效{fmt(ctx.raw(prev))}＋本年制发"
                f"{fmt(ctx.raw(issued))}－本年废止{fmt(ctx.raw(repealed))}＝{fmt(expected)}",
                [cur, prev, issued, repealed],
            )


@rule(
    "Y3",
    WARNING,
    "跨年：2019年试行格式的「对外公开总数量」与2021年格式的「现行有效件数」不可比，不做Y2/P1核对",
    "docs/law.md §2.9、§2.10 Y3",
)
def y3(ctx: Context) -> Iterator[Finding]:
    if ctx.previous is None or ctx.report.format_version == ctx.previous.format_version:
        return
    yield finding(
        "Y3",
        f"上年报告为{ctx.previous.format_version}年格式，本年报告为{ctx.report.format_version}年格式，"
        "表二口径不同，未核对Y2、P1",
        [],
    )


# =============================================================================================
# P: within-year plausibility (soft)
# =============================================================================================


@rule("P1", WARNING, "表二本年废止件数不超过上年现行有效件数与本年制发件数之和", "docs/law.md §2.10 P1")
def p1(ctx: Context) -> Iterator[Finding]:
    ok, _ = _previous_ok(ctx, "P1")
    if not ok or not _both_2021(ctx):
        return
    for row in TABLE2_DOCS:
        repealed, issued = f"table2.{row}.本年废止件数", f"table2.{row}.本年制发件数"
        prev = f"previous.table2.{row}.现行有效件数"
        result = ctx.equation("P1", f"「{row}」", [repealed], [prev, issued])
        if result and result[0] > result[1]:
            yield finding(
                "P1",
                f"表二「{row}」本年废止{fmt(result[0])}件，多于上年现行有效与本年制发之和{fmt(result[1])}件",
                [repealed, prev, issued],
            )


@rule("P2", WARNING, "表二本年制发件数不超过现行有效件数与本年废止件数之和", "docs/law.md §2.10 P2")
def p2(ctx: Context) -> Iterator[Finding]:
    if ctx.fv != FORMAT_2021:
        return
    for row in TABLE2_DOCS:
        issued, valid, repealed = (f"table2.{row}.{c}" for c in ("本年制发件数", "现行有效件数", "本年废止件数"))
        result = ctx.equation("P2", f"「{row}」", [issued], [valid, repealed])
        if result and result[0] > result[1]:
            yield finding(
                "P2",
                f"表二「{row}」本年制发{fmt(result[0])}件，多于现行有效与本年废止之和{fmt(result[1])}件"
                "（本年制发的文件应仍有效或已废止）",
                [issued, valid, repealed],
            )


def _fee(ctx: Context, key: str) -> Decimal | int | None:
    """A section 六 fee fact, or None when the report does not state it (blank is not 0 here:
    the figures come from free text, and saying nothing is not saying zero)."""
    cell = ctx.cell(f"fees.{key}")
    return cell.value if cell.found and _is_number(cell.value) else None


@rule(
    "P3",
    WARNING,
    "因逾期未缴费而不再处理的申请数不超过发出收费通知的件数",
    "条例第四十二条；docs/law.md §2.10 P3（未计上年跨年的收费通知）",
)
def p3(ctx: Context) -> Iterator[Finding]:
    notices = _fee(ctx, "notices")
    if notices is None or ctx.fv != FORMAT_2021:
        return
    path = "table3.R3f2.total"
    if not ctx.cell(path).found or not ctx.is_number(path):
        return
    abandoned = ctx.value(path)
    if abandoned > notices:
        yield finding(
            "P3",
            f"表三「逾期未按收费通知要求缴纳费用」不再处理{fmt(abandoned)}件，多于第六部分发出收费通知的"
            f"{fmt(notices)}件（上年发出的通知除外）",
            [path, "fees.notices"],
        )


@rule("P4", WARNING, "实际收取的信息处理费不超过收费通知总金额", "docs/law.md §2.10 P4（12月通知、次年1月缴费时可能例外）")
def p4(ctx: Context) -> Iterator[Finding]:
    noticed, collected = _fee(ctx, "noticed_total_yuan"), _fee(ctx, "collected_yuan")
    if noticed is not None and collected is not None and collected > noticed:
        yield finding(
            "P4",
            f"实际收取信息处理费{fmt(collected)}元，多于收费通知总金额{fmt(noticed)}元",
            ["fees.collected_yuan", "fees.noticed_total_yuan"],
        )


@rule("P5", WARNING, "未发出收费通知时，收费通知总金额和实际收取金额应为0", "docs/law.md §2.10 P5")
def p5(ctx: Context) -> Iterator[Finding]:
    if _fee(ctx, "notices") != 0:
        return
    for key, label in (("noticed_total_yuan", "收费通知总金额"), ("collected_yuan", "实际收取的总金额")):
        amount = _fee(ctx, key)
        if amount:
            yield finding("P5", f"发出收费通知0件，但{label}为{fmt(amount)}元", ["fees.notices", f"fees.{key}"])


@rule(
    "P6",
    WARNING,
    "收费通知总金额应为10元的整数倍",
    "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第四条、按量计收标准：每件100元起、每页10元起",
)
def p6(ctx: Context) -> Iterator[Finding]:
    noticed = _fee(ctx, "noticed_total_yuan")
    if noticed is not None and noticed % 10 != 0:
        yield finding(
            "P6",
            f"收费通知总金额{fmt(noticed)}元不是10元的整数倍，与109号文的收费标准不符",
            ["fees.noticed_total_yuan"],
        )


_FEE_BASIS = re.compile(r"第?三十五条|第?四十二条|35条|42条|信息处理费管理办法|109号")


@rule(
    "P7",
    WARNING,
    "有「无正当理由大量反复申请」或发出收费通知时，正文通常提及条例第三十五条或第四十二条",
    "条例第三十五条、第四十二条；docs/law.md §2.10 P7",
)
def p7(ctx: Context) -> Iterator[Finding]:
    text = "".join(ctx.report.sections.values())
    if not text.strip():
        return  # no narrative to look in
    triggers = []
    if ctx.fv == FORMAT_2021 and ctx.is_number("table3.R3e4.total") and ctx.value("table3.R3e4.total") > 0:
        triggers.append("table3.R3e4.total")
    if (_fee(ctx, "notices") or 0) > 0:
        triggers.append("fees.notices")
    if triggers and not _FEE_BASIS.search(unicodedata.normalize("NFKC", text).replace(" ", "")):
        yield finding(
            "P7",
            "报告有无正当理由大量反复申请或发出收费通知的情况，但正文未提及条例第三十五条、第四十二条"
            "或《政府信息公开信息处理费管理办法》",
            triggers,
        )


rule(
    "P8",
    WARNING,
    "表四上年「尚未审结」的案件本年应有结果",
    "docs/law.md §2.10 P8",
    skipped="仅凭两年的表四无法核对（上年未审结的案件本年结果与本年新案件混在一起），需用案件数据核对",
)(None)


# =============================================================================================
# X: narrative vs tables (soft). The fact keys are read from `Report.facts`.
# =============================================================================================

#: Fact keys the X rules read, what they mean, and the rule that checks them. A parser stores a
#: number quoted in the narrative under one of these keys (see `gongkai.core.report.parse`).
FACT_KEYS: dict[str, tuple[str, str, str]] = {
    # key: (rule, what the narrative states, the table side)
    # X1 — 表三 totals quoted in section 一
    "new_received": ("X1", "本年新收政府信息公开申请数", "表三「一、本年新收」总计"),
    "carried_over": ("X1", "上年结转申请数", "表三「二、上年结转」总计"),
    "received_total": ("X1", "本年受理申请总数（新收加上年结转）", "表三「一」与「二」总计之和"),
    "handled": ("X1", "本年办理（答复）申请数", "表三「（七）总计」"),
    "carried_forward": ("X1", "结转下年度继续办理数", "表三「四、结转下年度继续办理」总计"),
    "disclosed": ("X1", "予以公开件数", "表三「（一）予以公开」总计"),
    "partial": ("X1", "部分公开件数", "表三「（二）部分公开」总计"),
    "disclosed_or_partial": ("X1", "予以公开及部分公开件数", "表三「（一）」与「（二）」总计之和"),
    "denied": ("X1", "不予公开件数", "表三「（三）不予公开」1至8项总计之和"),
    "unable": ("X1", "无法提供件数", "表三「（四）无法提供」1至3项总计之和"),
    "not_processed": ("X1", "不予处理件数", "表三「（五）不予处理」1至5项总计之和"),
    "other_handling": ("X1", "其他处理件数", "表三「（六）其他处理」总计"),
    # X2 — 表四 totals quoted in section 一/四
    "review_cases": ("X2", "行政复议案件数", "表四「行政复议」总计"),
    "litigation_cases": ("X2", "行政诉讼案件数", "表四「未经复议直接起诉」与「复议后起诉」总计之和"),
    "direct_suit_cases": ("X2", "未经复议直接起诉案件数", "表四「未经复议直接起诉」总计"),
    "suit_after_review_cases": ("X2", "复议后起诉案件数", "表四「复议后起诉」总计"),
    "remedy_cases": ("X2", "行政复议和行政诉讼案件总数", "表四三个总计之和"),
    "review_upheld": ("X2", "行政复议结果维持件数", "表四「行政复议」「结果维持」"),
    "litigation_upheld": ("X2", "行政诉讼结果维持件数", "表四两类起诉「结果维持」之和"),
    "all_upheld": ("X2", "复议、诉讼「均获维持」（值为1）", "表四不应有纠正、其他结果或尚未审结"),
    # X3 — 表二 counts quoted in section 一
    "regulations": ("X3", "主动公开规章件数", "表二「规章」本年制发件数或现行有效件数"),
    "normative_documents": ("X3", "主动公开行政规范性文件件数", "表二「行政规范性文件」本年制发件数或现行有效件数"),
    # W5
    "data_year": ("W5", "统计年度（如「数据统计期限从2019年1月1日到12月31日止」）", "报告年度"),
}

_R3C = [f"table3.R3c{i}.total" for i in range(1, 9)]
_R3D = [f"table3.R3d{i}.total" for i in range(1, 4)]
_R3E = [f"table3.R3e{i}.total" for i in range(1, 6)]


def _fact_paths(ctx: Context, key: str) -> list[list[str]]:
    """The table side of a fact: a list of alternatives, each a list of cells to sum."""
    other = [f"{r}.total" for r in ctx.other_handling_rows()]
    t4 = {k.value: f"table4.{k.value}.total" for k in RemedyKind}
    t2 = {
        FORMAT_2021: {
            "regulations": [["table2.规章.本年制发件数"], ["table2.规章.现行有效件数"]],
            "normative_documents": [["table2.行政规范性文件.本年制发件数"], ["table2.行政规范性文件.现行有效件数"]],
        },
        FORMAT_2019: {
            "regulations": [["table2.规章.本年新公开数量"], ["table2.规章.本年新制作数量"], ["table2.规章.对外公开总数量"]],
            "normative_documents": [
                ["table2.规范性文件.本年新公开数量"],
                ["table2.规范性文件.本年新制作数量"],
                ["table2.规范性文件.对外公开总数量"],
            ],
        },
    }[ctx.fv if ctx.fv in (FORMAT_2019, FORMAT_2021) else FORMAT_2021]
    table = {
        # 「受理N件」 means 新收 in some reports (上海 2019) and 新收＋上年结转 in others (沭阳 2025).
        "new_received": [["table3.R1.total"], ["table3.R1.total", "table3.R2.total"]],
        "carried_over": [["table3.R2.total"]],
        "received_total": [["table3.R1.total", "table3.R2.total"]],
        "handled": [["table3.R3g.total"]],
        "carried_forward": [["table3.R4.total"]],
        "disclosed": [["table3.R3a.total"]],
        "partial": [["table3.R3b.total"]],
        "disclosed_or_partial": [["table3.R3a.total", "table3.R3b.total"]],
        "denied": [_R3C],
        "unable": [_R3D],
        "not_processed": [_R3E],
        "other_handling": [other],
        "review_cases": [[t4["review"]]],
        "litigation_cases": [[t4["direct_suit"], t4["suit_after_review"]]],
        "direct_suit_cases": [[t4["direct_suit"]]],
        "suit_after_review_cases": [[t4["suit_after_review"]]],
        "remedy_cases": [list(t4.values())],
        "review_upheld": [["table4.review.upheld"]],
        "litigation_upheld": [["table4.direct_suit.upheld", "table4.suit_after_review.upheld"]],
        **t2,
    }
    return table.get(key, [])


def _check_facts(ctx: Context, rule_id: str) -> Iterator[Finding]:
    for key, fact in ctx.report.facts.items():
        spec = FACT_KEYS.get(key)
        if spec is None or spec[0] != rule_id or key == "all_upheld":
            continue
        alternatives = _fact_paths(ctx, key)
        sums = []
        for paths in alternatives:
            if all(ctx.cell(p).found and ctx.is_number(p) for p in paths):
                sums.append((sum((ctx.value(p) for p in paths), 0), paths))
        if not sums or any(total == fact.value for total, _ in sums):
            continue
        total, paths = sums[0]
        quote = f"（「{fact.quote}」）" if fact.quote else ""
        yield finding(
            rule_id,
            f"正文所述{spec[1]}为{fmt(fact.value)}{quote}，但{spec[2]}为{fmt(total)}",
            [f"facts.{key}", *paths],
        )


@rule("X1", WARNING, "正文引用的申请数、办理数、结转数等与表三一致", "docs/law.md §2.10 X1")
def x1(ctx: Context) -> Iterator[Finding]:
    yield from _check_facts(ctx, "X1")


@rule("X2", WARNING, "正文引用的行政复议、行政诉讼案件数与表四一致", "docs/law.md §2.10 X2")
def x2(ctx: Context) -> Iterator[Finding]:
    yield from _check_facts(ctx, "X2")
    fact = ctx.report.facts.get("all_upheld")
    if fact is None or not fact.value:
        return
    others = [
        f"table4.{k.value}.{c}"
        for k in RemedyKind
        for c in ("corrected", "other", "pending")
        if ctx.is_number(f"table4.{k.value}.{c}") and ctx.raw(f"table4.{k.value}.{c}") > 0
    ]
    if others:
        detail = "、".join(f"{T4_KIND_LABEL[p.split('.')[1]]}{T4_COL_LABEL[p.split('.')[2]]}{fmt(ctx.raw(p))}件" for p in others)
        quote = f"「{fact.quote}」" if fact.quote else "均获维持"
        yield finding("X2", f"正文称复议、诉讼案件{quote}，但表四有{detail}", ["facts.all_upheld", *others])


@rule("X3", WARNING, "正文引用的主动公开规章、规范性文件件数与表二一致", "docs/law.md §2.10 X3")
def x3(ctx: Context) -> Iterator[Finding]:
    yield from _check_facts(ctx, "X3")


# =============================================================================================
# W: formatting (soft)
# =============================================================================================


def _table_of(path: str) -> str:
    return {"table2": "表二", "table3": "表三", "table3_extra_rows": "表三", "table4": "表四"}[path.split(".", 1)[0]]


@rule("W1", WARNING, "空白单元格（按0计算）", "docs/law.md §2.3、§2.10 W1")
def w1(ctx: Context) -> Iterator[Finding]:
    blanks: dict[str, list[str]] = {}
    cells = [(p, c) for p, c, _ in _table2_cells(ctx)] + list(_count_cells(ctx))
    for path, cell in cells:
        if cell.is_blank:
            blanks.setdefault(_table_of(path), []).append(path)
    for table, paths in blanks.items():
        totals = [p for p in paths if p.endswith(".total")]
        extra = f"，其中总计栏{len(totals)}个" if totals else ""
        yield finding("W1", f"{table}有{len(paths)}个空白单元格（按0计算）{extra}", paths)


@rule("W2", WARNING, "数字单元格中有非数字内容（如单位「元」）", "docs/law.md §2.10 W2")
def w2(ctx: Context) -> Iterator[Finding]:
    cells = [(p, c) for p, c, _ in _table2_cells(ctx)] + list(_count_cells(ctx))
    for path, cell in cells:
        if cell.found and isinstance(cell.value, str):
            yield finding("W2", f"{describe(path)}填写了非数字内容「{cell.value}」", [path])


FEE_UNIT_THRESHOLD = Decimal(10000)  # 万元; above this a department or township likely wrote 元


@rule(
    "W3",
    WARNING,
    "表二收费金额单位应为万元（部门、乡镇超过1万万元时疑为误填元）",
    "表二「本年收费金额（单位：万元）」；docs/law.md §2.10 W3",
)
def w3(ctx: Context) -> Iterator[Finding]:
    if ctx.fv != FORMAT_2021:
        return
    kind = ctx.kind or infer_kind(ctx.report.agency)
    if kind not in ("department", "township"):
        return
    path = f"table2.行政事业性收费.{TABLE2_FEE_COLUMN}"
    if ctx.is_number(path) and ctx.raw(path) > FEE_UNIT_THRESHOLD:
        yield finding(
            "W3",
            f"表二行政事业性收费{fmt(ctx.raw(path))}万元，对{'部门' if kind == 'department' else '乡镇、街道'}而言异常偏大，"
            "可能误按元填报",
            [path],
        )


_NUMBERED = re.compile(r"^[一二三四五六七八九十]+[、.．]")
# Keyword per section; checked in this order because 「四、…被申请行政复议」 also contains 申请.
_SECTION_KEYS = ((3, ("复议", "诉讼")), (4, ("问题", "改进")), (5, ("其他",)), (1, ("主动公开",)), (2, ("申请",)),
                 (0, ("总体", "概述")))


def _section_index(heading: str) -> int | None:
    text = normalise_label(heading)
    if not _NUMBERED.match(unicodedata.normalize("NFKC", heading.strip())):
        return None
    for index, words in _SECTION_KEYS:
        if any(w in text for w in words):
            return index
    return None


@rule("W4", WARNING, "六个板块标题齐全且顺序正确", "国办公开办函〔2021〕30号 年度报告格式；条例第五十条；docs/law.md §2.2")
def w4(ctx: Context) -> Iterator[Finding]:
    headings = list(ctx.report.sections)
    if not headings:
        return  # no narrative structure known (e.g. a report built from JSON)
    found = [(h, i) for h in headings if (i := _section_index(h)) is not None]
    indices = [i for _, i in found]
    for i, title in enumerate(SECTIONS):
        if i not in indices:
            yield finding("W4", f"缺少板块「{title}」", [f"sections.{title}"])
    if indices != sorted(indices):
        order = "、".join(h for h, _ in found)
        yield finding("W4", f"板块顺序不符合年度报告格式：{order}", [f"sections.{h}" for h, _ in found])


_TITLE_YEAR = re.compile(r"(\d{4})\s*年(?:度)?.{0,30}年度报告")


@rule("W5", WARNING, "标题中的年份与数据年度一致", "docs/law.md §2.10 W5")
def w5(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    title_year = None
    if report.title:
        m = _TITLE_YEAR.search(unicodedata.normalize("NFKC", report.title))
        title_year = int(m.group(1)) if m else None
    data_year = report.facts.get("data_year")
    if title_year and report.year and title_year != report.year:
        yield finding("W5", f"标题年份为{title_year}年，但报告数据年度为{report.year}年", ["title", "year"])
    if data_year is not None and report.year and data_year.value != report.year:
        yield finding("W5", f"正文所述统计年度为{fmt(data_year.value)}年，但报告年度为{report.year}年", ["facts.data_year", "year"])


#: 第四十九条: departments publish by 1月31日, governments by 3月31日. Townships are not
#: covered (docs/law.md Q15, local rules differ): the later government deadline is used so that W6 does
#: not warn on a township that its own rules allow.
DEADLINES = {"department": (1, 31), "government": (3, 31), "township": (3, 31)}


@rule(
    "W6",
    WARNING,
    "发布日期不晚于次年1月31日（部门）或3月31日（政府）",
    "条例第四十九条",
)
def w6(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    if not report.published_on or not report.year:
        return
    try:
        published = date.fromisoformat(str(report.published_on)[:10])
    except ValueError:
        return
    kind = ctx.kind or infer_kind(report.agency) or "government"
    month, day = DEADLINES.get(kind, DEADLINES["government"])
    try:
        deadline = date(int(report.year) + 1, month, day)
    except (TypeError, ValueError, OverflowError):
        return  # not a calendar year
    if published > deadline:
        who = "县级以上人民政府部门" if kind == "department" else "人民政府"
        yield finding(
            "W6",
            f"报告发布于{published.isoformat()}，晚于条例第四十九条规定{who}的发布期限{deadline.isoformat()}",
            ["published_on"],
        )


__all__ = ["FACT_KEYS"]
