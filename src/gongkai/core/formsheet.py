"""A paper form to fill in by hand (the 政府信息公开申请表 of the 指南, 条例第十二条、第二十九条), printed
per GB/T 9704-2012 page rules as DOCX and PDF with the same rows.

    from gongkai.core.formsheet import FormSheet, FormRow, formsheet_docx, formsheet_pdf
    sheet = FormSheet(agency_name="北京市…局", title="政府信息公开申请表",
                      rows=[FormRow("姓名或名称", section="申请人信息"), FormRow("申请人类型", "□自然人　□法人")],
                      notes=["带 * 的栏目为必填项。"])

A row whose `section` differs from the previous row's starts with a heading row across both columns;
`lines` is the writing space in lines (blank cells), `value` pre-printed text such as check boxes.
Pure Python: no Django imports.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field

from gongkai.core import gbt9704

ROW_MM = 10.0  # one writing line of a cell
LABEL_SHARE = (28, 72)  # label column, value column (shares of the 版心)
CELL_PT = gbt9704.SIZE_XIAO4


@dataclass
class FormRow:
    label: str
    value: str = ""
    lines: int = 1
    section: str = ""
    required: bool = False

    @property
    def label_text(self) -> str:
        return f"*{self.label}" if self.required else self.label


@dataclass
class FormSheet:
    agency_name: str
    title: str
    rows: list[FormRow]
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[tuple[str, str, str, int]]:
        """(kind, label, value, lines) in print order: kind "section" or "row"."""
        out, section = [], None
        for row in self.rows:
            if row.section and row.section != section:
                out.append(("section", row.section, "", 1))
            section = row.section or section
            out.append(("row", row.label_text, row.value, row.lines))
        return out


# -- HTML / PDF -----------------------------------------------------------------------------------

def formsheet_html(sheet: FormSheet) -> str:
    esc = html.escape
    rows = []
    for kind, label, value, lines in sheet.lines():
        if kind == "section":
            rows.append(f'<tr class="fs-section"><th colspan="2" scope="colgroup">{esc(label)}</th></tr>')
        else:
            # a check box and its words stay on one line (「□外国人永久居留身份证」 is never split)
            cell = "　".join(f'<span class="fs-nb">{esc(v)}</span>' for v in value.split("　")) if value else ""
            rows.append(f'<tr style="height:{ROW_MM * lines:.0f}mm"><th scope="row">{esc(label)}</th>'
                        f"<td>{cell}</td></tr>")
    notes = "".join(f"<p class=\"fs-note\">{esc(n)}</p>" for n in sheet.notes)
    css = gbt9704.font_face_css() + gbt9704.page_css(page_numbers=False) + f"""
.gw table {{ width: 100%; border-collapse: collapse; letter-spacing: 0; margin-top: 6pt; table-layout: fixed;
  font-size: {CELL_PT}pt; line-height: 1.35; }}
.gw th, .gw td {{ border: 0.75pt solid #000; padding: 3pt 5pt; font-weight: normal; text-align: left;
  vertical-align: middle; }}
.gw th[scope=row] {{ width: {LABEL_SHARE[0]}%; text-align: center; }}
.gw tr.fs-section th {{ text-align: left; font-family: {gbt9704.PDF_HEADING_STACK}; background: #eee; }}
.gw tr {{ page-break-inside: avoid; }}
.gw .fs-nb {{ white-space: nowrap; }}
.gw .fs-note {{ font-size: {CELL_PT}pt; line-height: 1.5; text-indent: 0; margin: 2pt 0; }}
"""
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(sheet.title)}</title>'
            f'<style>{css}</style></head><body><div class="gw"><h1 class="gw-title">{esc(sheet.agency_name)}<br>'
            f'{esc(sheet.title)}</h1><table>{"".join(rows)}</table>{notes}</div></body></html>')


def formsheet_pdf(sheet: FormSheet) -> bytes:
    import logging

    from weasyprint import HTML

    from gongkai.core.notice import fonts_only_fetcher

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=formsheet_html(sheet), base_url=str(gbt9704.FONT_DIR),
                url_fetcher=fonts_only_fetcher()).write_pdf()


# -- DOCX -----------------------------------------------------------------------------------------

def formsheet_docx(sheet: FormSheet) -> bytes:
    from docx import Document
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    gbt9704.docx_page(doc, page_numbers=False)
    gbt9704.docx_form_title(doc, sheet.agency_name, sheet.title)
    lines = sheet.lines()
    table = doc.add_table(rows=len(lines), cols=2)
    table.style = "Table Grid"
    for (kind, label, value, n), row in zip(lines, table.rows, strict=True):
        row.height = Mm(ROW_MM * n)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        trpr = row._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        trpr.append(cant)
        if kind == "section":
            cell = row.cells[0].merge(row.cells[1])
            shade = OxmlElement("w:shd")
            shade.set(qn("w:val"), "clear")
            shade.set(qn("w:fill"), "EEEEEE")
            cell._tc.get_or_add_tcPr().append(shade)
            cells = [(cell, label, WD_ALIGN_PARAGRAPH.LEFT, gbt9704.HEADING_FONT)]
        else:
            cells = [(row.cells[0], label, WD_ALIGN_PARAGRAPH.CENTER, gbt9704.BODY_FONT),
                     (row.cells[1], value, WD_ALIGN_PARAGRAPH.LEFT, gbt9704.BODY_FONT)]
        for cell, text, align, font in cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.alignment = align
            gbt9704.docx_off_grid(p)
            p.paragraph_format.line_spacing = Pt(round(CELL_PT * 1.35, 1))
            p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
            if kind == "section":  # a heading row never ends a page
                p.paragraph_format.keep_with_next = True
            gbt9704.docx_font(p.add_run(text), font, CELL_PT)
    gbt9704.docx_table_widths(table, LABEL_SHARE)
    for note in sheet.notes:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(2)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = Pt(round(CELL_PT * 1.5, 1))
        gbt9704.docx_off_grid(p)
        gbt9704.docx_font(p.add_run(note), gbt9704.BODY_FONT, CELL_PT)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
