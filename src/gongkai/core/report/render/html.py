"""HTML rendering: the canonical, printable form of a report (the PDF is made from it).

The tables use the official layout with its exact rowspan/colspan (docs/law.md §2.4–§2.6). The page
is self-contained (inline CSS, no scripts) and prints on A4.
"""

from __future__ import annotations

from html import escape

from gongkai.core import gbt9704
from gongkai.core.report.render.layout import (
    COLUMN_WIDTHS,
    PREAMBLE,
    Box,
    section_paragraphs,
    sections,
    table2_rows,
    table3_rows_layout,
    table4_rows,
    title,
)
from gongkai.core.report.schema import Report

FONT_STACK = gbt9704.PDF_BODY_STACK

CSS = """
html { font-family: FONT_STACK; font-size: 11pt; line-height: 1.6; color: #000; }
body { margin: 0 auto; max-width: 48em; padding: 1em; }
h1 { font-size: 17pt; text-align: center; font-weight: bold; margin: 0.6em 0 0.8em; }
h2 { font-size: 13pt; font-weight: bold; margin: 1.2em 0 0.5em; page-break-after: avoid; }
p { text-indent: 2em; margin: 0.3em 0; }
p.meta { text-indent: 0; text-align: center; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0.4em 0 0.8em; font-size: 9pt; line-height: 1.3; }
th, td { border: 0.75pt solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle;
         font-weight: normal; }
td.num { white-space: nowrap; }
table.table3, table.table4 { font-size: 8.5pt; }
td.label { text-align: left; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
@media print { body { max-width: none; padding: 0; } }
""".replace("FONT_STACK", FONT_STACK)


def _box(box: Box, tag: str = "td") -> str:
    attrs = ""
    if box.rowspan > 1:
        attrs += f' rowspan="{box.rowspan}"'
    if box.colspan > 1:
        attrs += f' colspan="{box.colspan}"'
    if box.num:
        attrs += ' class="num"'
    elif box.head and tag == "td" and len(box.text) > 12:
        attrs += ' class="label"'
    return f"<{tag}{attrs}>{escape(box.text)}</{tag}>"


#: The printed form (the PDF, and a browser's print): GB/T 9704 page, type and 落款 rules
#: (gongkai.core.gbt9704), the tables in 9 pt with their own spacing. The screen keeps CSS above.
PRINT_CSS = gbt9704.page_css() + f"""
.gw table {{ letter-spacing: 0; line-height: 1.3; font-size: {gbt9704.TABLE_PT}pt; text-align: center; }}
.gw table.table3, .gw table.table4 {{ font-size: {gbt9704.TABLE_PT - 0.5}pt; }}
.gw table.table4 th, .gw table.table4 td {{ padding: 2pt 1.5pt; }}
.gw table.table3, .gw table.table4 {{ break-inside: avoid; }}  /* 表三 fits one page: print it on one, as the DOCX does */
.gw .meta {{ text-align: center; text-indent: 0; }}
.annual-report .gw-title {{ margin-bottom: {gbt9704.LINE_PITCH_PT:.2f}pt; }}
.gw section {{ margin: 0; }}
"""


def _table(rows: list[list[Box]], cls: str, header_rows: int = 0) -> str:
    out = [f'<table class="{cls}">', "<colgroup>"]
    total = sum(COLUMN_WIDTHS[cls])
    out += [f'<col style="width:{100 * w / total:.2f}%">' for w in COLUMN_WIDTHS[cls]]
    out.append("</colgroup>")
    if header_rows:
        out.append("<thead>")
    for i, row in enumerate(rows):
        if header_rows and i == header_rows:
            out.append("</thead><tbody>")
        tag = "th" if i < header_rows else "td"
        out.append("<tr>" + "".join(_box(b, tag) for b in row) + "</tr>")
    out.append("</tbody></table>" if header_rows else "</table>")
    return "\n".join(out)


def render_html(report: Report, *, css: str = "") -> str:
    """The whole report as one HTML document (str)."""
    heading = title(report)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(heading)}</title>",
        f"<style>{CSS}@media print {{{PRINT_CSS}}}\n{css}</style></head>",
        '<body><article class="annual-report gw">',
        f'<h1 class="gw-title">{escape(heading)}</h1>',
    ]
    if report.published_on:
        parts.append(f'<p class="meta">发布日期：{escape(str(report.published_on))}</p>')
    parts.append(f"<p>{escape(PREAMBLE)}</p>")
    for index, (head, text) in enumerate(sections(report)):
        parts.append(f'<section><h2 class="gw-heading">{escape(head)}</h2>')
        if index == 1:
            parts.append(_table(table2_rows(report), "table2"))
        elif index == 2:
            parts.append(_table(table3_rows_layout(report), "table3", header_rows=3))
        elif index == 3:
            parts.append(_table(table4_rows(report), "table4", header_rows=3))
        else:
            parts.extend(f"<p>{escape(p)}</p>" for p in section_paragraphs(report, index, text))
        parts.append("</section>")
    parts.append("</article></body></html>")
    return "\n".join(parts) + "\n"
