"""From tokens and lines to a `Report`: format detection, tables, narrative, sanity checks."""

from __future__ import annotations

import re

from gongkai.core.report.parse.divisions import correct_agency
from gongkai.core.report.parse.errors import ParseError
from gongkai.core.report.parse.extract import MIXED_EVIDENCE, detect_format, extract
from gongkai.core.report.parse.narrative import (
    _PERIOD,
    find_facts,
    find_fees,
    find_published,
    find_sections,
    find_title,
    find_year,
    qualify_agency,
)
from gongkai.core.report.parse.normalize import is_page_marker, norm, squeeze_cjk_digit_spaces
from gongkai.core.report.parse.tokens import Token
from gongkai.core.report.schema import Cell, Fact, Report, table2_blocks, table3_rows
from gongkai.core.vocabulary import SECTIONS, RemedyKind

_TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
_MIN_EVIDENCE = tuple(norm(s) for s in ("信息公开", "政府信息"))


def build_report(lines: list[str], tokens: list[Token], source: dict) -> Report:
    """The report read from a document's cleaned `lines` (narrative) and `tokens` (tables)."""
    lines = [line for line in lines if not is_page_marker(line)]
    text = "\n".join(lines)
    flat = squeeze_cjk_digit_spaces("".join([line.strip() for line in lines]))
    compact = norm(flat) if len(flat) < 200_000 else norm(flat[:200_000])

    title, year, agency = find_title(lines)
    if year is None:
        year = find_year(flat)
    fv, evidence = detect_format(compact, year)
    if fv is None:
        raise ParseError(
            f"不支持2019年以前的年度报告格式：文档使用{evidence}，请按2008年条例时期的统计口径另行处理"
        )

    report = Report(format_version=fv, year=year, title=title)
    report.source = dict(source, format_evidence=evidence)
    if agency:
        _set_agency(report, qualify_agency(agency, flat))

    ex = extract(tokens, report, cell_per_line=source.get("layout") == "cell-per-line")
    if evidence == MIXED_EVIDENCE:
        report.missing.append(
            "表二：文档印的是2019年试行格式的表二（本年新制作数量等），2021年格式的10个单元格没有印出；"
            "读到的2019年格式数值按其原标签列在 table2 中"
        )
    _complete_shape(report)

    report.sections = find_sections(text)
    section_one = report.sections.get(SECTIONS[0])
    if section_one:
        report.facts = find_facts(re.sub(r"\s*\n\s*", "", section_one), "一、总体情况")
    period = _PERIOD.search(flat)
    if period and "data_year" not in report.facts:  # the statistics period is often in the preamble
        report.facts["data_year"] = Fact(int(period.group(1)), "导语", period.group(0))
    six = report.sections.get(SECTIONS[5])
    report.fees = find_fees(re.sub(r"\s*\n\s*", "", six) if six else None, flat, "六、其他需要报告的事项")
    report.published_on = find_published(lines)

    found_cells = any(c.found for c in _expected_cells(report))
    no_report_signs = not found_cells and len(report.sections) < 2 and not title
    if no_report_signs and (not any(m in compact for m in _MIN_EVIDENCE) or not (ex.t2_found or ex.t3_found)):
        raise ParseError(
            "不是政府信息公开工作年度报告：未找到表三的行标签、章节标题（一、总体情况……）或报告标题"
            "（××××年政府信息公开工作年度报告）"
        )
    if not found_cells:
        report.missing.insert(0, "文档中没有可读的统计表（表二、表三、表四均未找到）")
    elif (
        ex.end_state in _TABLE_NAMES
        and any(not c.found for c in _expected_cells(report))
        and not re.search(r"[五六]、", ex.last_text)
    ):
        # the document stops inside a table: say where, before the cell-by-cell list
        report.missing.insert(
            0,
            f"文档不完整：在{_TABLE_NAMES[ex.end_state]}中途结束（最后的文字：「{ex.last_text}」），其后的单元格缺失",
        )
    return report


def _expected_cells(report: Report):
    """The cells of `Report.cells()` without their paths (called on every parse: no path strings)."""
    missing = Cell.missing()
    for block in table2_blocks(report.format_version):
        for row in block.rows:
            cols = report.table2.get(row, {})
            for col in block.columns:
                yield cols.get(col, missing)
    for table, keys, width in (
        (report.table3, [row.key for row in table3_rows(report.format_version)], 7),
        (report.table4, [kind.value for kind in RemedyKind], 5),
    ):
        for key in keys:
            cells = table.get(key) or []
            yield from cells[:width]
            for _ in range(width - len(cells[:width])):
                yield missing


def _set_agency(report: Report, printed: str) -> None:
    """The agency as printed, unless its place name is an OCR confusion of a real division.

    The correction (divisions.py) keeps the printed name as `raw`, with less confidence, and says
    what was changed in `Report.notes`.
    """
    agency, corrections = correct_agency(printed)
    report.agency = agency
    if corrections:
        report.agency_cell = Cell(agency, True, "标题", 0.8, printed)
        report.notes.extend(c.note for c in corrections)
    else:
        report.agency_cell = Cell(agency, True, "标题")


def _complete_shape(report: Report) -> None:
    """Every cell of the format exists in the report; cells not read are missing, not 0."""
    # (membership tests, not setdefault: a default argument would build the missing cells every time)
    for block in table2_blocks(report.format_version):
        for row in block.rows:
            cols = report.table2.setdefault(row, {})
            for col in block.columns:
                if col not in cols:
                    cols[col] = Cell.missing()
    for row in table3_rows(report.format_version):
        if row.key not in report.table3:
            report.table3[row.key] = [Cell.missing() for _ in range(7)]
    for kind in RemedyKind:
        if kind.value not in report.table4:
            report.table4[kind.value] = [Cell.missing() for _ in range(5)]
