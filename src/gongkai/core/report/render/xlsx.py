"""Excel (.xlsx) rendering with openpyxl: one sheet in the official layout (merged ranges for the
rowspan/colspan cells), numbers stored as numbers; and `xlsx_to_html`, which turns a sheet back
into an HTML table (merged ranges → rowspan/colspan) so the HTML parser can read it.
"""

from __future__ import annotations

import io
from decimal import Decimal
from html import escape

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from gongkai.core.cells import is_risky
from gongkai.core.report.render.layout import (
    PREAMBLE,
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

WIDTH = TABLE4_WIDTH  # the widest table sets the sheet's width
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TABLE_FONT = Font(name="宋体", size=9)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _value(box: Box):
    """Numbers as numbers (so the sheet sums), anything else as printed text."""
    text = xml_safe(box.text)
    if not box.num or text == "":
        return text or None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = Decimal(text)
    except ArithmeticError:
        return text
    return number if number.is_finite() else text


def _as_text(cell) -> None:
    """Text that starts with 「=」 stays text: a parsed document must not become a formula."""
    if is_risky(cell.value):  # = + - @ TAB CR (gongkai.core.cells)
        cell.data_type = "s"


class _Sheet:
    def __init__(self, ws):
        self.ws = ws
        self.row = 1

    def line(self, text: str, *, size: float = 11, bold: bool = False, center: bool = False) -> None:
        ws = self.ws
        cell = ws.cell(row=self.row, column=1, value=xml_safe(text))
        _as_text(cell)
        cell.font = Font(name="仿宋_GB2312" if not bold else "黑体", size=size, bold=bold)
        cell.alignment = Alignment(horizontal="center" if center else "left", vertical="top", wrap_text=True)
        ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=WIDTH)
        # A merged row does not grow with wrapped text; give long paragraphs some height.
        ws.row_dimensions[self.row].height = max(18, 15 * (1 + len(text) // 70))
        self.row += 1

    def table(self, rows: list[list[Box]]) -> None:
        ws = self.ws
        top = self.row
        bottom = top
        for r, c, box in place(rows):
            row, col = top + r, 1 + c
            cell = ws.cell(row=row, column=col, value=_value(box))
            _as_text(cell)
            last_row, last_col = row + box.rowspan - 1, col + box.colspan - 1
            for rr in range(row, last_row + 1):
                for cc in range(col, last_col + 1):
                    ws.cell(row=rr, column=cc).border = BORDER
            cell.font = TABLE_FONT
            cell.alignment = CENTER
            if last_row > row or last_col > col:
                ws.merge_cells(start_row=row, start_column=col, end_row=last_row, end_column=last_col)
            bottom = max(bottom, last_row)
        self.row = bottom + 2


def render_xlsx(report: Report) -> bytes:
    """The report as an .xlsx workbook (bytes)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "年度报告"
    for i in range(1, WIDTH + 1):
        ws.column_dimensions[get_column_letter(i)].width = 9
    ws.column_dimensions["C"].width = 30
    sheet = _Sheet(ws)
    sheet.line(title(report), size=16, bold=True, center=True)
    if report.published_on:
        sheet.line(f"发布日期：{report.published_on}", center=True)
    sheet.line(PREAMBLE)
    for index, (head, text) in enumerate(sections(report)):
        sheet.line(head, size=12, bold=True)
        if index == 1:
            sheet.table(table2_rows(report))
        elif index == 2:
            sheet.table(table3_rows_layout(report))
        elif index == 3:
            sheet.table(table4_rows(report))
        else:
            for paragraph in section_paragraphs(report, index, text):
                sheet.line(paragraph)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Reading a sheet back
# ---------------------------------------------------------------------------------------------


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def xlsx_to_html(data: bytes) -> str:
    """Every sheet of a workbook as HTML: rows with bordered cells become tables (merged ranges
    as rowspan/colspan), other non-empty rows become paragraphs. Raises ValueError (Chinese) for
    bytes that are not a workbook."""
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (zipfile, KeyError, XML errors)
        raise ValueError(f"不是有效的Excel（.xlsx）文件：{exc}") from exc
    out = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>']
    for ws in wb.worksheets:
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        covered: set[tuple[int, int]] = set()
        for rng in ws.merged_cells.ranges:
            spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col):
                        covered.add((r, c))
        any_border = any(
            cell.border is not None and cell.border.left is not None and cell.border.left.style
            for row in ws.iter_rows()
            for cell in row
        )
        in_table = False
        for row in ws.iter_rows():
            tabular = not any_border or any(cell.border.left.style for cell in row if cell.border and cell.border.left)
            if tabular:
                cells = []
                for cell in row:
                    pos = (cell.row, cell.column)
                    if pos in covered:
                        continue
                    rowspan, colspan = spans.get(pos, (1, 1))
                    if not cell.border.left.style and cell.value is None and any_border:
                        continue  # outside the table's columns
                    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
                        f' colspan="{colspan}"' if colspan > 1 else ""
                    )
                    cells.append(f"<td{attrs}>{escape(_show(cell.value))}</td>")
                if not in_table:
                    out.append("<table>")
                    in_table = True
                out.append("<tr>" + "".join(cells) + "</tr>")
                continue
            if in_table:
                out.append("</table>")
                in_table = False
            texts = [_show(cell.value) for cell in row if cell.value is not None]
            if texts:
                out.append(f"<p>{escape(' '.join(texts))}</p>")
        if in_table:
            out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)
