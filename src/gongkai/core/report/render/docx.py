"""Word (.docx) rendering with python-docx: the official layout with merged cells.

Fonts: 公文 typography uses 方正小标宋简体 (title), 黑体 (section headings), 仿宋_GB2312 (body)
and 宋体 (tables). python-docx's `font.name` only sets `w:ascii`/`w:hAnsi`; without `w:eastAsia`
Word and LibreOffice pick a fallback for every CJK character (stack.md §1.4), so each run and
style here sets all three.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from gongkai.core.report.render.layout import (
    PREAMBLE,
    TABLE2_WIDTH,
    TABLE3_WIDTH,
    TABLE4_WIDTH,
    Box,
    place,
    section_paragraphs,
    sections,
    table2_rows,
    table3_rows_layout,
    table4_rows,
    title,
    xml_safe,
)
from gongkai.core.report.schema import Report

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "宋体"


def _set_font(run_or_style, name: str, size: float | None = None, bold: bool | None = None) -> None:
    font = run_or_style.font
    font.name = name
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _paragraph(doc, text: str, *, font: str = BODY_FONT, size: float = 16, bold: bool = False,
               align=None, indent: bool = True) -> None:
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(xml_safe(text))
    _set_font(run, font, size, bold)


def _cell_text(cell, box: Box) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    if box.text:
        run = paragraph.add_run(xml_safe(box.text))
        _set_font(run, TABLE_FONT, 9)


def _table(doc, rows: list[list[Box]], width: int, widths_cm: tuple[float, ...]) -> None:
    placed = list(place(rows))
    height = max(r + b.rowspan for r, _, b in placed)
    table = doc.add_table(rows=height, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # `table.cell(r, c)` rebuilds the whole grid on every call; take the cells once, before any
    # merge (boxes never overlap, so each box's corner cells survive the earlier merges).
    grid = [list(row.cells) for row in table.rows]
    for row in grid:
        for cell, w in zip(row, widths_cm, strict=False):
            cell.width = Cm(w)
    for r, c, box in placed:
        cell = grid[r][c]
        if box.rowspan > 1 or box.colspan > 1:
            cell = cell.merge(grid[r + box.rowspan - 1][c + box.colspan - 1])
        _cell_text(cell, box)


def render_docx(report: Report) -> bytes:
    """The report as a .docx file (bytes)."""
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _set_font(doc.styles["Normal"], BODY_FONT, 16)

    _paragraph(doc, title(report), font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    if report.published_on:
        _paragraph(doc, f"发布日期：{report.published_on}", size=12, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(doc, PREAMBLE)
    for index, (head, text) in enumerate(sections(report)):
        _paragraph(doc, head, font=HEADING_FONT, size=16)
        if index == 1:
            _table(doc, table2_rows(report), TABLE2_WIDTH, (5.0, 3.4, 3.4, 3.4))
        elif index == 2:
            _table(doc, table3_rows_layout(report), TABLE3_WIDTH, (1.2, 1.4, 4.6) + (1.1,) * 7)
        elif index == 3:
            _table(doc, table4_rows(report), TABLE4_WIDTH, (1.04,) * 15)
        else:
            for paragraph in section_paragraphs(report, index, text):
                _paragraph(doc, paragraph)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
