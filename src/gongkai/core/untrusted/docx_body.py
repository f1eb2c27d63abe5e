"""A Word (.docx) body as HTML for the catalogue's 正文: headings, paragraphs, lists, tables, alignment.

Runs in the sandbox child (`gongkai.core.untrusted.docx_body_html`); the caller sanitises the result with
the catalogue's allow-list (`catalog.sanitize.clean_html`), so this module only has to be faithful, not safe.
Right- and centre-aligned paragraphs (the 落款 and 成文日期 of a 公文, GB/T 9704-2012 §7.3.5) keep their
alignment as `class="right"` / `class="center"`.
"""

from __future__ import annotations

import io
import re
from html import escape

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class BodyImportError(ValueError):
    """The document cannot be read as a Word body (message in Chinese)."""


def _heading_level(style_name: str) -> int | None:
    name = (style_name or "").strip().lower()
    if name == "title":
        return 1
    m = re.match(r"^(?:heading|标题)\s*(\d)$", name)
    return int(m.group(1)) if m else None


def _runs_html(paragraph) -> str:
    out = []
    for run in paragraph.runs:
        text = escape(run.text or "")
        if not text:
            continue
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.italic:
            text = f"<em>{text}</em>"
        if run.underline:
            text = f"<u>{text}</u>"
        out.append(text)
    # Line breaks inside a paragraph (Shift+Enter) come through as "\n" in run.text.
    return "".join(out).replace("\n", "<br>")


def _alignment(paragraph) -> str:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    align = paragraph.alignment
    if align is None and paragraph.style is not None:
        align = paragraph.style.paragraph_format.alignment
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        return "right"
    if align == WD_ALIGN_PARAGRAPH.CENTER:
        return "center"
    return ""


def _list_kind(paragraph) -> str | None:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.lower().startswith("list number"):
        return "ol"
    if style.lower().startswith(("list bullet", "list paragraph")):
        return "ul"
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return "ul"
    return None


def _table_html(table) -> str:
    from docx.table import _Cell

    rows = []
    grid = []  # per row: list of (tc, colspan, vmerge)
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            span = tc.grid_span or 1
            vmerge = tc.vMerge  # "restart", "continue" or None
            cells.append((tc, span, vmerge))
        grid.append(cells)

    def column_of(cells, index):
        return sum(span for _, span, _ in cells[:index])

    for r, cells in enumerate(grid):
        out = []
        for i, (tc, span, vmerge) in enumerate(cells):
            if vmerge == "continue":
                continue
            rowspan = 1
            if vmerge == "restart":
                col = column_of(cells, i)
                for below in grid[r + 1:]:
                    match = [c for j, c in enumerate(below) if column_of(below, j) == col]
                    if match and match[0][2] == "continue":
                        rowspan += 1
                    else:
                        break
            cell = _Cell(tc, table)
            text = "<br>".join(_runs_html(p) for p in cell.paragraphs if p.text.strip())
            attrs = (f' colspan="{span}"' if span > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
            out.append(f"<td{attrs}>{text}</td>")
        rows.append("<tr>" + "".join(out) + "</tr>")
    return "<table><tbody>" + "".join(rows) + "</tbody></table>"


def docx_to_html(data: bytes) -> str:
    """The body of a .docx as HTML (h2–h4, p, ul/ol, table; alignment as class)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # any malformed package
        raise BodyImportError("无法读取该 Word 文档（需为 .docx 格式）。") from exc

    parts: list[str] = []
    open_list: str | None = None
    for child in document.element.body.iterchildren():
        if child.tag == W + "p":
            paragraph = Paragraph(child, document)
            html = _runs_html(paragraph)
            kind = _list_kind(paragraph) if html else None
            if open_list and kind != open_list:
                parts.append(f"</{open_list}>")
                open_list = None
            if not html.strip():
                continue
            level = _heading_level(paragraph.style.name if paragraph.style is not None else "")
            if level is not None:
                tag = f"h{min(level + 1, 4)}"
                parts.append(f"<{tag}>{html}</{tag}>")
            elif kind:
                if open_list != kind:
                    parts.append(f"<{kind}>")
                    open_list = kind
                parts.append(f"<li>{html}</li>")
            else:
                align = _alignment(paragraph)
                parts.append(f'<p class="{align}">{html}</p>' if align else f"<p>{html}</p>")
        elif child.tag == W + "tbl":
            if open_list:
                parts.append(f"</{open_list}>")
                open_list = None
            parts.append(_table_html(Table(child, document)))
    if open_list:
        parts.append(f"</{open_list}>")
    if not parts:
        raise BodyImportError("该 Word 文档没有正文内容。")
    return "\n".join(parts)
