"""Word (.docx) rendering with python-docx: the official layout with merged cells, on the GB/T 9704
page (gongkai.core.gbt9704, which the PDF reads too).

Fonts: 公文 typography uses 方正小标宋简体 (title), 黑体 (section headings), 仿宋_GB2312 (body)
and 宋体 (tables). python-docx's `font.name` only sets `w:ascii`/`w:hAnsi`; without `w:eastAsia`
Word and LibreOffice pick a fallback for every CJK character (docs/stack.md §1.4), so each run and
style here sets all of them (gbt9704.docx_font).

Tables: the grid (w:tblGrid) and every cell width (w:tcW) come from the same column shares as the
HTML <colgroup> (layout.COLUMN_WIDTHS), with a fixed layout: LibreOffice lays tables out by the grid.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from gongkai.core import gbt9704
from gongkai.core.report.render.layout import (
    COLUMN_WIDTHS,
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

TITLE_FONT = gbt9704.TITLE_FONT
HEADING_FONT = gbt9704.HEADING_FONT
BODY_FONT = gbt9704.BODY_FONT
TABLE_FONT = gbt9704.TABLE_FONT
_set_font = gbt9704.docx_font


def _paragraph(doc, text: str, *, font: str = BODY_FONT, size: float = gbt9704.BODY_PT, bold: bool = False,
               align=None, indent: bool = True, keep_with_next: bool = False) -> None:
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    if keep_with_next:
        p.paragraph_format.keep_with_next = True
    if size > gbt9704.BODY_PT:  # the title: 2号 needs more than the 3号 line pitch, off the grid
        p.paragraph_format.line_spacing = Pt(round(gbt9704.LINE_PITCH_PT * 1.2, 2))
        p.paragraph_format.space_after = Pt(round(gbt9704.LINE_PITCH_PT, 2))  # one blank line under the title
        gbt9704.docx_off_grid(p)
    run = p.add_run(xml_safe(text))
    _set_font(run, font, size, bold)


def _cell_text(cell, box: Box) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing = 1.0  # single: the body's fixed 3号 pitch would make every 9 pt row 10 mm tall
    gbt9704.docx_off_grid(paragraph)
    if box.text:
        run = paragraph.add_run(xml_safe(box.text))
        _set_font(run, TABLE_FONT, gbt9704.TABLE_PT)
        gbt9704.docx_character_spacing(run._element.get_or_add_rPr(), 0)  # the body's -0.2 pt is for 3号 text


def _table(doc, rows: list[list[Box]], width: int, widths: tuple[float, ...], header_rows: int = 0) -> None:
    placed = list(place(rows))
    height = max(r + b.rowspan for r, _, b in placed)
    table = doc.add_table(rows=height, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # `table.cell(r, c)` rebuilds the whole grid on every call; take the cells once, before any
    # merge (boxes never overlap, so each box's corner cells survive the earlier merges).
    grid = [list(row.cells) for row in table.rows]
    for r, c, box in placed:
        cell = grid[r][c]
        if box.rowspan > 1 or box.colspan > 1:
            cell = cell.merge(grid[r + box.rowspan - 1][c + box.colspan - 1])
        _cell_text(cell, box)
    gbt9704.docx_table_widths(table, widths)
    gbt9704.docx_header_rows(table, header_rows)


def render_docx(report: Report) -> bytes:
    """The report as a .docx file (bytes)."""
    doc = Document()
    gbt9704.docx_page(doc)

    _paragraph(doc, title(report), font=TITLE_FONT, size=gbt9704.TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent=False, keep_with_next=True)
    if report.published_on:
        _paragraph(doc, f"发布日期：{report.published_on}", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(doc, PREAMBLE)
    for index, (head, text) in enumerate(sections(report)):
        _paragraph(doc, head, font=HEADING_FONT, keep_with_next=True)
        if index == 1:
            _table(doc, table2_rows(report), TABLE2_WIDTH, COLUMN_WIDTHS["table2"])
        elif index == 2:
            _table(doc, table3_rows_layout(report), TABLE3_WIDTH, COLUMN_WIDTHS["table3"], header_rows=3)
        elif index == 3:
            _table(doc, table4_rows(report), TABLE4_WIDTH, COLUMN_WIDTHS["table4"], header_rows=3)
        else:
            for paragraph in section_paragraphs(report, index, text):
                _paragraph(doc, paragraph)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
