"""Renderers: one `Report` → HTML, DOCX, PDF, JSON or XLSX, all in the official layout.

    from gongkai.core.report.render import render
    data = render(report, "pdf")        # bytes for docx/pdf/xlsx, str for html/json

HTML is the canonical rendering; the PDF is WeasyPrint's print of it. Every format parses back
to the same values (tests/core/report/render).
"""

from __future__ import annotations

import json

from gongkai.core.report.render.docx import render_docx
from gongkai.core.report.render.html import render_html
from gongkai.core.report.render.xlsx import render_xlsx, xlsx_to_html
from gongkai.core.report.schema import Report

FORMATS = ("html", "docx", "pdf", "xlsx", "json")
BINARY = ("docx", "pdf", "xlsx")
SUFFIX = {"html": ".html", "docx": ".docx", "pdf": ".pdf", "xlsx": ".xlsx", "json": ".json"}


def render_json(report: Report, *, provenance: bool = True) -> str:
    """The interchange JSON (report.schema.json), pretty-printed, Chinese kept readable."""
    return json.dumps(report.to_json(provenance=provenance), ensure_ascii=False, indent=1) + "\n"


def render_pdf(report: Report) -> bytes:
    from gongkai.core.report.render.pdf import render_pdf as _render_pdf  # WeasyPrint loads slowly

    return _render_pdf(report)


def render(report: Report, fmt: str) -> bytes | str:
    """Render `report` as `fmt` (one of FORMATS)."""
    renderers = {"html": render_html, "docx": render_docx, "pdf": render_pdf, "xlsx": render_xlsx,
                 "json": render_json}
    if fmt not in renderers:
        raise ValueError(f"不支持的输出格式「{fmt}」，可选：{'、'.join(FORMATS)}")
    return renderers[fmt](report)


__all__ = [
    "BINARY", "FORMATS", "SUFFIX", "render", "render_docx", "render_html", "render_json", "render_pdf", "render_xlsx",
    "xlsx_to_html",
]
